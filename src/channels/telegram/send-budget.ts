/**
 * One sending budget per bot token: every message the bot sends (replies, reminders, staff replies,
 * announcements) takes its slot here, so that together they stay within Telegram's limits (Bot API
 * FAQ: about 30 messages per second in total, about one per second in one chat with short bursts, 20
 * per minute in one group; with paid broadcasts up to 1000 per second).
 *
 * Who goes first: a person waiting for a reply (`interactive`), then a message the bot sends to one
 * person on its own (`proactive`: reminders, staff replies), then announcements, which fill what is
 * left. A waiting message of a higher priority whose chat is ready holds back everything below it, so
 * an announcement never takes the slot a reply is waiting for; within one priority, first come first
 * served. A chat that must wait (its own limit) holds back nobody.
 *
 * The bot-wide limit is a sliding window (at most N messages in any window, not per fixed second: a
 * bucket refilled every second lets 2 × N pass around the refill). Announcements are also paced evenly
 * at their configured rate (`TELEGRAM_BROADCAST_RATE`) on a grid, like the broadcast limiter before.
 *
 * Paid broadcasts (`allow_paid_broadcast`): Telegram charges for messages above the free 30 per second
 * and allows up to 1000 per second in total. The budget counts paid and free messages in the same
 * window: a paid announcement may go while fewer than the configured paid rate are in the window, a
 * free message (every reply) only while fewer than the free limit are (the free 30 per second are what
 * is left of the total, not a quota of their own). While a reply waits during a paid broadcast,
 * announcements stop until the window has room for the reply (at most about a second).
 *
 * A 429's `retry_after` pauses every message of this bot, not only the call that got it.
 *
 * Announcements take their slot in two steps (`reserve`, then `leave` right before the request): in
 * between the broadcast writes its checkpoint. The slot counts in the window from the reservation on,
 * and `leave` moves it to the moment the request really leaves (waiting if that moment no longer
 * fits), so a slow write never squeezes two requests together at Telegram.
 *
 * A message counts from the moment it leaves, and stays in every window until it is answered. An
 * answer that came later than the quickest of the last calls moves the message that much later: the
 * delay may have been on the way there (a busy event loop before the request was written, a slow
 * network), and Telegram counts arrivals. So a stall never squeezes messages together at Telegram,
 * and costs nothing while there is none.
 */

export type SendPriority = 'interactive' | 'proactive' | 'announcement';

/**
 * The limits by scope. A scope that is given replaces Telegram's default (DEFAULT_SEND_LIMITS) for it;
 * a limit left out of a given scope is off (tests: `{ out: { maxConcurrent: 1 } }` has no per-chat pacing).
 */
export interface SendBudgetLimits {
  /** All chats together: at most `messages` in any window of `windowMs` (paid announcements count in it too). */
  global?: { messages?: number; windowMs?: number };
  /** One group chat (negative chat id): at most `messages` per `windowMs`, at least `minGapMs` apart. */
  group?: { messages?: number; windowMs?: number; minGapMs?: number };
  /**
   * One private chat: a burst of `burst`, then one per `intervalMs` (a token bucket), and at most
   * `maxConcurrent` requests on their way (1: they arrive in order). Without `burst`: no pacing.
   */
  out?: { burst?: number; intervalMs?: number; maxConcurrent?: number };
}

export interface AnnouncementLimits {
  /** Announcements per window (`TELEGRAM_BROADCAST_RATE`): their even pace, and the window's limit for them. */
  rate: number;
  /** The window of `rate`; default the global window, else 1025 ms. */
  windowMs?: number;
}

export interface SendBudgetOptions {
  limits?: SendBudgetLimits;
  announcements?: AnnouncementLimits;
  now?: () => number;
  /** Called when the next waiter may go; returns a cancel function (tests use a virtual clock). */
  setTimer?: (callback: () => void, ms: number) => () => void;
}

/**
 * Telegram's limits with margins: 30 messages in any 1025 ms (25 ms for timer and network jitter, so
 * at most 29.3 per second), one group message per second and 20 per minute, and per private chat a
 * burst of 3 (a turn's question, its file, a reminder) followed by one per 1050 ms.
 */
