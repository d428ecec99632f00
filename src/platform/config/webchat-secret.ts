import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Zero-config start: without WEBCHAT_SECRET the embedded deployment makes one and keeps it in
 * DATA_DIR, so that Direct Line tokens survive a restart. Production (several instances) sets it.
 */
export function persistedWebchatSecret(dataDir: string, tenantId: string): string {
  const file = join(dataDir, `webchat-secret-${tenantId}`);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret + '\n', { mode: 0o600 });
    return secret;
  }
}
