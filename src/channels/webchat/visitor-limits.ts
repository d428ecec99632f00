/**
 * What a web visitor can make the service keep and send back. Direct Line bounds one activity; the
 * rest bounds what a script could pile up in the store (which the embedded store holds in memory
 * for the 30 days of retention) and in one poll's answer.
 */
export interface VisitorLimits {
  /** An activity's fields other than `text` (value, channelData, entities...) as JSON: 32,768. Web Chat sends well under 1 KB. */
  extrasChars: number;
  /** Characters of the visitor's own activities one conversation may hold: 1,000,000 (about 2,500 ordinary messages, or three of the largest). */
  conversationChars: number;
  /** Characters that one client address may have stored per hour, over all its conversations: 5,000,000. */
  charsPerIpPerHour: number;
  /** Characters of activities in one poll's answer: 1,000,000 (always at least one activity, so a poll moves on). A stream's frames follow the same paging. */
  pollChars: number;
  /** WebSocket streams open at once for one conversation: 5 (duplicated tabs share one); a newer one closes the oldest. */
  streamsPerConversation: number;
  /** WebSocket streams open at once from one client address (IPv6 by /56): 100. More are refused with 429; the widget then polls. */
  streamsPerIp: number;
  /** Bytes a stream may have waiting for its client before it stops reading the log for it: 1,000,000 (one page still goes out whole). */
  streamBufferBytes: number;
  /**
   * A stream whose client reads nothing for this long is dropped: 30,000 ms. It is pinged every half
   * of it and must answer; the ping waits behind what was sent before it, so a client that stopped
   * reading misses it too. What it missed stays in the log for the next connect or poll.
   */
  streamStallMs: number;
}

export const DEFAULT_VISITOR_LIMITS: VisitorLimits = {
  extrasChars: 32_768,
  conversationChars: 1_000_000,
  charsPerIpPerHour: 5_000_000,
  pollChars: 1_000_000,
  streamsPerConversation: 5,
  streamsPerIp: 100,
  streamBufferBytes: 1_000_000,
  streamStallMs: 30_000,
};

/**
 * A budget of characters per key (a client address) in fixed windows, in this instance's memory like
 * the request rate limits: a brake for one source, not an exact quota across instances.
 */
export class CharBudget {
  private readonly used = new Map<string, { since: number; chars: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Takes `chars` from the key's budget; false, and nothing taken, when that would exceed it. */
  take(key: string, chars: number): boolean {
    const now = this.now();
    let entry = this.used.get(key);
    if (!entry || now - entry.since >= this.windowMs) {
      if (this.used.size >= 10_000) this.forgetExpired(now);
      entry = { since: now, chars: 0 };
      this.used.set(key, entry);
    }
    if (entry.chars + chars > this.limit) return false;
    entry.chars += chars;
    return true;
  }

  /** Gives back what take() took for something that was not stored after all. */
  refund(key: string, chars: number): void {
    const entry = this.used.get(key);
    if (entry) entry.chars = Math.max(0, entry.chars - chars);
  }

  /** Seconds until the key's window starts again. */
  retryAfterSeconds(key: string): number {
    const entry = this.used.get(key);
    return entry ? Math.max(1, Math.ceil((entry.since + this.windowMs - this.now()) / 1000)) : 1;
  }

  private forgetExpired(now: number): void {
    for (const [key, entry] of this.used) if (now - entry.since >= this.windowMs) this.used.delete(key);
  }
}
