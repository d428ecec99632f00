import { randomBytes } from 'node:crypto';
import { SUPPORTED_LOCALES, type Locale, type TenantConfig } from '../../../platform/config/config-types.js';
import type { Translator } from '../../../platform/i18n/translator.js';
import type { Clock } from '../../../platform/clock.js';
import type { ProfileRepository } from '../../../foundation/profiles/profile-repository.js';
import type { ChannelId } from '../../../foundation/profiles/profile.js';
import { findRecipients, sizeOf, type AudienceSources, type Recipient } from './audience.js';
import { BroadcastError, type AnnouncementTopic, type AudienceFilter, type AudienceSize, type Broadcast, type BroadcastInput, type BroadcastPreview, type BroadcastProgress, type BroadcastStatus, type StaffRef } from './broadcast.js';
import { parseBroadcastInput } from './broadcast-input.js';
import { composeBroadcast, type BroadcastContent } from './broadcast-message.js';
import type { BroadcastOperations, BroadcastSettings, StaffChatLinkOffer } from './broadcast-operations.js';
import type { BroadcastRepository, DeliveryRepository } from './broadcast-repository.js';
import { STAFF_LINK_PREFIX, type StaffChatLinks } from './staff-chat-links.js';
import { SendingRates } from './sending-rates.js';
import { tallyOf } from './delivery-tally.js';

/** A send time this far in the past still means "now" (a form filled in during the current minute). */
const PAST_GRACE_MS = 60_000;
const RATE_WINDOW_MS = 10_000;

export interface BroadcastServiceDeps {
  broadcasts: BroadcastRepository;
  deliveries: DeliveryRepository;
  audience: AudienceSources;
  profiles: ProfileRepository;
  tenants: ReadonlyMap<string, TenantConfig>;
  translator: Translator;
  clock: Clock;
  chatLinks: StaffChatLinks;
  /** Plans the start (fan-out) of a broadcast at its send time; cancels it. */
  planStart(broadcast: Broadcast): Promise<void>;
  cancelStart(broadcast: Broadcast): Promise<void>;
  /** A paused broadcast goes on: the dispatcher looks at it at once. */
  wake(): void;
  /** Sends the test messages to the staff member's own profile; false when no chat got them. */
  sendTest(tenantId: string, profileId: string, variants: BroadcastPreview[], broadcast: Broadcast): Promise<boolean>;
  /** Whether a deep-link payload opens a journey of this bot. */
  isKnownDeepLink(payload: string): boolean;
  /** The bot's @username for t.me links, when a Telegram bot runs for the tenant. */
  telegramBotName(tenantId: string): string | undefined;
}

/** The broadcast's life from the composer to the final statistics (sending itself: the dispatcher). */
export class BroadcastService implements BroadcastOperations {
  private readonly rates = new SendingRates(RATE_WINDOW_MS);

  constructor(private readonly deps: BroadcastServiceDeps) {}

  list(tenantId: string, options: { limit?: number } = {}): Promise<Broadcast[]> {
    return this.deps.broadcasts.list(tenantId, Math.min(options.limit ?? 100, 500));
  }

  get(tenantId: string, id: string): Promise<Broadcast | null> {
    return this.deps.broadcasts.findById(tenantId, id);
  }

  async create(tenantId: string, actor: StaffRef, input: BroadcastInput): Promise<Broadcast> {
    const value = this.parse(input);
    const now = this.deps.clock();
    return this.deps.broadcasts.insert({
      _id: `bc${randomBytes(6).toString('hex')}`,
      tenantId,
      ...value,
      status: 'draft',
      createdBy: ref(actor),
      updatedBy: ref(actor),
      createdAt: now,
      updatedAt: now,
    });
  }

