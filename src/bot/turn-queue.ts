/**
 * Runs the turns of one conversation one after another (Telegram and Direct Line may deliver a
 * chat's messages concurrently) and different conversations in parallel, and knows how many turns
 * are in flight so that shutdown can wait for them.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  /** Queues `work` behind earlier work of the same key; rejects if the queue was closed. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('turn queue closed: the service is shutting down'));
    this.inFlight++;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
      this.inFlight--;
      if (this.inFlight === 0) this.notifyIdle();
    });
    return result;
  }

  /** True once shutdown began: channels should refuse new input (e.g. 503) instead of storing it. */
  get isClosed(): boolean {
    return this.closed;
  }

  get pending(): number {
    return this.inFlight;
  }

  /** Refuses new work and resolves when the work in flight has finished (or after `timeoutMs`). */
  async drain(timeoutMs: number): Promise<boolean> {
    this.closed = true;
    if (this.inFlight === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const drained = await Promise.race([idle, timeout]);
    clearTimeout(timer);
    return drained;
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
