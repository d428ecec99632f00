import type { Locale, TenantConfig } from '../../../platform/config/config-types.js';
import type { Translator } from '../../../platform/i18n/translator.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { ProfileRepository } from '../../../foundation/profiles/profile-repository.js';
import type { Clock } from '../../../platform/clock.js';
import type { Broadcast, BroadcastPreview, Delivery } from '../domain/broadcast.js';
import type { BroadcastRepository, DeliveryRepository } from '../domain/broadcast-repository.js';
import type { BroadcastService } from '../domain/broadcast-service.js';
import { PendingMoves } from '../domain/delivery-tally.js';
import type { AnnouncementSender } from '../../../channels/announcement-port.js';
import { deliverOne, type DeliverOneDeps, type DeliveryOptions, type SendingRun } from './deliver-one.js';
import { errorText } from './error-text.js';
import { fanOut } from './fan-out.js';

/** perChatGapMs, maxAttempts and retryBaseMs: see DeliveryOptions. */
export interface DispatcherOptions extends DeliveryOptions {
  /** How long a lease protects a broadcast from being sent by another instance; renewed at a third of it. */
  leaseMs: number;
  /** How often every broadcast's state (pause, cancel) and new work is looked at. */
  pollMs: number;
  /**
   * Deliveries handed to the channel at once: each waits there for its turn (the channel paces, by
   * the bot's budget), and is claimed only when it has come. Telegram answers in ~100 ms: 30/s needs
   * a few in parallel, 1000/s (paid) more.
   */
  maxInFlight: number;
  batchSize: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  leaseMs: 30_000,
  pollMs: 1000,
  perChatGapMs: 1050,
  maxAttempts: 5,
  retryBaseMs: 2000,
  maxInFlight: 50,
  batchSize: 200,
};

export interface DispatcherDeps {
  broadcasts: BroadcastRepository;
  deliveries: DeliveryRepository;
  profiles: ProfileRepository;
  service: BroadcastService;
  tenants: ReadonlyMap<string, TenantConfig>;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  /** The tenant's Telegram bot, if it has one. */
  telegramFor(tenantId: string): AnnouncementSender | undefined;
  /** The counting redirect for a delivery's web link (absolute; Telegram needs that), if there is a public address. */
  clickUrl(tenantId: string, deliveryId: string): string | undefined;
  /** This process, in leases and claims. */
  instanceId: string;
  /** Only one process can use the store (embedded): a lease not held by a running loop here is a dead process's. */
  singleInstance: boolean;
  options?: Partial<DispatcherOptions>;
}

/** One broadcast being sent by this process. */
interface Run extends SendingRun {
  active: boolean;
  /** Aborts the steps waiting for their turn in the channel when the run ends. */
  halt: AbortController;
  done: Promise<void>;
}

/** Paused, cancelled or stopping: steps still waiting for their turn send nothing. */
function halt(run: Run): void {
  run.active = false;
  run.halt.abort();
}

const STOP_WAIT_MS = 10_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends broadcasts that are in state `sending`: one loop per broadcast in the process that holds its
 * lease. Every Telegram message is checkpointed on its delivery record (claimed before the call,
 * marked after it), so that a restart after a crash goes on where it stopped: what was sent is never
 * sent again, what was not yet sent still goes out. A call that was in flight at the crash counts
 * as sent (`unconfirmed`): Telegram cannot tell whether it arrived, and twice is worse than once.
 */
