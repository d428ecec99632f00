import express, { Router, type Request, type Response } from 'express';
import type { Logger } from '../../platform/logging/logger.js';
import { streamUrlFor } from './activity-streams.js';
import { parseClientActivity, parseWatermark, isLocale, isPlainObject } from './client-activity.js';
import type { ConversationService } from './conversation-service.js';
import { assertConversationAccess, type Caller, type DirectLineAuth } from './directline-auth.js';
import { badArgument, DirectLineError, errorBoundary, forbidden, route } from './directline-error.js';
import type { DirectLineTokens } from './directline-tokens.js';
import { newWebUserId } from './ids.js';
import { limiter, type WebChatRateLimits } from './rate-limits.js';
import type { ActivityLog } from './activity-log.js';
import { CharBudget, type VisitorLimits } from './visitor-limits.js';
import { ipKeyGenerator } from 'express-rate-limit';

export interface DirectLineRouterDeps {
  auth: DirectLineAuth;
  tokens: DirectLineTokens;
  service: ConversationService;
  log: ActivityLog;
  logger: Logger;
  rateLimits: WebChatRateLimits;
  limits: VisitorLimits;
  clock: () => Date;
}

/**
 * Direct Line 3.0 as Web Chat and botframework-directlinejs use it: tokens, conversations, activities
 * with watermarks, and the `streamUrl` of the WebSocket stream (ActivityStreams serves it through the
 * host's upgrade hook; polling works as well). Mounted at /v3/directline. What a visitor may post and
 * store is bounded by VisitorLimits; a poll's answer (and a stream's frame) by the log's page size.
 */
