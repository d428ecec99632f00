/**
 * Button payloads travel as `callback_data` = `${buttonSeq}|${payload}`. The sequence number lets the
 * bot recognise a press on an old keyboard; Telegram allows at most 64 bytes.
 */

export const CALLBACK_DATA_MAX_BYTES = 64;

export interface EncodedCallbackData {
  data: string;
  /** True when the payload had to be cut to fit 64 bytes. */
  truncated: boolean;
}

export function encodeCallbackData(buttonSeq: number, payload: string): EncodedCallbackData {
  const prefix = `${buttonSeq}|`;
  const budget = CALLBACK_DATA_MAX_BYTES - Buffer.byteLength(prefix, 'utf8');
  const cut = truncateUtf8(payload, budget);
  return { data: prefix + cut, truncated: cut.length < payload.length };
}

export interface ParsedCallbackData {
  /** 0 when the data carried no sequence (or is not ours). */
  buttonSeq: number;
  payload: string;
}

const FORMAT = /^(\d{1,15})\|(.*)$/s;

/** Data in another format (an old bot version, a forged press) comes back whole as the payload. */
export function parseCallbackData(data: string): ParsedCallbackData {
  const match = FORMAT.exec(data);
  if (!match) return { buttonSeq: 0, payload: data };
  return { buttonSeq: Number(match[1]), payload: match[2] ?? '' };
}

/** Cuts at a code point boundary so that no character is split into invalid UTF-8. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
