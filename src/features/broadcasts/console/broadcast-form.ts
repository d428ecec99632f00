import { DateTime } from 'luxon';
import { z } from 'zod';
import { SUPPORTED_LOCALES, type Locale } from '../../../platform/config/config-types.js';
import { ANNOUNCEMENT_TOPICS, LONG_TEXT_MODES, type AnnouncementTopic, type AudienceFilter, type Broadcast, type BroadcastInput } from '../domain/broadcast.js';
import { BROADCAST_TEXT_MAX, BROADCAST_TITLE_MAX, BUTTON_LABEL_MAX, BUTTON_TARGET_MAX } from '../domain/broadcast-schema.js';
import { normaliseDistrict } from '../../volunteering/index.js';
import { INTERESTS } from '../../volunteering/index.js';
import { CONSOLE_TIME_ZONE, choice, choices, NONEXISTENT_TIME, optionalChoice, optionalText, parseLocalDateTime, requiredText } from '../../../staff/content/form-fields.js';
import type { FormValues } from '../../../staff/content/content-section.js';
import { isTextKey } from '../../../staff/operations/forms.js';
import type { TranslationKey } from '../../../platform/i18n/translation-keys.js';

/**
 * The composer's form: flat field names (URL-encoded, no nesting) that are also the paths the
 * service names in BroadcastError.fields (`texts.en`, `button.target`, `audience.joinedBefore`), so
 * that an error of either lands next to its field. Messages are locale keys (`console:…`).
 */
export const COMPOSER_FIELDS = [
  'title',
  'topic',
  ...SUPPORTED_LOCALES.map((locale) => `texts.${locale}`),
  'longText',
  'button.kind',
  'button.target',
  'button.workshop',
  ...SUPPORTED_LOCALES.map((locale) => `button.labels.${locale}`),
  'audience.channels',
  'audience.locales',
  'audience.interests',
  'audience.districts',
  'audience.districtsOther',
  'audience.topics',
  'audience.workshopId',
  'audience.joinedAfter',
  'audience.joinedBefore',
] as const;

/** Fields that take several values (checkboxes). */
const MULTI = new Set(['audience.channels', 'audience.locales', 'audience.interests', 'audience.districts', 'audience.topics']);

const DEEP_LINK = /^[A-Za-z0-9_-]{1,60}$/;
const WEB_LINK = /^https?:\/\/[^\s<>"]+$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface ComposerContext {
  /** The tenant's districts (the checkboxes); typed ones are matched against them. */
  districts: readonly string[];
  defaultLocale: Locale;
}

export type ComposerResult =
  | { ok: true; values: FormValues; input: BroadcastInput }
  | {
      ok: false;
      values: FormValues;
      errors: Record<string, string>;
      /** Topic and audience alone, when those are valid (enough to count the audience). */
      audience?: { topic: AnnouncementTopic; filter: AudienceFilter };
    };

/** A day (`2025-03-01`) in Berlin as the instant it begins. */
function startOfBerlinDay(value: string): Date | null {
  if (!DAY.test(value)) return null;
  const day = DateTime.fromISO(value, { zone: CONSOLE_TIME_ZONE });
  return day.isValid ? day.startOf('day').toJSDate() : null;
}

const optionalDay = () =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? (startOfBerlinDay(value.trim()) ?? 'invalid') : undefined),
    z.date({ error: 'console:errors.date' }).optional(),
  );

const perLocale = (max: number) => z.object(Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, optionalText(max)])) as Record<Locale, ReturnType<typeof optionalText>>);

/** Free text "Ölberg, Unterbarmen": each name tidied up (or matched to the list); an unknown shape is an error. */
const districtList = (known: readonly string[]) =>
  optionalText(500).transform((text, context) => {
    const names: string[] = [];
    for (const part of (text ?? '').split(/[,;\n]/)) {
      if (!part.trim()) continue;
      const name = normaliseDistrict(part, known);
      if (!name) {
        context.addIssue({ code: 'custom', message: 'broadcastsConsole:errors.district' });
        return [];
      }
      names.push(name);
    }
    return names;
  });

