import type { Duplex } from 'node:stream';
import cors from 'cors';
import { Router, type Request } from 'express';
import type { TurnQueue } from '../../bot/turn-queue.js';
import type { TenantConfig } from '../../platform/config/config-types.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { DocumentStore } from '../../platform/store/document-store.js';
import { ActivityLog } from './activity-log.js';
import { ActivityStreams, DIRECT_LINE_PATH } from './activity-streams.js';
import { ConversationRepository, type WebVisitor } from './conversation-repository.js';
import { ConversationService } from './conversation-service.js';
import { DirectLineAuth } from './directline-auth.js';
import { createDirectLineRouter } from './directline-router.js';
import { DirectLineTokens } from './directline-tokens.js';
import { FileRepository } from './file-repository.js';
import { defaultWebChatPaths, type WebChatPaths } from './project-paths.js';
import { createPublicRouter } from './public-router.js';
import { DEFAULT_RATE_LIMITS, type WebChatRateLimits } from './rate-limits.js';
import { TenantDirectory } from './tenant-keys.js';
import { UserTickets } from './user-tickets.js';
import { WebChatUserData, type ErasedCounts, type WebChatSubject, type WebChatUserExport } from './user-data.js';
import { WebChatAdapter, type BotLogic } from './webchat-adapter.js';
import { UnansweredTurns } from './unanswered-turns.js';
import { DEFAULT_VISITOR_LIMITS, type VisitorLimits } from './visitor-limits.js';

export type { ErasedCounts, WebChatSubject, WebChatUserExport, WebVisitor };

export interface WebChatChannelOptions {
  tenants: readonly TenantConfig[];
  store: DocumentStore;
  logger: Logger;
  turnQueue: TurnQueue;
  logic: BotLogic;
  /** Lifetime of a Direct Line token (Direct Line: 1800 s; Web Chat refreshes every 15 min). */
  tokenTtlSeconds: number;
  /** Injected for tests (token expiry, gap grace, file expiry). */
  clock?: () => Date;
  /** How long a generated file stays downloadable: 1 h, enough to click the link, short for personal data. */
  downloadTtlMs?: number;
  rateLimits?: Partial<WebChatRateLimits>;
  /** What a visitor may make the service store and send back (see VisitorLimits for the defaults). */
  limits?: Partial<VisitorLimits>;
  /** Whether another process may share the store (MongoDB): then only turns pending for minutes are another's orphans. */
  sharedStore?: boolean;
  /**
   * How often the WebSocket streams look in the store for activities another instance appended:
   * 250 ms on a shared store (replies there are often written by the instance that took the
   * message, not by the one holding the stream), 1 s on a store of its own (a safety net only).
   */
  streamPollMs?: number;
  /** Where the pages and the Web Chat bundle are; found from package.json by default. */
  paths?: Partial<WebChatPaths>;
}

export interface WebChatChannel {
  adapter: WebChatAdapter;
  /**
   * Answers what was accepted but never answered before a crash (all of it on a store of its own,
   * else what another instance left for minutes), then looks again every minute. Call before the port opens.
   */
  start(): Promise<void>;
  /** Stops looking for unanswered turns and closes the WebSocket streams (1001: clients reconnect elsewhere). */
  stop(): void;
  /** Mount at the root: serves /v3/directline, /webchat/*, /embed.js and /. */
  router: Router;
  /** The host's upgrade hook: takes the WebSocket streams at /v3/directline/conversations/:id/stream. */
  upgrade(req: Request, socket: Duplex, head: Buffer): boolean;
  /** Retention: activities older than `date`, conversations idle since then (started or not), expired files. */
  purgeOlderThan(date: Date): Promise<ErasedCounts>;
  /** Everything stored for a web user (the `from.id` of their activities): conversations with activities, files. */
  exportUser(tenantId: string, userId: string): Promise<WebChatUserExport>;
  /** Deletes the web user's activities and files; see WebChatUserData.eraseSubject for why conversation shells stay. */
  eraseUser(tenantId: string, userId: string): Promise<ErasedCounts>;
  /** Like exportUser, for the conversations of several web users and the subject's conversation ids (this tenant's only). */
  exportSubject(subject: WebChatSubject): Promise<WebChatUserExport>;
  /** Like eraseUser, for the conversations of several web users and the subject's conversation ids (this tenant's only). */
  eraseSubject(subject: WebChatSubject): Promise<ErasedCounts>;
  /** Ids of the web user's conversations (for the data subject of "export"/"delete me"). */
  conversationIdsOf(tenantId: string, userId: string): Promise<string[]>;
  /**
   * Distinct visitors, not erased, none of whose conversations had activity since `since` (a
   * conversation that never started counts from its creation). Reads conversations only, no activities.
   */
  listIdleVisitors(since: Date): Promise<WebVisitor[]>;
}

