import type { Locale, TenantConfig } from '../../../platform/config/config-types.js';
import type { Translator } from '../../../platform/i18n/translator.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { Clock } from '../../../platform/clock.js';
import type { Update } from '../../../platform/store/document-store.js';
import { CONSENT_VERSION } from '../../../foundation/privacy/consent-version.js';
import { consentedProfile } from '../../../foundation/profiles/profile.js';
import type { ProfileRepository } from '../../../foundation/profiles/profile-repository.js';
import { receivesTopic, type Broadcast, type BroadcastPreview, type Delivery, type DeliveryStatus } from '../domain/broadcast.js';
import type { DeliveryRepository } from '../domain/broadcast-repository.js';
import type { PendingMoves, TallyStatus } from '../domain/delivery-tally.js';
import type { AnnouncementOutcome, AnnouncementSender } from '../../../channels/announcement-port.js';
import { announcementButtons, type BroadcastButtons } from './broadcast-keyboard.js';
import { errorText } from './error-text.js';

/** The options of one delivery; their defaults are in DEFAULT_DISPATCHER_OPTIONS. */
export interface DeliveryOptions {
  /** Telegram: about one message per second in one chat (a split text's parts, a retry after 429). */
  perChatGapMs: number;
  /** Failed attempts (not 429s) before a delivery counts as failed. */
  maxAttempts: number;
  /** First back-off after a failed attempt; ×4 on each further one (2 s, 8 s, 32 s, 128 s). */
  retryBaseMs: number;
}

export interface DeliverOneDeps {
  deliveries: DeliveryRepository;
  profiles: ProfileRepository;
  tenants: ReadonlyMap<string, TenantConfig>;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  /** The counting redirect for a delivery's web link (absolute; Telegram needs that), if there is a public address. */
  clickUrl(tenantId: string, deliveryId: string): string | undefined;
  /** This process, in the claims of deliveries. */
  instanceId: string;
  options: DeliveryOptions;
}

/** What the deliveries of one broadcast share while this process sends it. */
export interface SendingRun {
  /** False once the broadcast is paused or cancelled or the process stops: a step still waiting for its slot sends nothing. */
  readonly active: boolean;
  /** Aborted at the same moment: a step waiting for its turn in the channel leaves the queue. */
  readonly signal: AbortSignal;
  /** Status changes not yet written to the broadcast's tally. */
  readonly moves: PendingMoves;
}

export interface OneDelivery {
  broadcast: Broadcast;
  delivery: Delivery;
  /** The broadcast's text by language, split into the parts a chat message can hold. */
  messages: ReadonlyMap<Locale, BroadcastPreview>;
  /** Undefined when the city has no Telegram bot. The channel paces: its bot's budget, shared with the replies people wait for. */
  sender: AnnouncementSender | undefined;
  run: SendingRun;
}

type Failure = Exclude<AnnouncementOutcome, { kind: 'sent' }>;

/**
 * Sends the next part of one delivery. Checkpointed on the delivery record: claimed (`sending`)
 * before the call, moved on after it, so that a crash in between counts the part as sent.
 */
export async function deliverOne(deps: DeliverOneDeps, { broadcast, delivery, messages, sender, run }: OneDelivery): Promise<void> {
  const { deliveries, clock } = deps;
  const variant = messages.get(delivery.locale)!;
  const part = delivery.partsSent;
  if (part >= variant.messages.length) {
    await move(deps, run, delivery, 'pending', { $set: { status: 'sent', sentAt: clock(), updatedAt: clock() } });
    return;
  }
  const chatId = await chatOf(deps, broadcast, delivery);
  if (typeof chatId === 'string' || !sender) {
    const status = chatId === 'blocked' ? 'blocked' : 'skipped';
    await move(deps, run, delivery, 'pending', { $set: { status, lastError: sender ? chatId : 'no Telegram bot', updatedAt: clock() } });
    return;
  }
  const last = part === variant.messages.length - 1;
  const buttons = last ? announcementButtons(broadcast, delivery, buttonLabels(deps, broadcast, delivery, variant)) : [];
  const paid = deps.tenants.get(broadcast.tenantId)?.telegram?.paidBroadcasts === true;
  // Its turn in the channel first (after the replies people wait for), then the claim: only a
  // delivery whose turn has come is claimed (a crash counts a claimed one as sent). The channel moves
  // the slot to the moment the request really leaves, after the claim was written: that is the
  // spacing Telegram sees.
  const slot = await sender.reserve({ chatId, text: variant.messages[part]!, buttons, paid }, run.signal);
  if (!slot) return;
  if (!run.active) {
    slot.release();
    return;
  }
  const claimed = await deliveries.transition(delivery, 'pending', { $set: { status: 'sending', claimedBy: deps.instanceId, updatedAt: clock() } }).catch((error: unknown) => {
    slot.release();
    throw error;
  });
  if (!claimed) {
    slot.release();
    return;
  }
  const outcome = await slot
    .send()
    // A sender that rejects after all is retried like any failure, not left claimed.
    .catch((error: unknown): Failure => ({ kind: 'failed', permanent: false, reason: errorText(error) }));
  if (outcome.kind !== 'sent') {
    await failed(deps, run, claimed, outcome);
    return;
  }
  const now = clock();
  await move(
    deps,
    run,
    claimed,
    'sending',
    last
      ? { $set: { status: 'sent', partsSent: part + 1, sentAt: now, updatedAt: now }, $unset: { claimedBy: true } }
      : { $set: { status: 'pending', partsSent: part + 1, nextAttemptAt: new Date(now.getTime() + deps.options.perChatGapMs), updatedAt: now }, $unset: { claimedBy: true } },
  );
}

