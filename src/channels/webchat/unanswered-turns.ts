import type { Logger } from '../../platform/logging/logger.js';
import type { ActivityLog } from './activity-log.js';
import type { ConversationRepository } from './conversation-repository.js';
import { startKey, type ConversationService } from './conversation-service.js';

export interface UnansweredTurnsOptions {
  log: ActivityLog;
  conversations: ConversationRepository;
  service: ConversationService;
  logger: Logger;
  clock: () => Date;
  /**
   * A turn still pending after this long was left by an instance that died: turns take well under a
   * second, and shutdown waits 10 s for them. 2 minutes keeps a second instance off a slow live turn.
   */
  orphanAfterMs?: number;
  /** How many pending turns one sweep takes up (the next sweep takes the rest). */
  batchSize?: number;
  /** Attempts after which a turn that keeps failing (or crashing its process) is given up: 3. */
  maxAttempts?: number;
}

/**
 * Greetings and messages that were accepted (201/200) but whose turn never finished, because the
 * process died in between: found by their pending marks and run again, once, by one instance.
 * A message the bot had already replied to before the crash only loses its mark (no second reply).
 */
export class UnansweredTurns {
  private readonly orphanAfterMs: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;

  constructor(private readonly options: UnansweredTurnsOptions) {
    this.orphanAfterMs = options.orphanAfterMs ?? 120_000;
    this.batchSize = options.batchSize ?? 100;
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  /**
   * Runs the turns left before `cutoff` (default: orphaned ones). With the embedded store, which one
   * process owns, everything pending at start is orphaned: pass the start time.
   * Resolves when the turns were queued; returns how many.
   */
  async recover(cutoff = new Date(this.options.clock().getTime() - this.orphanAfterMs)): Promise<number> {
    let resumed = 0;
    // Greetings first: a visitor's first message must not be answered before the bot said hello.
    // Page after page: a claimed or answered item leaves the list (its mark moves past the cutoff);
    // a page of items this process still runs ends the round.
    for (let page = await this.recoverGreetings(cutoff); ; page = await this.recoverGreetings(cutoff)) {
      resumed += page.resumed;
      if (page.listed < this.batchSize || page.moved === 0) break;
    }
    for (let page = await this.recoverMessages(cutoff); ; page = await this.recoverMessages(cutoff)) {
      resumed += page.resumed;
      if (page.listed < this.batchSize || page.moved === 0) break;
    }
    if (resumed > 0) this.options.logger.warn({ resumed }, 'webchat: answering messages accepted before a crash');
    return resumed;
  }

  private async recoverGreetings(cutoff: Date): Promise<RecoveryPage> {
    const { conversations, service, logger } = this.options;
    const listed = await conversations.listPendingStarts(cutoff, this.batchSize);
    const page: RecoveryPage = { listed: listed.length, moved: 0, resumed: 0 };
    for (const conversation of listed) {
      if (service.isInFlight(startKey(conversation._id))) continue;
      const claimed = await conversations.claimPendingStart(conversation._id, cutoff);
      if (!claimed) continue;
      page.moved += 1;
      if ((claimed.startAttempts ?? 1) > this.maxAttempts) {
        logger.error({ conversationId: claimed._id, attempts: this.maxAttempts }, 'webchat: gave up greeting a conversation whose turn keeps failing');
        await conversations.startAnswered(claimed._id);
        continue;
      }
      void service.greet(claimed);
      page.resumed += 1;
    }
    return page;
  }

  private async recoverMessages(cutoff: Date): Promise<RecoveryPage> {
    const { log, service, logger } = this.options;
    const listed = await log.listPending(cutoff, this.batchSize);
    const page: RecoveryPage = { listed: listed.length, moved: 0, resumed: 0 };
    for (const pending of listed) {
      if (service.isInFlight(pending.id)) continue;
      const attempts = await log.claimPending(pending.id, cutoff);
      if (attempts === null) continue;
      page.moved += 1;
      const conversationId = pending.activity?.conversation?.id;
      if (!pending.activity || !conversationId || (await log.hasReplyTo(conversationId, pending.seq, pending.id))) {
        await log.answered(pending.id);
        continue;
      }
      if (attempts > this.maxAttempts) {
        logger.error({ conversationId, attempts: this.maxAttempts }, 'webchat: gave up answering a message whose turn keeps failing');
        await log.answered(pending.id);
        continue;
      }
      void service.answer(pending.activity);
      page.resumed += 1;
    }
    return page;
  }
}

interface RecoveryPage {
  listed: number;
  /** Items whose mark this call moved (claimed), so that the next page lists others. */
  moved: number;
  resumed: number;
}
