/** Telegram's limit for one text message: 1–4096 characters (Bot API sendMessage). */
export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * Splits a long text into messages Telegram accepts, preferring paragraph, then line, then word
 * boundaries, and never splitting a surrogate pair (an emoji) in two.
 */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const chunk = rest.slice(0, cut).trimEnd();
    if (chunk) chunks.push(chunk);
    rest = rest.slice(cut).trimStart();
  }
  if (rest.trim()) chunks.push(rest);
  return chunks;
}

function cutPoint(text: string, limit: number): number {
  const window = text.slice(0, limit + 1);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator);
    // A boundary in the first half would leave tiny messages: cut hard instead.
    if (at > limit / 2) return at;
  }
  const code = text.charCodeAt(limit - 1);
  const highSurrogate = code >= 0xd800 && code <= 0xdbff;
  return highSurrogate ? limit - 1 : limit;
}
