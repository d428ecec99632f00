import type { Activity } from 'botbuilder-core';
import { badArgument, DirectLineError } from './directline-error.js';
import { DEFAULT_VISITOR_LIMITS } from './visitor-limits.js';

/** Direct Line's limit for one activity (shared/design.md). */
export const MAX_TEXT_CHARS = 300_000;

const ACCEPTED_TYPES = new Set(['message', 'event', 'typing']);
/** The fields a client may set; everything that says who or where (from, conversation, id, serviceUrl) is the server's. */
const CLIENT_FIELDS = ['type', 'text', 'textFormat', 'value', 'name', 'locale', 'localTimestamp', 'localTimezone', 'channelData', 'entities', 'replyToId'] as const;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isLocale(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 35 && LOCALE.test(value);
}

/** A watermark as polls and streams take it: a sequence number we handed out, or nothing (from the start). */
export function parseWatermark(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) throw badArgument('watermark must be a number as returned by the last poll');
  return Number(value);
}

/** Checks what a client posted and keeps only the fields a client may set; 4xx with the reason otherwise. */
export function parseClientActivity(body: unknown, extrasChars = DEFAULT_VISITOR_LIMITS.extrasChars): Partial<Activity> {
  if (!isPlainObject(body)) throw badArgument('the body must be a JSON object (an activity)');
  if (typeof body['type'] !== 'string') throw badArgument('activity.type must be a string');
  if (!ACCEPTED_TYPES.has(body['type'])) throw badArgument('activity.type must be "message", "event" or "typing"');
  if (body['text'] !== undefined && typeof body['text'] !== 'string') throw badArgument('activity.text must be a string');
  if (typeof body['text'] === 'string' && body['text'].length > MAX_TEXT_CHARS) {
    throw new DirectLineError(413, 'MessageSizeTooBig', `activity.text must not exceed ${MAX_TEXT_CHARS} characters`);
  }
  if (Array.isArray(body['attachments']) && body['attachments'].length > 0) {
    throw new DirectLineError(400, 'NotSupported', 'attachments and uploads are not supported by this service');
  }
  if (body['channelData'] !== undefined && !isPlainObject(body['channelData'])) throw badArgument('activity.channelData must be an object');
  if (body['name'] !== undefined && (typeof body['name'] !== 'string' || body['name'].length > 200)) throw badArgument('activity.name must be a short string');
  if (body['locale'] !== undefined && !isLocale(body['locale'])) throw badArgument('activity.locale must be a language tag such as de-DE');
  if (body['entities'] !== undefined && !Array.isArray(body['entities'])) throw badArgument('activity.entities must be an array');
  const activity: Record<string, unknown> = {};
  for (const field of CLIENT_FIELDS) if (body[field] !== undefined) activity[field] = body[field];
  // The text has its own limit above; everything else (an event's value, channelData) is small in any real client.
  if (JSON.stringify({ ...activity, text: undefined }).length > extrasChars) {
    throw new DirectLineError(413, 'MessageSizeTooBig', `the activity's fields other than text (value, channelData, entities...) must not exceed ${extrasChars} characters as JSON`);
  }
  return activity as Partial<Activity>;
}
