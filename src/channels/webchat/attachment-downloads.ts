import type { Activity, Attachment } from 'botbuilder-core';
import { decodeDataUri } from '../../bot/data-uri.js';
import type { FileRepository } from './file-repository.js';

/** Files above this are refused: they travel as one store document (MongoDB's limit is 16 MB, base64 adds a third). */
export const MAX_DOWNLOAD_BYTES = 10 * 1024 * 1024;

export class DownloadTooLargeError extends Error {
  override name = 'DownloadTooLargeError';
  constructor(readonly size: number) {
    super(`a generated file of ${size} bytes exceeds ${MAX_DOWNLOAD_BYTES} bytes`);
  }
}

export interface DownloadOwner {
  tenantId: string;
  conversationId: string;
  userId: string;
}

/**
 * Dialogs attach generated files as `data:` URIs (channel-neutral, see data-uri.ts). Web Chat shows
 * an attachment with a URL as a download link, so each such file becomes a short-lived download
 * served by our router, and the activity carries its path instead of the bytes.
 */
export async function storeDataAttachments(activity: Partial<Activity>, owner: DownloadOwner, files: FileRepository): Promise<Partial<Activity>> {
  if (!activity.attachments?.some(isDataAttachment)) return activity;
  const attachments: Attachment[] = [];
  for (const attachment of activity.attachments) {
    if (!isDataAttachment(attachment)) {
      attachments.push(attachment);
      continue;
    }
    const decoded = decodeDataUri(attachment.contentUrl ?? '');
    if (!decoded) throw new TypeError('an attachment holds a data: URI that cannot be decoded');
    if (decoded.bytes.length > MAX_DOWNLOAD_BYTES) throw new DownloadTooLargeError(decoded.bytes.length);
    const contentType = attachment.contentType || decoded.contentType;
    const name = safeFileName(attachment.name);
    const id = await files.save({ ...owner, name, contentType, bytes: decoded.bytes });
    attachments.push({ ...attachment, contentType, name, contentUrl: downloadPath(id, name) });
  }
  return { ...activity, attachments };
}

export function downloadPath(id: string, name: string): string {
  return `/webchat/files/${encodeURIComponent(id)}/${encodeURIComponent(name)}`;
}

function isDataAttachment(attachment: Attachment): boolean {
  return typeof attachment.contentUrl === 'string' && attachment.contentUrl.startsWith('data:');
}

/** A name for Content-Disposition and the URL: no paths, no control characters, not too long. */
export function safeFileName(name: string | undefined): string {
  const cleaned = (name ?? '')
    .replace(/[\p{Cc}\\/:*?"<>|]+/gu, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 100);
  return cleaned || 'download';
}