  async update(tenantId: string, id: string, actor: StaffRef, input: BroadcastInput): Promise<Broadcast> {
    const value = this.parse(input);
    const updated = await this.deps.broadcasts.update(
      tenantId,
      id,
      { $set: { ...value, status: 'draft', updatedBy: ref(actor), updatedAt: this.deps.clock() }, $unset: { submittedBy: true, sendAt: true, ...(value.button ? {} : { button: true as const }) } },
      { status: { $in: ['draft', 'awaiting-approval'] } },
    );
    return updated ?? this.refuse(tenantId, id, 'not-editable', 'only drafts can be edited');
  }

  async audienceSize(tenantId: string, topic: AnnouncementTopic, audience: AudienceFilter): Promise<AudienceSize> {
    return sizeOf(await this.recipients(tenantId, topic, audience));
  }

  recipients(tenantId: string, topic: AnnouncementTopic, audience: AudienceFilter): Promise<Recipient[]> {
    return findRecipients(this.deps.audience, tenantId, this.tenant(tenantId).defaultLocale, topic, audience);
  }

  preview(tenantId: string, content: BroadcastContent): BroadcastPreview[] {
    const { defaultLocale } = this.tenant(tenantId);
    return SUPPORTED_LOCALES.map((locale) => composeBroadcast(content, locale, defaultLocale, this.deps.translator.forLocale(locale)));
  }

  async sendTest(tenantId: string, id: string, staffUserId: string): Promise<{ channels: ChannelId[]; locales: Locale[] }> {
    const broadcast = await this.existing(tenantId, id);
    const profileId = await this.deps.chatLinks.profileOf(tenantId, staffUserId);
    const profile = profileId ? await this.deps.profiles.findById(tenantId, profileId) : null;
    if (!profileId || !profile) throw new BroadcastError('no-linked-chat', 'link your own chat first to receive test messages');
    // Each language that has its own text, or the default language's when none has.
    const variants = this.preview(tenantId, broadcast).filter((variant) => !variant.fallback);
    if (!(await this.deps.sendTest(tenantId, profileId, variants, broadcast))) {
      throw new BroadcastError('no-linked-chat', 'your linked chat could not be reached; link it again');
    }
    return { channels: [...new Set(profile.accounts.map((account) => account.channel))], locales: variants.map((variant) => variant.locale) };
  }

  async submit(tenantId: string, id: string, actor: StaffRef, sendAt: Date | 'now'): Promise<Broadcast> {
    const broadcast = await this.existing(tenantId, id);
    if (broadcast.status !== 'draft') return this.refuse(tenantId, id, 'wrong-state', `a ${broadcast.status} broadcast cannot be sent again`);
    const now = this.deps.clock();
    const at = sendAt === 'now' ? now : sendAt;
    if (at.getTime() < now.getTime() - PAST_GRACE_MS) throw new BroadcastError('in-the-past', 'the send time has already passed', ['sendAt']);
    await this.checkSendable(broadcast);
    const { requireApproval } = await this.deps.broadcasts.settings(tenantId);
    const status: BroadcastStatus = requireApproval ? 'awaiting-approval' : 'scheduled';
    const submitted = await this.deps.broadcasts.update(
      tenantId,
      id,
      { $set: { status, sendAt: at.getTime() < now.getTime() ? now : at, submittedBy: ref(actor), updatedAt: now }, $unset: { approvedBy: true } },
      { status: 'draft' },
    );
    if (!submitted) return this.refuse(tenantId, id, 'wrong-state', 'the broadcast was changed meanwhile');
    if (status === 'scheduled') await this.deps.planStart(submitted);
    return submitted;
  }

  async approve(tenantId: string, id: string, actor: StaffRef): Promise<Broadcast> {
    const broadcast = await this.existing(tenantId, id);
    if (broadcast.status !== 'awaiting-approval') return this.refuse(tenantId, id, 'wrong-state', 'nothing to approve');
    if (broadcast.submittedBy?.id === actor.id) throw new BroadcastError('same-approver', 'another staff member has to approve this broadcast');
    await this.checkSendable(broadcast);
    const now = this.deps.clock();
    const sendAt = !broadcast.sendAt || broadcast.sendAt < now ? now : broadcast.sendAt;
    const approved = await this.deps.broadcasts.update(tenantId, id, { $set: { status: 'scheduled', sendAt, approvedBy: ref(actor), updatedAt: now } }, { status: 'awaiting-approval' });
    if (!approved) return this.refuse(tenantId, id, 'wrong-state', 'the broadcast was changed meanwhile');
    await this.deps.planStart(approved);
    return approved;
  }

