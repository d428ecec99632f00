/**
 * Paces sends in two steps. `acquire()` hands out turns on an even grid of windowMs / limit, in the
 * order asked, and never more than `limit` turns in any window of `windowMs` (Telegram counts
 * messages per second, not per fixed bucket: a bucket refilled every second lets 2 × limit pass
 * within a few milliseconds around the refill). `take(turn)`, called right before the request
 * leaves, moves the turn to that moment and admits it only while the window still holds. Between
 * the two the caller writes its checkpoint: a slow write delays its own request and never squeezes
 * it against the next ones. The grid is kept by the ideal times, so that timers
 * firing a little late (a busy event loop) do not slow the whole broadcast down. A 429 pauses
 * everyone for Telegram's `retry_after`.
 */
const CATCH_UP_SLOTS = 5;

/** A turn handed out by acquire(): when it was given. */
export type Turn = number;

export class SlidingWindowLimiter {
  /** When requests left (or turns were given, until taken), oldest first. */
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private pausedUntil = 0;
  private lastSlot = Number.NEGATIVE_INFINITY;

  constructor(
    private limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** A change of the configured rate takes effect with the next send. */
  setLimit(limit: number): void {
    this.limit = Math.max(1, Math.floor(limit));
  }

  /** Resolves at the caller's turn on the grid (callers are served in order). A turn not taken expires with the window. */
  acquire(): Promise<Turn> {
    const turn = this.queue.then(() => this.waitForTurn());
    // A rejected wait (never expected) must not stop the callers after it.
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Resolves when the request of this turn fits the window now; it counts from that moment. */
  async take(turn: Turn): Promise<void> {
    const given = this.sent.indexOf(turn);
    if (given >= 0) this.sent.splice(given, 1);
    for (;;) {
      const wait = Math.max(this.windowWait(), this.pausedUntil - this.now());
      if (wait <= 0) break;
      await this.sleep(Math.ceil(wait));
    }
    this.sent.push(this.now());
  }

  /** Telegram said 429: nobody sends before `seconds` have passed. */
  pauseFor(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + seconds * 1000);
  }

  private async waitForTurn(): Promise<Turn> {
    const interval = this.windowMs / this.limit;
    // A lag of a few slots is made up (the window still holds); after an idle time the grid starts
    // again at now instead of bursting, after a pause at its end.
    const next = this.lastSlot + interval;
    let slot = Math.max(next < this.now() - CATCH_UP_SLOTS * interval ? this.now() : next, this.pausedUntil);
    for (;;) {
      slot = Math.max(slot, this.pausedUntil);
      const wait = Math.max(slot - this.now(), this.windowWait());
      if (wait <= 0) break;
      await this.sleep(Math.ceil(wait));
    }
    this.lastSlot = slot;
    const turn = this.now();
    this.sent.push(turn);
    return turn;
  }

  /** How long until one more request fits the window (0: now). */
  private windowWait(): number {
    const now = this.now();
    while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift();
    return this.sent.length >= this.limit ? this.sent[this.sent.length - this.limit]! + this.windowMs - now : 0;
  }
}
