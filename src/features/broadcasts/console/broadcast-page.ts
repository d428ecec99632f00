import { DateTime } from 'luxon';
import { SUPPORTED_LOCALES } from '../../../platform/config/config-types.js';
import { BROADCAST_STATUSES, isOpenStatus, type AudienceSize, type Broadcast, type BroadcastProgress } from '../domain/broadcast.js';
import { CONSOLE_TIME_ZONE, localDateTimeValue } from '../../../staff/content/form-fields.js';
import type { StaffContext } from '../../../staff/http/staff-context.js';
import type { BroadcastConsole } from './broadcast-console.js';
import { familyKey } from '../../../platform/i18n/translation-keys.js';

/** Statuses in which the delivery records may exist (progress and statistics make sense). */
const DELIVERING = new Set<Broadcast['status']>(['scheduled', 'sending', 'paused', 'completed', 'cancelled']);

/** A broadcast's page: preview of every language, audience, test, send, approval, control, progress. */
export async function broadcastPageData(bc: BroadcastConsole, staff: StaffContext, broadcast: Broadcast): Promise<Record<string, unknown>> {
  const t = bc.t;
  const { tenantId } = staff;
  const fannedOut = !!broadcast.fannedOutAt;
  const [size, progress, settings, workshops] = await Promise.all([
    fannedOut || broadcast.status === 'completed' || broadcast.status === 'cancelled' ? undefined : bc.broadcasts.audienceSize(tenantId, broadcast.topic, broadcast.audience),
    DELIVERING.has(broadcast.status) ? bc.broadcasts.progress(tenantId, broadcast._id) : undefined,
    bc.broadcasts.settings(tenantId),
    broadcast.audience.workshopId ? bc.workshops(tenantId, [broadcast.audience.workshopId]) : Promise.resolve([]),
  ]);
  const previews = bc.broadcasts.preview(tenantId, broadcast).map((preview) => ({ ...preview, language: t(`console:languages.${preview.locale}`) }));
  const submittedByMe = broadcast.submittedBy?.id === staff.user._id;
  return {
    title: `${t('broadcastsConsole:broadcast')}: ${broadcast.title}`,
    broadcast,
    statusLabel: statusLabel(bc, broadcast.status),
    statusLabels: JSON.stringify(Object.fromEntries(BROADCAST_STATUSES.map((status) => [status, statusLabel(bc, status)]))),
    topicTitle: bc.topicTitle(broadcast.topic),
    previews,
    size,
    sizeLines: size ? sizeLines(bc, size) : [],
    progress,
    done: progress ? doneOf(progress) : 0,
    rate: progress ? formatRate(progress.ratePerSecond) : '0',
    open: isOpenStatus(broadcast.status),
    editable: broadcast.status === 'draft' || broadcast.status === 'awaiting-approval',
    requireApproval: settings.requireApproval,
    canApprove: broadcast.status === 'awaiting-approval' && !submittedByMe,
    submittedByMe,
    audienceLines: audienceLines(bc, broadcast, workshops),
    buttonLine: broadcast.button ? `${t(`broadcastsConsole:buttonKind.${broadcast.button.kind}`)}: ${broadcast.button.target}` : t('broadcastsConsole:noButton'),
    longTextLabel: t(`broadcastsConsole:longText.${broadcast.longText}`),
    // The scheduler form starts at the next full quarter hour (Berlin), never in the past.
    sendAtDefault: localDateTimeValue(nextQuarterHour(bc.now())),
    sendAtValue: '',
    sendErrors: {},
  };
}

export function statusLabel(bc: BroadcastConsole, status: Broadcast['status']): string {
  return bc.t(`broadcastsConsole:status.${status}`);
}

/** Records whose turn is over (sent, failed, blocked, skipped, cancelled) or handed to the web chat (waiting for the next visit). */
export function doneOf(progress: BroadcastProgress): number {
  return progress.total - progress.pending;
}

export function formatRate(rate: number): string {
  return rate.toLocaleString('de-DE', { maximumFractionDigits: 1 });
}

function nextQuarterHour(at: Date): Date {
  const now = DateTime.fromJSDate(at).setZone(CONSOLE_TIME_ZONE);
  return now.plus({ minutes: 15 - (now.minute % 15) }).startOf('minute').toJSDate();
}

/** "Telegram: 3, Web-Chat: 0" and "Deutsch: 2, Englisch: 1". */
export function sizeLines(bc: BroadcastConsole, size: AudienceSize): string[] {
  const t = bc.t;
  const channels = Object.entries(size.byChannel).map(([channel, count]) => `${t(familyKey('console:channels.', channel))}: ${count}`);
  const locales = SUPPORTED_LOCALES.filter((locale) => (size.byLocale[locale] ?? 0) > 0).map((locale) => `${t(`console:languages.${locale}`)}: ${size.byLocale[locale]}`);
  return [channels.join(', '), locales.join(', ')].filter(Boolean);
}

function audienceLines(bc: BroadcastConsole, broadcast: Broadcast, workshops: { value: string; label: string }[]): { label: string; value: string }[] {
  const t = bc.t;
  const { audience } = broadcast;
  const all = t('broadcastsConsole:audience.all');
  const list = (values: readonly string[], label: (value: string) => string): string => (values.length === 0 ? all : values.map(label).join(', '));
  const day = (date: Date | undefined): string => (date ? DateTime.fromJSDate(date).setZone(CONSOLE_TIME_ZONE).setLocale('de').toLocaleString(DateTime.DATE_MED) : '–');
  return [
    { label: t('broadcastsConsole:audience.channels'), value: list(audience.channels, (channel) => t(familyKey('console:channels.', channel))) },
    { label: t('broadcastsConsole:audience.locales'), value: list(audience.locales, (locale) => t(familyKey('console:languages.', locale))) },
    { label: t('broadcastsConsole:audience.interests'), value: list(audience.interests, (interest) => t(familyKey('volunteering:interests.', interest))) },
    { label: t('broadcastsConsole:audience.districts'), value: list(audience.districts, (district) => district) },
    { label: t('broadcastsConsole:audience.topics'), value: list(audience.topics, (topic) => bc.topicTitle(topic)) },
    { label: t('broadcastsConsole:audience.workshop'), value: audience.workshopId ? (workshops.find((option) => option.value === audience.workshopId)?.label ?? audience.workshopId) : all },
    { label: t('broadcastsConsole:audience.joinedAfter'), value: day(audience.joinedAfter) },
    { label: t('broadcastsConsole:audience.joinedBefore'), value: day(audience.joinedBefore) },
  ];
}