function composerSchema(context: ComposerContext) {
  const audience = z
    .object({
      channels: choices(['telegram', 'webchat']),
      locales: choices(SUPPORTED_LOCALES),
      interests: choices(INTERESTS),
      districts: z.preprocess(
        (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
        z.array(z.string({ error: 'console:errors.choose' }).trim().min(1, 'console:errors.choose').max(80, 'console:errors.tooLong'), { error: 'console:errors.choose' }).max(100, 'console:errors.tooLong'),
      ),
      districtsOther: districtList(context.districts),
      topics: choices(ANNOUNCEMENT_TOPICS),
      workshopId: z.preprocess((value) => (value === '' ? undefined : value), z.string({ error: 'console:errors.choose' }).regex(/^[\w-]{1,80}$/, 'console:errors.choose').optional()),
      joinedAfter: optionalDay(),
      joinedBefore: optionalDay(),
    })
    .superRefine(
      (value, ctx) => {
        const { joinedAfter: after, joinedBefore: before } = value as { joinedAfter?: unknown; joinedBefore?: unknown };
        if (after instanceof Date && before instanceof Date && after >= before) ctx.addIssue({ code: 'custom', path: ['joinedBefore'], message: 'broadcastsConsole:errors.joinedOrder' });
      },
      // Also when other fields of the audience have errors: every message at once.
      { when: () => true },
    );
  const button = z
    .object({
      kind: optionalChoice(['url', 'deep-link']),
      target: optionalText(BUTTON_TARGET_MAX),
      workshop: z.preprocess((value) => (value === '' ? undefined : value), z.string({ error: 'console:errors.choose' }).regex(/^[\w-]{1,80}$/, 'console:errors.choose').optional()),
      labels: perLocale(BUTTON_LABEL_MAX),
    })
    .transform((value, ctx) => {
      if (!value.kind) return undefined;
      // The workshop list is a shortcut for the deep link `workshop-<id>`; a typed payload wins.
      const target = value.target ?? (value.kind === 'deep-link' && value.workshop ? `workshop-${value.workshop}` : undefined);
      if (!target) {
        ctx.addIssue({ code: 'custom', path: ['target'], message: value.kind === 'url' ? 'broadcastsConsole:errors.buttonUrl' : 'broadcastsConsole:errors.buttonPayload' });
        return z.NEVER;
      }
      if (value.kind === 'url' ? !WEB_LINK.test(target) : !DEEP_LINK.test(target)) {
        ctx.addIssue({ code: 'custom', path: ['target'], message: value.kind === 'url' ? 'console:errors.url' : 'broadcastsConsole:errors.deepLink' });
        return z.NEVER;
      }
      const labels = Object.fromEntries(Object.entries(value.labels).filter((entry): entry is [string, string] => !!entry[1]));
      return { kind: value.kind, target, labels };
    });
  return z.object({
    title: requiredText(BROADCAST_TITLE_MAX),
    topic: choice(ANNOUNCEMENT_TOPICS),
    // The city's language is required: it is what everyone without a text of their own reads.
    texts: perLocale(BROADCAST_TEXT_MAX).refine((texts) => Boolean(texts[context.defaultLocale]), { path: [context.defaultLocale], message: 'broadcastsConsole:errors.no-default-text' }),
    longText: choice(LONG_TEXT_MODES),
    button,
    audience,
  });
}

/** What was typed, by field name, to show the form again exactly as it was sent. */
export function composerValues(body: Record<string, unknown> | undefined): FormValues {
  const values: FormValues = {};
  for (const name of COMPOSER_FIELDS) {
    const value = body?.[name];
    if (MULTI.has(name)) values[name] = (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is string => typeof item === 'string');
    else values[name] = typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
  }
  return values;
}

/** The form's flat fields as the nested shape the schema checks (issue paths joined with "." are field names again). */
function nested(values: FormValues): Record<string, unknown> {
  const shape: Record<string, Record<string, unknown>> = {};
  const root: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const [head, ...rest] = name.split('.');
    if (rest.length === 0) root[head!] = value;
    else {
      let node = (shape[head!] ??= {});
      for (const key of rest.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
      node[rest.at(-1)!] = value;
    }
  }
  return { ...root, ...shape };
}

/** Checks the composer's form; on success the input for the service (which checks again). */
export function parseComposer(body: Record<string, unknown> | undefined, context: ComposerContext): ComposerResult {
  const values = composerValues(body);
  const parsed = composerSchema(context).safeParse(nested(values));
  if (parsed.success) {
    const { audience, button, ...rest } = parsed.data;
    const texts = Object.fromEntries(Object.entries(rest.texts).filter((entry): entry is [string, string] => !!entry[1]));
    return { ok: true, values, input: { ...rest, texts, audience: filterOf(audience), ...(button ? { button } : {}) } };
  }
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.');
    errors[field] ??= isTextKey(issue.message) ? issue.message : 'console:errors.invalid';
  }
  const audienceValid = !Object.keys(errors).some((field) => field === 'topic' || field.startsWith('audience.'));
  if (!audienceValid) return { ok: false, values, errors };
  const audienceOnly = composerSchema(context).pick({ topic: true, audience: true }).safeParse(nested(values));
  return { ok: false, values, errors, ...(audienceOnly.success ? { audience: { topic: audienceOnly.data.topic, filter: filterOf(audienceOnly.data.audience) } } : {}) };
}