  async reject(tenantId: string, id: string, actor: StaffRef): Promise<Broadcast> {
    const rejected = await this.deps.broadcasts.update(
      tenantId,
      id,
      { $set: { status: 'draft', updatedBy: ref(actor), updatedAt: this.deps.clock() }, $unset: { submittedBy: true, sendAt: true } },
      { status: 'awaiting-approval' },
    );
    return rejected ?? this.refuse(tenantId, id, 'wrong-state', 'nothing to reject');
  }

  async pause(tenantId: string, id: string, actor: StaffRef): Promise<Broadcast> {
    const paused = await this.deps.broadcasts.update(tenantId, id, { $set: { status: 'paused', updatedBy: ref(actor), updatedAt: this.deps.clock() } }, { status: { $in: ['scheduled', 'sending'] } });
    if (!paused) return this.refuse(tenantId, id, 'wrong-state', 'only a scheduled or sending broadcast can be paused');
    this.deps.wake();
    return paused;
  }

  async resume(tenantId: string, id: string, actor: StaffRef): Promise<Broadcast> {
    const broadcast = await this.existing(tenantId, id);
    // Not yet started: the planned start job starts it; started: the dispatcher goes on.
    const status: BroadcastStatus = broadcast.fannedOutAt ? 'sending' : 'scheduled';
    const resumed = await this.deps.broadcasts.update(tenantId, id, { $set: { status, updatedBy: ref(actor), updatedAt: this.deps.clock() } }, { status: 'paused' });
    if (!resumed) return this.refuse(tenantId, id, 'wrong-state', 'only a paused broadcast can be resumed');
    if (status === 'scheduled' && resumed.sendAt && resumed.sendAt <= this.deps.clock()) await this.deps.planStart(resumed);
    this.deps.wake();
    return resumed;
  }

  async cancel(tenantId: string, id: string, actor: StaffRef): Promise<Broadcast> {
    const now = this.deps.clock();
    const cancelled = await this.deps.broadcasts.update(
      tenantId,
      id,
      { $set: { status: 'cancelled', cancelledBy: ref(actor), finishedAt: now, updatedAt: now } },
      { status: { $in: ['draft', 'awaiting-approval', 'scheduled', 'sending', 'paused'] } },
    );
    if (!cancelled) return this.refuse(tenantId, id, 'wrong-state', 'a finished broadcast cannot be cancelled');
    await this.deps.cancelStart(cancelled);
    this.deps.wake();
    await this.deps.deliveries.cancelOpen(id, now);
    await this.deps.broadcasts.recount(tenantId, id, this.deps.deliveries);
    return cancelled;
  }

  async progress(tenantId: string, id: string): Promise<BroadcastProgress> {
    const broadcast = await this.existing(tenantId, id);
    const { deliveries, clock } = this.deps;
    // The tally on the broadcast and the few failures: asked every second by each open console page.
    const [tally, failed] = await Promise.all([broadcast.tally ?? deliveries.counts(id).then(tallyOf), deliveries.listFailed(id)]);
    const reasons = new Map<string, number>();
    for (const delivery of failed) reasons.set(delivery.lastError ?? 'unknown', (reasons.get(delivery.lastError ?? 'unknown') ?? 0) + 1);
    return {
      id,
      status: broadcast.status,
      total: Object.values(tally).reduce((sum, count) => sum + count, 0),
      ...tally,
      unconfirmed: broadcast.unconfirmed ?? 0,
      clickers: broadcast.clickers ?? 0,
      clicks: broadcast.clicks ?? 0,
      ratePerSecond: broadcast.status === 'sending' ? this.rates.sample(broadcast, tally.sent, clock().getTime()) : this.rates.forget(id),
      failureReasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      ...(broadcast.startedAt ? { startedAt: broadcast.startedAt.toISOString() } : {}),
      ...(broadcast.finishedAt ? { finishedAt: broadcast.finishedAt.toISOString() } : {}),
    };
  }