export const DEFAULT_SEND_LIMITS: Required<SendBudgetLimits> = {
  global: { messages: 30, windowMs: 1025 },
  group: { messages: 20, windowMs: 60_000, minGapMs: 1050 },
  out: { burst: 3, intervalMs: 1050, maxConcurrent: 1 },
};

export interface SendRequest {
  /** The chat (`chat_id`): a negative number or a `@name` is a group or channel. */
  chatId: number | string;
  priority: SendPriority;
  /** `allow_paid_broadcast`: counts against the paid rate instead of the free limit. */
  paid?: boolean;
  /** Gives up waiting (resolves undefined): a paused broadcast, a cancelled call. */
  signal?: AbortSignal;
}

export interface SendSlot {
  /**
   * Resolves when the request may leave now (a reserved slot is moved to this moment). A slot that
   * was just granted by `acquire` may leave at once.
   */
  leave(): Promise<void>;
  /** The call was answered (or failed): the chat may have its next request on the way. */
  done(): void;
  /** Not sent after all: the slot is given back. */
  release(): void;
}

// A reserved slot whose request is about to leave goes before everybody.
const LEAVING = 0;
const RANK: Record<SendPriority, number> = { interactive: 1, proactive: 2, announcement: 3 };
/** A lag of a few grid slots is made up; behind by more (an idle time), the grid starts again at now. */
const CATCH_UP_SLOTS = 5;
const DEFAULT_WINDOW_MS = 1025;
const SWEEP_EVERY_MS = 10_000;
/** Calls whose durations tell how quick an undelayed call is. */
const DURATION_SAMPLES = 50;

interface Entry {
  /** When the request left (or the slot was reserved); moved later when its answer came late. */
  at: number;
  /** Reserved or on its way: counts in every window until its answer, however old. */
  flying: boolean;
}

interface ChatState {
  group: boolean;
  /** Private chats: tokens of the bucket at `filledAt`. */
  tokens: number;
  filledAt: number;
  /** Groups: when messages went, oldest first. */
  sent: number[];
  inFlight: number;
}

interface Waiter {
  rank: number;
  chat: string;
  paid: boolean;
  announcement: boolean;
  resolve: (slot: Slot | undefined) => void;
  detach?: () => void;
  /** LEAVING waiters: the slot that leaves. */
  slot?: Slot;
}

class Slot implements SendSlot {
  private state: 'reserved' | 'left' | 'closed' = 'reserved';
  constructor(
    private readonly budget: SendBudget,
    readonly chat: string,
    readonly paid: boolean,
    readonly announcement: boolean,
    public entry: Entry,
    /** When the chat's allowance was taken for it. */
    readonly chatAt: number,
  ) {}

  leave(): Promise<void> {
    if (this.state !== 'reserved') return Promise.resolve();
    this.state = 'left';
    return this.budget.leave(this);
  }

  /** Granted by acquire at this very moment: it has left. */
  markLeft(): void {
    this.state = 'left';
  }

  done(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.budget.finish(this, false);
  }

  release(): void {
    if (this.state === 'closed') return;
    const unsent = this.state === 'reserved';
    this.state = 'closed';
    this.budget.finish(this, unsent);
  }
}

export class SendBudget {
  private readonly limits: SendBudgetLimits;
  private readonly announcementRate: number;
  private readonly announcementWindowMs: number;
  private readonly now: () => number;
  private readonly setTimer: (callback: () => void, ms: number) => () => void;
  /** Messages sent or reserved, in the order of their times. */
  private window: Entry[] = [];
  private flying = 0;
  /** The last calls' durations (request to answer): their minimum is a call without delays. */
  private readonly durations: number[] = [];
  private readonly queues: Waiter[][] = [[], [], [], []];
  private readonly chats = new Map<string, ChatState>();
  private pausedUntil = 0;
  private lastGridSlot = Number.NEGATIVE_INFINITY;
  private cancelTimer: (() => void) | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private lastSweep = 0;
  private sentCount = 0;

  constructor(options: SendBudgetOptions = {}) {
    // A scope that is given replaces Telegram's default for it; a scope left out keeps the default.
    this.limits = { ...DEFAULT_SEND_LIMITS, ...options.limits };
    this.announcementRate = Math.max(1, options.announcements?.rate ?? this.limits.global?.messages ?? 30);
    this.announcementWindowMs = options.announcements?.windowMs ?? this.limits.global?.windowMs ?? DEFAULT_WINDOW_MS;
    this.now = options.now ?? Date.now;
    this.setTimer =
      options.setTimer ??
      ((callback, ms) => {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
      });
  }