function filterOf(audience: {
  channels: AudienceFilter['channels'];
  locales: Locale[];
  interests: string[];
  districts: string[];
  districtsOther: string[];
  topics: AnnouncementTopic[];
  workshopId?: string | undefined;
  joinedAfter?: Date | undefined;
  joinedBefore?: Date | undefined;
}): AudienceFilter {
  return {
    channels: audience.channels,
    locales: audience.locales,
    interests: audience.interests,
    districts: [...new Set([...audience.districts, ...audience.districtsOther])],
    topics: audience.topics,
    ...(audience.workshopId ? { workshopId: audience.workshopId } : {}),
    ...(audience.joinedAfter ? { joinedAfter: audience.joinedAfter } : {}),
    ...(audience.joinedBefore ? { joinedBefore: audience.joinedBefore } : {}),
  };
}

const berlinDay = (date: Date | undefined): string => (date ? DateTime.fromJSDate(date).setZone(CONSOLE_TIME_ZONE).toFormat('yyyy-MM-dd') : '');

/** A stored broadcast as the composer's fields (districts not in the tenant's list go to the free-text field). */
export function valuesOfBroadcast(broadcast: Broadcast, context: ComposerContext): FormValues {
  const { audience, button } = broadcast;
  const values: FormValues = {
    title: broadcast.title,
    topic: broadcast.topic,
    longText: broadcast.longText,
    'button.kind': button?.kind ?? '',
    'button.target': button?.target ?? '',
    'button.workshop': '',
    'audience.channels': [...audience.channels],
    'audience.locales': [...audience.locales],
    'audience.interests': [...audience.interests],
    'audience.districts': audience.districts.filter((district) => context.districts.includes(district)),
    'audience.districtsOther': audience.districts.filter((district) => !context.districts.includes(district)).join(', '),
    'audience.topics': [...audience.topics],
    'audience.workshopId': audience.workshopId ?? '',
    'audience.joinedAfter': berlinDay(audience.joinedAfter),
    'audience.joinedBefore': berlinDay(audience.joinedBefore),
  };
  for (const locale of SUPPORTED_LOCALES) {
    values[`texts.${locale}`] = broadcast.texts[locale] ?? '';
    values[`button.labels.${locale}`] = button?.labels[locale] ?? '';
  }
  return values;
}

/** A fresh composer: the first topic, split long texts, no restrictions. */
export function emptyComposerValues(): FormValues {
  return { ...composerValues(undefined), topic: ANNOUNCEMENT_TOPICS[0], longText: 'split' };
}

/**
 * The field a service error names: the form field itself, or the field a deeper path belongs to
 * (`audience.districts.3` → `audience.districts`); `texts` alone → the default language's text.
 */
export function formFieldOf(path: string, defaultLocale: Locale): string | undefined {
  if (path === 'texts') return `texts.${defaultLocale}`;
  if (path === 'button') return 'button.target';
  return [...COMPOSER_FIELDS].sort((a, b) => b.length - a.length).find((field) => path === field || path.startsWith(`${field}.`));
}

export type SendAtResult = { ok: true; sendAt: Date | 'now' } | { ok: false; error: TranslationKey };

/** "Jetzt senden" (`when=now`) or the datetime-local field `sendAt` in Berlin time. */
export function parseSendAt(body: Record<string, unknown> | undefined): SendAtResult {
  if (body?.['when'] === 'now') return { ok: true, sendAt: 'now' };
  const parsed = parseLocalDateTime(body?.['sendAt']);
  if (parsed instanceof Date) return { ok: true, sendAt: parsed };
  return { ok: false, error: parsed === undefined ? 'broadcastsConsole:errors.sendAtMissing' : parsed === NONEXISTENT_TIME ? 'console:errors.nonexistentTime' : 'console:errors.date' };
}
