import { z } from 'zod';
import { SUPPORTED_LOCALES } from '../../../platform/config/config-types.js';
import { INTERESTS } from '../../volunteering/index.js';
import { ANNOUNCEMENT_TOPICS, BroadcastError, LONG_TEXT_MODES, type BroadcastInput } from './broadcast.js';
import { BROADCAST_TEXT_MAX, BROADCAST_TITLE_MAX, BUTTON_LABEL_MAX, BUTTON_TARGET_MAX } from './broadcast-schema.js';

const perLocale = (max: number) => z.object(Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, z.string().max(max).optional()]))).strict();
const DEEP_LINK = /^[A-Za-z0-9_-]{1,60}$/;

const buttonSchema = z
  .object({
    kind: z.enum(['url', 'deep-link']),
    target: z.string().trim().min(1).max(BUTTON_TARGET_MAX),
    labels: perLocale(BUTTON_LABEL_MAX),
  })
  .strict()
  .superRefine((button, context) => {
    const valid = button.kind === 'url' ? isWebLink(button.target) : DEEP_LINK.test(button.target);
    if (!valid) context.addIssue({ code: 'custom', path: ['target'], message: button.kind === 'url' ? 'not an http(s) address' : 'not a deep-link payload' });
  });

const audienceSchema = z
  .object({
    channels: z.array(z.enum(['telegram', 'webchat'])).max(2),
    locales: z.array(z.enum(SUPPORTED_LOCALES)).max(SUPPORTED_LOCALES.length),
    interests: z.array(z.enum(INTERESTS)).max(INTERESTS.length),
    districts: z.array(z.string().trim().min(1).max(80)).max(100),
    topics: z.array(z.enum(ANNOUNCEMENT_TOPICS)).max(ANNOUNCEMENT_TOPICS.length),
    workshopId: z.string().regex(/^[\w-]{1,80}$/).optional(),
    joinedAfter: z.date().optional(),
    joinedBefore: z.date().optional(),
  })
  .strict()
  .refine((audience) => !audience.joinedAfter || !audience.joinedBefore || audience.joinedAfter < audience.joinedBefore, {
    path: ['joinedBefore'],
    message: '"joined before" must come after "joined after"',
  });

const inputSchema = z
  .object({
    title: z.string().trim().min(1).max(BROADCAST_TITLE_MAX),
    topic: z.enum(ANNOUNCEMENT_TOPICS),
    texts: perLocale(BROADCAST_TEXT_MAX),
    button: buttonSchema.optional(),
    audience: audienceSchema,
    longText: z.enum(LONG_TEXT_MODES),
  })
  .strict();

/** Checks and normalises the composer's input; throws BroadcastError naming the fields. */
export function parseBroadcastInput(input: unknown): BroadcastInput {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    throw new BroadcastError('invalid', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), fields);
  }
  const value = parsed.data;
  const texts = Object.fromEntries(Object.entries(value.texts).flatMap(([locale, text]) => (text?.trim() ? [[locale, text.trim()]] : [])));
  if (Object.keys(texts).length === 0) throw new BroadcastError('no-text', 'a broadcast needs a text in at least one language', ['texts']);
  const labels = value.button ? Object.fromEntries(Object.entries(value.button.labels).flatMap(([locale, label]) => (label?.trim() ? [[locale, label.trim()]] : []))) : {};
  return {
    title: value.title,
    topic: value.topic,
    texts,
    ...(value.button ? { button: { kind: value.button.kind, target: value.button.target, labels } } : {}),
    audience: { ...value.audience, districts: [...new Set(value.audience.districts)] },
    longText: value.longText,
  };
}

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}