/** The person's Telegram chat, or why there is none to send to any more. */
async function chatOf(deps: DeliverOneDeps, broadcast: Broadcast, delivery: Delivery): Promise<number | 'blocked' | 'unsubscribed' | 'no chat'> {
  const stored = await deps.profiles.findById(broadcast.tenantId, delivery.profileId);
  if (stored?.status === 'blocked') return 'blocked';
  const profile = consentedProfile(stored, CONSENT_VERSION);
  // Whoever sent /stop or dropped the topic since the fan-out gets nothing (the rest of a split text still goes out).
  if (!profile || (delivery.partsSent === 0 && !receivesTopic(profile.announcements, broadcast.topic))) return 'unsubscribed';
  const account = profile.accounts.find((candidate) => candidate.channel === 'telegram');
  const chatId = Number(account?.accountId);
  return Number.isSafeInteger(chatId) && chatId > 0 ? chatId : 'no chat';
}

/** Blocked, slowed down, or failed: retried with back-off unless waiting cannot help or attempts ran out. */
async function failed(deps: DeliverOneDeps, run: SendingRun, delivery: Delivery, outcome: Failure): Promise<void> {
  const { deliveries, clock, logger, options } = deps;
  const now = clock();
  const back = { $unset: { claimedBy: true as const } };
  if (outcome.kind === 'blocked') {
    // The channel has marked the person blocked: no broadcast will include them again.
    await move(deps, run, delivery, 'sending', { $set: { status: 'blocked', lastError: 'blocked by the user', updatedAt: now }, ...back });
    return;
  }
  if (outcome.kind === 'retry-after') {
    // The channel holds back every message of the bot meanwhile; this one waits at least as long.
    const seconds = outcome.ms / 1000;
    logger.warn({ tenantId: delivery.tenantId, broadcastId: delivery.broadcastId, retryAfter: seconds }, 'broadcast: Telegram asked to slow down (429)');
    await deliveries.transition(delivery, 'sending', { $set: { status: 'pending', nextAttemptAt: new Date(now.getTime() + outcome.ms), updatedAt: now }, ...back });
    return;
  }
  const attempts = delivery.attempts + 1;
  const reason = outcome.reason.slice(0, 200);
  if (outcome.permanent || attempts >= options.maxAttempts) {
    await move(deps, run, delivery, 'sending', { $set: { status: 'failed', attempts, lastError: reason, updatedAt: now }, ...back });
    return;
  }
  const retryAt = new Date(now.getTime() + options.retryBaseMs * 4 ** (attempts - 1));
  await deliveries.transition(delivery, 'sending', { $set: { status: 'pending', attempts, lastError: reason, nextAttemptAt: retryAt, updatedAt: now }, ...back });
}

/** Moves a delivery on if it still has status `from`, and counts a move out of pending. */
async function move(deps: DeliverOneDeps, run: SendingRun, delivery: Delivery, from: DeliveryStatus, update: Update & { $set: { status: DeliveryStatus } }): Promise<Delivery | null> {
  const moved = await deps.deliveries.transition(delivery, from, update);
  const to = update.$set.status;
  if (moved && to !== 'pending' && to !== 'sending') run.moves.add(to as TallyStatus);
  return moved;
}

function buttonLabels(deps: DeliverOneDeps, broadcast: Broadcast, delivery: Delivery, variant: BroadcastPreview): BroadcastButtons {
  const t = deps.translator.forLocale(delivery.locale);
  const clickUrl = broadcast.button?.kind === 'url' ? deps.clickUrl(broadcast.tenantId, delivery._id) : undefined;
  return { ...(variant.buttonLabel ? { label: variant.buttonLabel } : {}), unsubscribeLabel: t('broadcasts:unsubscribeButton'), ...(clickUrl ? { clickUrl } : {}) };
}
