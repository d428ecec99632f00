import type { Broadcast } from './broadcast.js';

interface Sample {
  at: number;
  sent: number;
}

/** One sample per this much time is kept: many viewers asking every second add no more. */
const SAMPLE_SPACING_MS = 250;

/**
 * Messages per second over the last window, from the sent counts that the progress queries see
 * (each instance keeps its own samples; no per-message timestamps are scanned). Before a second
 * sample exists, the average since the start.
 */
export class SendingRates {
  private readonly samples = new Map<string, Sample[]>();

  constructor(private readonly windowMs: number) {}

  sample(broadcast: Pick<Broadcast, '_id' | 'startedAt'>, sent: number, now: number): number {
    const kept = (this.samples.get(broadcast._id) ?? []).filter((sample) => sample.at > now - this.windowMs && sample.at <= now);
    if (kept.length === 0 || now - kept.at(-1)!.at >= SAMPLE_SPACING_MS) kept.push({ at: now, sent });
    this.samples.set(broadcast._id, kept);
    const oldest = kept[0]!;
    const since = now - oldest.at >= 1000 ? oldest : broadcast.startedAt ? { at: broadcast.startedAt.getTime(), sent: 0 } : undefined;
    if (!since || now - since.at < 1000) return 0;
    return Math.round(((sent - since.sent) / ((now - since.at) / 1000)) * 10) / 10;
  }

  /** The broadcast is not sending (any more): its rate is 0 and its samples go. */
  forget(broadcastId: string): 0 {
    this.samples.delete(broadcastId);
    return 0;
  }
}
