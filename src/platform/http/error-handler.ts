import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logging/logger.js';
import { StoreUnavailableError } from '../store/document-store.js';
import { isUndecodableBody, UNDECODABLE_BODY } from './body-errors.js';
import { HttpError } from './http-error.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** The one error boundary of the HTTP host: a 4xx with a reason for bad input, never a crash. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const parserError = error as BodyParserError;
    let httpError: HttpError;
    if (error instanceof HttpError) httpError = error;
    else if (parserError?.type === 'entity.parse.failed') httpError = new HttpError(400, 'BadArgument', 'the request body is not valid JSON');
    else if (parserError?.type === 'entity.too.large') httpError = new HttpError(413, 'MessageSizeTooBig', 'the request body is too large');
    else if (isUndecodableBody(error)) httpError = new HttpError(400, 'BadArgument', UNDECODABLE_BODY);
    else if (parserError?.type && parserError.status && parserError.status < 500) {
      httpError = new HttpError(parserError.status, 'BadArgument', parserError.message);
    } else if (error instanceof StoreUnavailableError) {
      httpError = new HttpError(503, 'ServiceUnavailable', 'the data store is not reachable; try again later');
    } else {
      logger.error({ err: { name: (error as Error)?.name, message: (error as Error)?.message, stack: (error as Error)?.stack }, path: req.path }, 'request failed');
      httpError = new HttpError(500, 'ServiceError', 'internal error');
    }
    if (httpError.status < 500) logger.info({ path: req.path, status: httpError.status, code: httpError.code }, 'request refused');
    if (res.headersSent) return;
    res.status(httpError.status).json(httpError.toJSON());
  };
}

export function notFound(): RequestHandler {
  return (req, _res, next) => next(new HttpError(404, 'NotFound', `no route for ${req.method} ${req.path}`));
}
