import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares the X-Telegram-Bot-Api-Secret-Token header in constant time (as grammY's webhook does),
 * so that response timing does not reveal how much of a guess was right. Hashing first gives equal
 * lengths, which timingSafeEqual requires, without leaking the secret's length.
 */
export function secretMatches(expected: string | undefined, received: string | undefined): boolean {
  if (!expected || received === undefined) return false;
  return timingSafeEqual(digest(expected), digest(received));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

// Telegram's rule for secret_token (setWebhook): 1–256 characters A–Z, a–z, 0–9, _ and -.
const SECRET_FORMAT = /^[A-Za-z0-9_-]{1,256}$/;

export function isValidWebhookSecret(secret: string): boolean {
  return SECRET_FORMAT.test(secret);
}
