import type { Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { DirectLineError, sendError } from './directline-error.js';

/** Requests per minute. Per IP unless said otherwise; an office or school behind one address shares a budget. */
export interface WebChatRateLimits {
  /** POST /webchat/token (each page load): 60, so a class of 30 opening the widget at once passes. */
  tokenRequestsPerIp: number;
  /** POST /v3/directline/conversations and /tokens/refresh: 120. */
  connectsPerIp: number;
  /** Activities one sender may post to a conversation (counted after authentication): 60, far above typing speed, a brake for scripts. */
  postsPerConversation: number;
}

export const DEFAULT_RATE_LIMITS: WebChatRateLimits = { tokenRequestsPerIp: 60, connectsPerIp: 120, postsPerConversation: 60 };

/** Polls are never limited: Web Chat stops for good on a 429 (shared/field-notes.md), and a poll is one indexed read. */
export function limiter(limit: number, keyGenerator?: (req: Request, res: Response) => string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    ...(keyGenerator ? { keyGenerator } : {}),
    handler: (_req, res) => sendError(res, new DirectLineError(429, 'TooManyRequests', 'too many requests; wait a minute and try again')),
  });
}
