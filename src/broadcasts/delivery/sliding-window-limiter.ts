/**
 * Sends on an even grid of windowMs / limit, and at most `limit` sends in any window of `windowMs`
 * (Telegram counts messages per second, not per fixed bucket: a bucket refilled every second lets
 * 2 × limit pass within a few milliseconds around the refill). The grid is kept by the ideal send
 * times, so that timers firing a little late (a busy event loop) do not slow the whole broadcast
 * down; the window rule still caps any catching up. Callers are served in order. A 429 pauses
 * everyone for Telegram's `retry_after`.
 */
const CATCH_UP_SLOTS = 5;

export class SlidingWindowLimiter {
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

  /** Resolves when one more send fits; the send counts from that moment. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    // A rejected wait (never expected) must not stop the callers after it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Telegram said 429: nobody sends before `seconds` have passed. */
  pauseFor(seconds: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + seconds * 1000);
  }

  private async waitForSlot(): Promise<void> {
    const interval = this.windowMs / this.limit;
    // A lag of a few slots is made up (the window rule still holds); after an idle time or a pause the
    // grid starts again near now instead of bursting.
    let slot = Math.max(this.lastSlot + interval, this.now() - CATCH_UP_SLOTS * interval, this.pausedUntil);
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift();
      slot = Math.max(slot, this.pausedUntil);
      const windowFull = this.sent.length >= this.limit ? this.sent[this.sent.length - this.limit]! + this.windowMs : 0;
      const wait = Math.max(slot, windowFull) - now;
      if (wait <= 0) break;
      await this.sleep(Math.ceil(wait));
    }
    this.lastSlot = slot;
    this.sent.push(this.now());
  }
}