/** The web chat channel: a Direct Line 3.0–compatible API over the store, its adapter and its pages. */
export function createWebChatChannel(options: WebChatChannelOptions): WebChatChannel {
  const clock = options.clock ?? (() => new Date());
  const { store, logger, turnQueue, logic } = options;
  const rateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const paths = { ...defaultWebChatPaths(), ...options.paths };

  const tenants = new TenantDirectory(options.tenants);
  const tokens = new DirectLineTokens(tenants, options.tokenTtlSeconds, clock);
  const tickets = new UserTickets(clock);
  const auth = new DirectLineAuth(tenants, tokens);
  const conversations = new ConversationRepository(store, clock);
  const limits = { ...DEFAULT_VISITOR_LIMITS, ...options.limits };
  const log = new ActivityLog(store, conversations, { clock, pageChars: limits.pollChars });
  const files = new FileRepository(store, clock, options.downloadTtlMs ?? 3600_000);
  const adapter = new WebChatAdapter({ log, conversations, files, turnQueue, logic, logger });
  const service = new ConversationService({ conversations, log, adapter, tenants, logger, clock, turnQueue, conversationChars: limits.conversationChars });
  const unanswered = new UnansweredTurns({ log, conversations, service, logger, clock });
  let sweep: NodeJS.Timeout | undefined;
  const userData = new WebChatUserData(conversations, log, files);
  const streams = new ActivityStreams({ log, conversations, auth, logger, limits, storePollMs: options.streamPollMs ?? (options.sharedStore ? 250 : 1000) });

  const router = Router();
  // Bearer tokens, never cookies: any city website may run Web Chat against this API directly.
  const crossOrigin = cors({ origin: '*', methods: ['GET', 'POST'], allowedHeaders: ['Authorization', 'Content-Type'], maxAge: 600 });
  router.use([DIRECT_LINE_PATH, '/webchat/token'], crossOrigin);
  router.use(DIRECT_LINE_PATH, createDirectLineRouter({ auth, tokens, service, log, logger, rateLimits, limits, clock }));
  router.use(createPublicRouter({ tenants, tickets, tokens, conversations, service, files, paths, logger, rateLimits }));

  const recover = (cutoff?: Date): Promise<unknown> =>
    unanswered.recover(cutoff).catch((error: unknown) => logger.warn({ err: error }, 'webchat: could not look for unanswered messages'));

  return {
    adapter,
    router,
    upgrade: (req, socket, head) => streams.upgrade(req, socket, head),
    async start() {
      // A store of its own (embedded): whatever is pending at start was left by the last run.
      await recover(options.sharedStore ? undefined : clock());
      if (!options.sharedStore) return;
      sweep = setInterval(() => void recover(), 60_000);
      sweep.unref();
    },
    stop() {
      clearInterval(sweep);
      streams.close();
    },
    purgeOlderThan: (date) => userData.purgeOlderThan(date),
    exportUser: (tenantId, userId) => userData.exportUser(tenantId, userId),
    eraseUser: (tenantId, userId) => userData.eraseUser(tenantId, userId),
    exportSubject: (subject) => userData.exportSubject(subject),
    eraseSubject: (subject) => userData.eraseSubject(subject),
    conversationIdsOf: (tenantId, userId) => userData.conversationIdsOf(tenantId, userId),
    listIdleVisitors: (since) => userData.listIdleVisitors(since),
  };
}
