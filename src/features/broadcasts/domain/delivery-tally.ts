/**
 * A broadcast's deliveries by status, kept on the broadcast so that the console's progress (asked
 * every second while sending) scans no delivery records. In flight counts as pending.
 */
export const TALLY_STATUSES = ['pending', 'waiting', 'sent', 'failed', 'blocked', 'skipped', 'cancelled'] as const;
export type TallyStatus = (typeof TALLY_STATUSES)[number];
export type DeliveryTally = Record<TallyStatus, number>;
/** Deliveries by their stored status (`sending`: taken by a sender, not yet answered). */
export type DeliveryCounts = Record<TallyStatus | 'sending', number>;

export function tallyOf(counts: DeliveryCounts): DeliveryTally {
  return { pending: counts.pending + counts.sending, waiting: counts.waiting, sent: counts.sent, failed: counts.failed, blocked: counts.blocked, skipped: counts.skipped, cancelled: counts.cancelled };
}

/** Telegram deliveries that left `pending` since the last write of the tally (written about once a second). */
export class PendingMoves {
  private moves = new Map<TallyStatus, number>();

  add(to: TallyStatus): void {
    this.moves.set(to, (this.moves.get(to) ?? 0) + 1);
  }

  /** The changes to add to the tally, and forgets them; undefined when nothing moved. */
  take(): Partial<DeliveryTally> | undefined {
    if (this.moves.size === 0) return undefined;
    const changes: Partial<DeliveryTally> = { pending: 0 };
    for (const [status, count] of this.moves) {
      changes[status] = (changes[status] ?? 0) + count;
      changes.pending! -= count;
    }
    this.moves = new Map();
    return changes;
  }
}