  /** Waits for a slot that may leave at once (replies, reminders: the request follows immediately). */
  async acquire(request: SendRequest): Promise<SendSlot | undefined> {
    const slot = await this.enqueue(request);
    slot?.markLeft();
    return slot;
  }

  /**
   * Waits for an announcement's turn; the slot counts from now on. Call `leave()` right before the
   * request (after the checkpoint), or `release()` when it is not sent after all.
   */
  reserve(request: Omit<SendRequest, 'priority'>): Promise<SendSlot | undefined> {
    return this.enqueue({ ...request, priority: 'announcement' });
  }

  /** Telegram answered 429: nothing of this bot goes out for `seconds`. */
  pause(seconds: number): void {
    const until = this.now() + Math.max(0, seconds) * 1000;
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.pump();
  }

  /** How many are waiting, by priority (tests, logs). */
  waiting(): Record<SendPriority, number> {
    return { interactive: this.queues[1]!.length, proactive: this.queues[2]!.length, announcement: this.queues[3]!.length };
  }

  /** Messages that took a slot so far. */
  get sent(): number {
    return this.sentCount;
  }

  private enqueue(request: SendRequest): Promise<Slot | undefined> {
    if (request.signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        rank: RANK[request.priority],
        chat: String(request.chatId),
        paid: request.paid === true,
        announcement: request.priority === 'announcement',
        resolve,
      };
      const signal = request.signal;
      if (signal) {
        const onAbort = (): void => {
          const queue = this.queues[waiter.rank]!;
          const index = queue.indexOf(waiter);
          if (index >= 0) queue.splice(index, 1);
          resolve(undefined);
          this.pump();
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.queues[waiter.rank]!.push(waiter);
      this.pump();
    });
  }

  /** @internal A reserved slot's request is about to leave. */
  leave(slot: Slot): Promise<void> {
    this.dropEntry(slot.entry);
    return new Promise((resolve) => {
      this.queues[LEAVING]!.push({ rank: LEAVING, chat: slot.chat, paid: slot.paid, announcement: slot.announcement, slot, resolve: () => resolve() });
      this.pump();
    });
  }

  /** @internal The call of a slot ended; `unsent`: it never left, so its place in the window and chat are given back. */
  finish(slot: Slot, unsent: boolean): void {
    const now = this.now();
    const chat = this.chats.get(slot.chat);
    if (unsent) {
      this.dropEntry(slot.entry);
      if (chat) this.refund(chat);
      // Its step on the announcements' grid is given back too.
      if (slot.announcement) this.lastGridSlot -= this.announcementWindowMs / this.announcementRate;
    } else {
      // An answer later than the quickest of the last calls: the request may have reached Telegram
      // that much later too (a busy event loop before it left, a slow network), so it counts from then.
      const late = this.lateness(now - slot.entry.at);
      this.land(slot.entry, late);
      if (chat && late > 0) this.delayChat(chat, slot.chatAt, late);
    }
    if (chat) chat.inFlight = Math.max(0, chat.inFlight - 1);
    this.pump();
  }

  /** How much later than a call without delays one of `duration` ms was answered (its sample is kept). */
  private lateness(duration: number): number {
    this.durations.push(duration);
    if (this.durations.length > DURATION_SAMPLES) this.durations.shift();
    return Math.max(0, duration - Math.min(...this.durations));
  }

  /** The request was answered: it ages out of the window from its (corrected) time on. */
  private land(entry: Entry, late: number): void {
    if (!entry.flying) return;
    entry.flying = false;
    this.flying--;
    if (late <= 0) return;
    this.removeEntry(entry);
    entry.at += late;
    let index = this.window.length;
    while (index > 0 && this.window[index - 1]!.at > entry.at) index--;
    this.window.splice(index, 0, entry);
  }

