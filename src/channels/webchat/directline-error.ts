import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../platform/logging/logger.js';
import { isUndecodableBody, UNDECODABLE_BODY } from '../../platform/http/body-errors.js';

/**
 * An HTTP error that knows its Direct Line response: `{ error: { code, message } }`. Messages say
 * what was wrong with the request, never echo tokens, secrets or message texts.
 */
export class DirectLineError extends Error {
  override name = 'DirectLineError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const badArgument = (message: string): DirectLineError => new DirectLineError(400, 'BadArgument', message);
export const unauthorized = (message: string): DirectLineError => new DirectLineError(401, 'Unauthorized', message);
export const forbidden = (message: string): DirectLineError => new DirectLineError(403, 'Forbidden', message);
export const tokenExpired = (): DirectLineError => new DirectLineError(403, 'TokenExpired', 'the token has expired; refresh it or get a new one');
export const notFound = (message: string): DirectLineError => new DirectLineError(404, 'NotFound', message);
export const serviceUnavailable = (message: string): DirectLineError => new DirectLineError(503, 'ServiceUnavailable', message);

/** Seconds a client should wait after a 503: shutdown is brief, another instance or the restart takes over. */
const RETRY_AFTER_SECONDS = '5';

export function sendError(res: Response, error: DirectLineError): void {
  if (error.status === 503) res.set('Retry-After', RETRY_AFTER_SECONDS);
  res.status(error.status).json({ error: { code: error.code, message: error.message } });
}

/** Express 5 forwards rejected promises itself; this only narrows the handler type. */
export function route(handler: (req: Request, res: Response, next: NextFunction) => Promise<void>): RequestHandler {
  return (req, res, next) => handler(req, res, next);
}

/**
 * The error boundary of the web chat routes. Body-parser errors keep their 4xx; anything unexpected
 * is logged and answered 500, except on a poll: Web Chat stops polling for good on any error other
 * than 403/404 (shared/field-notes.md), so a failed poll answers an empty page instead.
 */
export function errorBoundary(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof DirectLineError) return sendError(res, error);
    const status = httpStatusOf(error);
    if (status !== undefined && status >= 400 && status < 500) {
      const message = isUndecodableBody(error) ? UNDECODABLE_BODY : clientMessage(status);
      return sendError(res, new DirectLineError(status, status === 413 ? 'MessageSizeTooBig' : 'BadArgument', message));
    }
    logger.error({ err: error, path: req.route?.path ?? req.path }, 'webchat: request failed');
    if (req.method === 'GET' && /\/activities$/.test(req.path)) {
      res.status(200).json({ activities: [], watermark: typeof req.query['watermark'] === 'string' ? req.query['watermark'] : '' });
      return;
    }
    sendError(res, new DirectLineError(500, 'ServiceError', 'the service could not handle the request; try again'));
  };
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

function clientMessage(status: number): string {
  if (status === 413) return 'the request body is too large';
  if (status === 415) return 'the request body must be JSON';
  return 'the request body is not valid JSON (an activity is a JSON object)';
}