  settings(tenantId: string): Promise<BroadcastSettings> {
    return this.deps.broadcasts.settings(tenantId);
  }

  async updateSettings(tenantId: string, settings: BroadcastSettings): Promise<BroadcastSettings> {
    await this.deps.broadcasts.saveSettings(tenantId, { requireApproval: settings.requireApproval === true }, this.deps.clock());
    return this.settings(tenantId);
  }

  async offerChatLink(tenantId: string, staffUserId: string): Promise<StaffChatLinkOffer> {
    const { code, expiresAt } = await this.deps.chatLinks.offer(tenantId, staffUserId);
    const payload = `${STAFF_LINK_PREFIX}${code}`;
    const botName = this.deps.telegramBotName(tenantId);
    return {
      code,
      expiresAt,
      ...(botName ? { telegramLink: `https://t.me/${botName}?start=${payload}` } : {}),
      webchatLink: `/?tenant=${encodeURIComponent(tenantId)}&start=${payload}`,
    };
  }

  async linkedChannels(tenantId: string, staffUserId: string): Promise<ChannelId[]> {
    const profileId = await this.deps.chatLinks.profileOf(tenantId, staffUserId);
    const profile = profileId ? await this.deps.profiles.findById(tenantId, profileId) : null;
    return [...new Set((profile?.accounts ?? []).map((account) => account.channel))];
  }

  unlinkChat(tenantId: string, staffUserId: string): Promise<void> {
    return this.deps.chatLinks.unlink(tenantId, staffUserId);
  }

  /** Refusals that hold for sending now and for approving later. */
  private async checkSendable(broadcast: Broadcast): Promise<void> {
    if (broadcast.longText === 'refuse') {
      const tooLong = this.preview(broadcast.tenantId, broadcast).find((variant) => variant.tooLong && !variant.fallback);
      if (tooLong) throw new BroadcastError('text-too-long', `the ${tooLong.locale} text is longer than one Telegram message`, [`texts.${tooLong.locale}`], tooLong.locale);
    }
    const size = await this.audienceSize(broadcast.tenantId, broadcast.topic, broadcast.audience);
    if (size.total === 0) throw new BroadcastError('empty-audience', 'nobody matches the audience filter', ['audience']);
  }

  private parse(input: BroadcastInput): BroadcastInput {
    const value = parseBroadcastInput(input);
    if (value.button?.kind === 'deep-link' && !this.deps.isKnownDeepLink(value.button.target)) {
      throw new BroadcastError('invalid', 'the deep link does not open a journey of this bot', ['button.target']);
    }
    return value;
  }

  private async existing(tenantId: string, id: string): Promise<Broadcast> {
    const broadcast = await this.deps.broadcasts.findById(tenantId, id);
    if (!broadcast) throw new BroadcastError('not-found', 'no such broadcast');
    return broadcast;
  }

  /** Throws not-found for an unknown id, else the given refusal. */
  private async refuse(tenantId: string, id: string, code: 'not-editable' | 'wrong-state', message: string): Promise<never> {
    await this.existing(tenantId, id);
    throw new BroadcastError(code, message);
  }

  private tenant(tenantId: string): TenantConfig {
    const tenant = this.deps.tenants.get(tenantId);
    if (!tenant) throw new BroadcastError('not-found', 'unknown city');
    return tenant;
  }
}

function ref(actor: StaffRef): StaffRef {
  return { id: actor.id, name: actor.name.slice(0, 120) || actor.id };
}