  /** The chat's allowance counts from the later time too. */
  private delayChat(chat: ChatState, takenAt: number, late: number): void {
    if (chat.group) {
      const index = chat.sent.lastIndexOf(takenAt);
      if (index >= 0) chat.sent[index] = takenAt + late;
    } else if (chat.filledAt === takenAt) {
      chat.filledAt = Math.min(this.now(), takenAt + late);
    }
  }

  private pump(): void {
    const now = this.now();
    let wakeAt = Number.POSITIVE_INFINITY;
    if (now < this.pausedUntil) {
      wakeAt = this.pausedUntil;
    } else {
      this.prune(now);
      scan: for (let rank = 0; rank < this.queues.length; rank++) {
        const queue = this.queues[rank]!;
        for (let index = 0; index < queue.length; ) {
          const waiter = queue[index]!;
          if (waiter.rank !== LEAVING) {
            const chatWait = this.chatWait(waiter.chat, now);
            if (chatWait > 0) {
              // Its chat must wait (or a request to it is on its way: done() wakes the pump); others may go.
              wakeAt = Math.min(wakeAt, now + chatWait);
              index++;
              continue;
            }
          }
          const windowWait = this.windowWait(waiter, now);
          if (windowWait > 0) {
            // Nobody of a lower priority overtakes it.
            wakeAt = Math.min(wakeAt, now + windowWait);
            break scan;
          }
          queue.splice(index, 1);
          this.grant(waiter, now);
        }
      }
    }
    this.schedule(wakeAt, now);
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now);
  }

  private grant(waiter: Waiter, now: number): void {
    waiter.detach?.();
    const entry: Entry = { at: now, flying: true };
    this.window.push(entry);
    this.flying++;
    this.sentCount += waiter.rank === LEAVING ? 0 : 1;
    if (waiter.announcement && waiter.rank !== LEAVING) {
      // The grid keeps its ideal times, so that a slot a little late (a busy event loop, a reply
      // first) is made up; after an idle time it starts again at now.
      const interval = this.announcementWindowMs / this.announcementRate;
      const next = this.lastGridSlot + interval;
      this.lastGridSlot = next < now - CATCH_UP_SLOTS * interval ? now : next;
    }
    if (waiter.slot) {
      waiter.slot.entry = entry;
      waiter.resolve(undefined);
      return;
    }
    this.take(waiter.chat, now);
    waiter.resolve(new Slot(this, waiter.chat, waiter.paid, waiter.announcement, entry, now));
  }

  /** How long until the bot-wide window (and, for announcements, their grid) has room for this one. */
  private windowWait(waiter: Waiter, now: number): number {
    const free = this.limits.global?.messages;
    const freeWindow = this.limits.global?.windowMs ?? DEFAULT_WINDOW_MS;
    let wait = 0;
    if (!waiter.paid && free !== undefined) wait = Math.max(wait, this.windowFull(now, freeWindow, free));
    if (waiter.announcement) {
      wait = Math.max(wait, this.windowFull(now, this.announcementWindowMs, this.announcementRate));
      if (waiter.rank !== LEAVING) {
        const interval = this.announcementWindowMs / this.announcementRate;
        const next = this.lastGridSlot + interval;
        // Behind by more than a few slots: the grid starts again now (no burst after an idle time).
        if (next >= now - CATCH_UP_SLOTS * interval) wait = Math.max(wait, next - now);
      }
    }
    return wait;
  }

  /**
   * How long until fewer than `limit` messages are in the window of `windowMs` ending now: those of
   * the window, and those on their way (however old). Infinity: only an answer can make room.
   */
  private windowFull(now: number, windowMs: number, limit: number): number {
    const from = now - windowMs;
    let first = this.window.length;
    let flyingInWindow = 0;
    // The window is ordered: count from the end.
    while (first > 0 && this.window[first - 1]!.at > from) {
      first--;
      if (this.window[first]!.flying) flyingInWindow++;
    }
    const count = this.window.length - first + (this.flying - flyingInWindow);
    if (count < limit) return 0;
    // The oldest answered ones leave the window first.
    let leaving = count - limit + 1;
    for (let index = first; index < this.window.length; index++) {
      const entry = this.window[index]!;
      if (entry.flying) continue;
      if (--leaving === 0) return entry.at + windowMs - now;
    }
    return Number.POSITIVE_INFINITY;
  }

  /** How long until this chat may have its next message (Infinity: wait for a request on its way). */
  private chatWait(chatId: string, now: number): number {
    const chat = this.chats.get(chatId);
    if (!chat) return 0;
    const group = chat.group;
    const maxConcurrent = group ? 1 : (this.limits.out?.maxConcurrent ?? Number.POSITIVE_INFINITY);
    if (chat.inFlight >= maxConcurrent) return Number.POSITIVE_INFINITY;
    if (group) {
      const limits = this.limits.group;
      if (!limits) return 0;
      let wait = 0;
      const last = chat.sent.at(-1);
      if (limits.minGapMs !== undefined && last !== undefined) wait = Math.max(wait, last + limits.minGapMs - now);
      if (limits.messages !== undefined) {
        const windowMs = limits.windowMs ?? 60_000;
        chat.sent = chat.sent.filter((at) => at > now - windowMs);
        if (chat.sent.length >= limits.messages) wait = Math.max(wait, chat.sent[chat.sent.length - limits.messages]! + windowMs - now);
      }
      return wait;
    }
    const { burst, intervalMs = 1000 } = this.limits.out ?? {};
    if (burst === undefined) return 0;
    const tokens = this.tokensOf(chat, now, burst, intervalMs);
    return tokens >= 1 ? 0 : (1 - tokens) * intervalMs;
  }

  private take(chatId: string, now: number): void {
    let chat = this.chats.get(chatId);
    const group = isGroupChat(chatId);
    const burst = this.limits.out?.burst;
    if (!chat) {
      chat = { group, tokens: burst ?? 0, filledAt: now, sent: [], inFlight: 0 };
      this.chats.set(chatId, chat);
    }
    chat.inFlight++;
    if (group) chat.sent.push(now);
    else if (burst !== undefined) {
      chat.tokens = this.tokensOf(chat, now, burst, this.limits.out?.intervalMs ?? 1000) - 1;
      chat.filledAt = now;
    }
  }

  private refund(chat: ChatState): void {
    if (chat.group) chat.sent.pop();
    else chat.tokens = Math.min(this.limits.out?.burst ?? 0, chat.tokens + 1);
  }

  private tokensOf(chat: ChatState, now: number, burst: number, intervalMs: number): number {
    return Math.min(burst, chat.tokens + (now - chat.filledAt) / intervalMs);
  }

  private removeEntry(entry: Entry): void {
    const index = this.window.lastIndexOf(entry);
    if (index >= 0) this.window.splice(index, 1);
  }

  /** A slot that did not leave (released, or moved to the moment it leaves). */
  private dropEntry(entry: Entry): void {
    if (entry.flying) this.flying--;
    entry.flying = false;
    this.removeEntry(entry);
  }

  /** Answered entries older than every window drop out (one on its way holds the rest until its answer). */
  private prune(now: number): void {
    const keep = Math.max(this.limits.global?.windowMs ?? DEFAULT_WINDOW_MS, this.announcementWindowMs);
    let old = 0;
    while (old < this.window.length && !this.window[old]!.flying && this.window[old]!.at <= now - keep) old++;
    if (old > 0) this.window.splice(0, old);
  }

  /** Forgets chats that are back to their full allowance (a broadcast touches thousands once). */
  private sweep(now: number): void {
    this.lastSweep = now;
    const { burst, intervalMs = 1000 } = this.limits.out ?? {};
    const groupWindow = this.limits.group?.windowMs ?? 60_000;
    for (const [id, chat] of this.chats) {
      if (chat.inFlight > 0) continue;
      const idle = chat.group ? chat.sent.every((at) => at <= now - groupWindow) : burst === undefined || this.tokensOf(chat, now, burst, intervalMs) >= burst;
      if (idle) this.chats.delete(id);
    }
  }

  private schedule(at: number, now: number): void {
    if (at === this.timerAt) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerAt = at;
    if (!Number.isFinite(at)) return;
    this.cancelTimer = this.setTimer(
      () => {
        this.cancelTimer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(1, Math.ceil(at - now)),
    );
  }
}

/** Groups, supergroups and channels have negative ids (or a `@name`); people positive ones. */
export function isGroupChat(chatId: number | string): boolean {
  const text = String(chatId);
  return text.startsWith('-') || text.startsWith('@');
}