export function createDirectLineRouter(deps: DirectLineRouterDeps): Router {
  const { auth, tokens, service, log } = deps;
  const router = Router();
  const connects = limiter(deps.rateLimits.connectsPerIp);
  // Counted only after the caller proved access to the conversation: a stranger's refused posts
  // must not use up the owner's budget. Per conversation and sender (the secret's server is one sender).
  const posts = limiter(deps.rateLimits.postsPerConversation, (req, res) => {
    const caller = callerOf(res);
    return `conversation:${String(req.params['id'])}|${caller.kind === 'token' ? caller.userId : 'secret'}`;
  });
  const charsPerIp = new CharBudget(deps.limits.charsPerIpPerHour, 3_600_000, () => deps.clock().getTime());
  const withAccess = route(async (req, res, next) => {
    const caller = await auth.authenticate(req);
    assertConversationAccess(caller, String(req.params['id']));
    res.locals['caller'] = caller;
    next();
  });
  // 300 K characters of text can be 1 MB of UTF-8 JSON; the host's own parser must allow that much too.
  router.use(express.json({ limit: '1mb', strict: false }));

  /** The tenant's server asks for a token for a new conversation; the browser never sees the secret. */
  router.post(
    '/tokens/generate',
    route(async (req, res) => {
      const caller = await auth.authenticate(req);
      if (caller.kind !== 'secret') throw forbidden('tokens/generate needs the secret, not a token');
      const conversation = await service.create({ tenantId: caller.tenantId, userId: requestedUserId(req) ?? newWebUserId() });
      const issued = await tokens.issue({ tenantId: caller.tenantId, conversationId: conversation._id, userId: conversation.userId });
      res.json({ conversationId: conversation._id, ...issued });
    }),
  );

  router.post(
    '/tokens/refresh',
    connects,
    route(async (req, res) => {
      const caller = await auth.authenticateToken(req);
      const conversation = await service.get(caller.conversationId);
      const issued = await tokens.issue({ tenantId: caller.tenantId, conversationId: conversation._id, userId: caller.userId });
      res.json({ conversationId: conversation._id, ...issued });
    }),
  );

  /** Starts the token's conversation (or, with the secret, a new one): 201 the first time, 200 after. */
  router.post(
    '/conversations',
    connects,
    route(async (req, res) => {
      const caller = await auth.authenticate(req);
      const locale = requestedLocale(req);
      const conversation =
        caller.kind === 'token'
          ? await service.get(caller.conversationId)
          : await service.create({ tenantId: caller.tenantId, userId: requestedUserId(req) ?? newWebUserId(), ...(locale ? { locale } : {}) });
      const started = await service.start(conversation, locale);
      const issued =
        caller.kind === 'token' ? { token: caller.token, expires_in: caller.expiresIn } : await tokens.issue({ tenantId: caller.tenantId, conversationId: conversation._id, userId: conversation.userId });
      res.status(started ? 201 : 200).json({ conversationId: conversation._id, ...issued, ...streamUrlFor(req, conversation._id, issued.token, 0) });
    }),
  );

  /**
   * Resume (Web Chat after a reload) and reconnect (botframework-directlinejs before every new
   * socket, with its watermark: the new streamUrl continues after it); also starts a conversation
   * that a client never POSTed.
   */
  router.get(
    '/conversations/:id',
    connects,
    route(async (req, res) => {
      const caller = await auth.authenticate(req);
      const conversationId = String(req.params['id']);
      assertConversationAccess(caller, conversationId);
      const watermark = parseWatermark(req.query['watermark']);
      const conversation = await service.get(conversationId);
      await service.start(conversation);
      const issued =
        caller.kind === 'token' ? { token: caller.token, expires_in: caller.expiresIn } : await tokens.issue({ tenantId: caller.tenantId, conversationId, userId: conversation.userId });
      res.json({ conversationId, ...issued, ...streamUrlFor(req, conversationId, issued.token, watermark) });
    }),
  );

  router.post(
    '/conversations/:id/activities',
    withAccess,
    posts,
    route(async (req, res) => {
      const caller = callerOf(res);
      const conversationId = String(req.params['id']);
      const activity = parseClientActivity(req.body, deps.limits.extrasChars);
      // IPv6 by /56 as the request limits count it: one client can change addresses within its network.
      const source = ipKeyGenerator(req.ip ?? '', 56);
      const chars = activity.type === 'typing' ? 0 : JSON.stringify(activity).length;
      if (!charsPerIp.take(source, chars)) {
        res.set('Retry-After', String(charsPerIp.retryAfterSeconds(source)));
        throw new DirectLineError(429, 'TooManyRequests', `too much text from this address in the last hour (at most ${deps.limits.charsPerIpPerHour} characters); try again later`);
      }
      try {
        const conversation = await service.get(conversationId);
        // The sender is who the token says, never what the body claims.
        const userId = caller.kind === 'token' ? caller.userId : conversation.userId;
        const id = await service.post(conversation, userId, activity);
        res.json({ id });
      } catch (error) {
        charsPerIp.refund(source, chars); // nothing was stored
        throw error;
      }
    }),
  );

  /** The poll (every second per open widget): one token check and one indexed read, no other lookup. */
  router.get(
    '/conversations/:id/activities',
    route(async (req, res) => {
      const caller = await auth.authenticate(req);
      const conversationId = String(req.params['id']);
      assertConversationAccess(caller, conversationId);
      const page = await log.read(conversationId, parseWatermark(req.query['watermark']));
      res.set('Cache-Control', 'no-store').json({ activities: page.activities, watermark: String(page.watermark) });
    }),
  );

  /** The stream without an upgrade: a proxy in between did not pass the WebSocket on (Upgrade, Connection headers). */
  router.get('/conversations/:id/stream', (_req, res) => {
    res.set('Upgrade', 'websocket');
    throw new DirectLineError(426, 'UpgradeRequired', 'the stream is a WebSocket; a proxy on the way may not pass WebSockets on (poll GET /activities instead)');
  });

  router.post('/conversations/:id/upload', () => {
    throw new DirectLineError(400, 'NotSupported', 'file uploads are not supported by this service');
  });

  router.use(errorBoundary(deps.logger));
  return router;
}

function callerOf(res: Response): Caller {
  return res.locals['caller'] as Caller;
}

function requestedUserId(req: Request): string | undefined {
  const user: unknown = isPlainObject(req.body) ? req.body['user'] : undefined;
  const id = isPlainObject(user) ? user['id'] : undefined;
  if (id === undefined || id === null || id === '') return undefined;
  if (typeof id !== 'string' || !/^[\w.:@-]{1,100}$/.test(id) || id.startsWith('dl_')) {
    throw badArgument('user.id must be up to 100 letters, digits or ._:@- and must not start with dl_');
  }
  return id;
}

function requestedLocale(req: Request): string | undefined {
  const locale: unknown = isPlainObject(req.body) ? req.body['locale'] : undefined;
  return isLocale(locale) ? locale : undefined;
}
