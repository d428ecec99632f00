/**
 * Dialogs attach generated files (a data export, later calendar files) as `data:` URIs so that they
 * stay channel-neutral; each channel turns them into what it can deliver (a Telegram document, a
 * download link in the web chat).
 */
export interface DecodedDataUri {
  contentType: string;
  bytes: Buffer;
}

const DATA_URI = /^data:([^;,]+)?((?:;[^;,]+)*?)(;base64)?,(.*)$/s;

export function decodeDataUri(uri: string): DecodedDataUri | null {
  const match = DATA_URI.exec(uri);
  if (!match) return null;
  const [, contentType = 'text/plain', , base64, payload = ''] = match;
  const bytes = base64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
  return { contentType, bytes };
}

export function encodeDataUri(contentType: string, bytes: Buffer | string): string {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return `data:${contentType};base64,${buffer.toString('base64')}`;
}