export class BroadcastDispatcher {
  private readonly options: DispatcherOptions;
  private readonly runs = new Map<string, Run>();
  private readonly deliveryDeps: DeliverOneDeps;
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly deps: DispatcherDeps) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...deps.options };
    this.deliveryDeps = { ...deps, options: this.options };
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.wake();
  }

  /** Stops taking work and lets the loops end after their calls in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.pumping;
    for (const run of this.runs.values()) halt(run);
    // Calls in flight end within seconds; a step still waiting for its turn leaves the channel's queue.
    await Promise.race([Promise.allSettled([...this.runs.values()].map((run) => run.done)), sleep(STOP_WAIT_MS)]);
  }

  /** Looks for work now (a broadcast started or resumed). */
  wake(): void {
    if (this.stopped || this.pumping) return;
    this.pumping = this.pump()
      .catch((error: unknown) => this.deps.logger.error({ err: errorText(error) }, 'broadcast dispatcher: looking for work failed'))
      .finally(() => (this.pumping = undefined));
  }

  /**
   * The scheduler job at the send time: the broadcast starts sending and its delivery records are
   * created (one per person; again after a crash without doubles: a unique index).
   */
  async startBroadcast(tenantId: string, broadcastId: string): Promise<void> {
    const now = this.deps.clock();
    const started = await this.deps.broadcasts.update(tenantId, broadcastId, { $set: { status: 'sending', startedAt: now, updatedAt: now } }, { status: 'scheduled' });
    if (!started) return;
    this.deps.logger.info({ tenantId, broadcastId }, 'broadcast started');
    this.wake();
  }

  private async pump(): Promise<void> {
    const sending = await this.deps.broadcasts.listByStatus(['sending']);
    // Paused or cancelled (by this instance or another): calls not yet made are not made.
    const stillSending = new Set(sending.map((broadcast) => broadcast._id));
    for (const [id, run] of this.runs) if (!stillSending.has(id)) halt(run);
    for (const broadcast of sending) {
      if (this.stopped) return;
      if (this.runs.has(broadcast._id)) continue;
      const leased = await this.takeLease(broadcast);
      if (!leased) continue;
      const controller = new AbortController();
      const run: Run = { active: true, halt: controller, signal: controller.signal, done: Promise.resolve(), moves: new PendingMoves() };
      run.done = this.send(leased, run)
        .catch((error: unknown) => this.deps.logger.error({ tenantId: broadcast.tenantId, broadcastId: broadcast._id, err: errorText(error) }, 'broadcast dispatcher: sending stopped by an error; retrying'))
        .finally(() => this.runs.delete(broadcast._id));
      this.runs.set(broadcast._id, run);
    }
  }

  private takeLease(broadcast: Broadcast): Promise<Broadcast | null> {
    const now = this.deps.clock();
    const lease = { owner: this.deps.instanceId, until: new Date(now.getTime() + this.options.leaseMs) };
    const free = this.deps.singleInstance ? {} : { $or: [{ lease: null }, { 'lease.until': { $lt: now } }, { 'lease.owner': this.deps.instanceId }] };
    return this.deps.broadcasts.update(broadcast.tenantId, broadcast._id, { $set: { lease } }, { status: 'sending', ...free });
  }

  private async send(leased: Broadcast, run: Run): Promise<void> {
    const { deliveries, clock, logger } = this.deps;
    const { tenantId, _id: broadcastId } = leased;
    let broadcast = leased;
    if (!broadcast.fannedOutAt) {
      broadcast = await fanOut(this.deps, broadcast);
    } else {
      // Nothing else sends this broadcast now: a delivery still marked as in flight was cut off by a crash.
      const recovered = await deliveries.recoverInFlight(broadcastId, clock(), this.options.perChatGapMs);
      if (recovered > 0) {
        await this.deps.broadcasts.count(tenantId, broadcastId, { unconfirmed: recovered });
        logger.warn({ tenantId, broadcastId, deliveries: recovered }, 'broadcast resumed after a crash; messages in flight count as sent (unconfirmed)');
      }
      // Exact again after a crash or a pause: from here on, counted as the deliveries move.
      await this.deps.broadcasts.recount(tenantId, broadcastId, deliveries);
    }

    const messages = this.messagesOf(broadcast);
    // The channel paces (its bot's one budget: the replies people wait for first, then announcements
    // at the bot's rate): a step is handed out, waits there for its turn and is claimed when it comes.
    const sender = this.deps.telegramFor(tenantId);
    const inFlight = new Set<Promise<void>>();
    // Deliveries handed to a step (it may still wait for a slot): never handed out twice.
    const busy = new Set<string>();
    let checkedAt = 0;

    // Due deliveries are read in batches (one query per batch, not per message) and handed out in order.
    let queue: Delivery[] = [];
    while (run.active && !this.stopped) {
      if (Date.now() - checkedAt >= this.options.pollMs) {
        checkedAt = Date.now();
        await this.writeMoves(broadcast, run);
        const current = await this.renewLease(broadcast);
        if (!current) break;
        broadcast = current;
      }
      if (queue.length === 0) {
        queue = (await deliveries.due(broadcastId, clock(), this.options.batchSize + busy.size)).filter((delivery) => !busy.has(delivery._id));
        if (queue.length === 0) {
          if (inFlight.size > 0) {
            // Not longer than a poll: a pause must not wait for the rate limit's next slot.
            await Promise.race([...inFlight, sleep(this.options.pollMs)]);
            continue;
          }
          const next = await deliveries.nextPendingAt(broadcastId);
          if (!next) {
            await this.complete(broadcast, run);
            break;
          }
          await sleep(Math.min(Math.max(next.getTime() - clock().getTime(), 10), this.options.pollMs));
          continue;
        }
      }
      const delivery = queue.shift()!;
      busy.add(delivery._id);
      const step = deliverOne(this.deliveryDeps, { broadcast, delivery, messages, sender, run })
        // A store error leaves this delivery as it was (pending, or in flight → unconfirmed after a restart).
        .catch((error: unknown) => logger.error({ tenantId, broadcastId, err: errorText(error) }, 'broadcast: one delivery step failed'))
        .finally(() => {
          inFlight.delete(step);
          busy.delete(delivery._id);
        });
      inFlight.add(step);
      if (inFlight.size >= this.options.maxInFlight) await Promise.race([...inFlight, sleep(this.options.pollMs)]);
    }
    // Paused, cancelled or stopping: steps still waiting for their turn must not send any more.
    halt(run);
    await Promise.allSettled(inFlight);
    await this.writeMoves(broadcast, run);
    const current = await this.deps.broadcasts.findById(tenantId, broadcastId);
    if (current?.status === 'cancelled') {
      // A retry planned after the cancel had ended the open deliveries; and the tally the cancel wrote
      // did not yet know what this loop sent meanwhile.
      await deliveries.cancelOpen(broadcastId, clock());
      await this.deps.broadcasts.recount(tenantId, broadcastId, deliveries);
    }
  }

  private async writeMoves(broadcast: Broadcast, run: Run): Promise<void> {
    const changes = run.moves.take();
    if (changes) await this.deps.broadcasts.moveInTally(broadcast.tenantId, broadcast._id, changes);
  }

  /** Keeps the lease and reads pause or cancel; null when this loop must end. */
  private async renewLease(broadcast: Broadcast): Promise<Broadcast | null> {
    const now = this.deps.clock();
    const renewed = await this.deps.broadcasts.update(
      broadcast.tenantId,
      broadcast._id,
      { $set: { lease: { owner: this.deps.instanceId, until: new Date(now.getTime() + this.options.leaseMs) } } },
      { status: 'sending', 'lease.owner': this.deps.instanceId },
    );
    if (!renewed) this.deps.logger.info({ tenantId: broadcast.tenantId, broadcastId: broadcast._id }, 'broadcast no longer sending here (paused, cancelled or taken over)');
    return renewed;
  }

  private async complete(broadcast: Broadcast, run: Run): Promise<void> {
    const now = this.deps.clock();
    await this.writeMoves(broadcast, run);
    const done = await this.deps.broadcasts.update(broadcast.tenantId, broadcast._id, { $set: { status: 'completed', finishedAt: now, lease: null, updatedAt: now } }, { status: 'sending' });
    if (!done) return;
    const tally = await this.deps.broadcasts.recount(broadcast.tenantId, broadcast._id, this.deps.deliveries);
    this.deps.logger.info({ tenantId: broadcast.tenantId, broadcastId: broadcast._id, ...tally }, 'broadcast completed');
  }

  private messagesOf(broadcast: Broadcast): Map<Locale, BroadcastPreview> {
    return new Map(this.deps.service.preview(broadcast.tenantId, broadcast).map((variant) => [variant.locale, variant]));
  }
}
