import type { RequestHandler } from 'express';
import { HttpError } from './http-error.js';
import { operatorKeyMessage, scanForOperatorKeys } from './operator-keys.js';

/** No request body may carry a key such as "$gt": refused with 400 and the reason. */
export function rejectOperatorKeys(): RequestHandler {
  return (req, _res, next) => {
    const scan = scanForOperatorKeys(req.body);
    if (scan.found === 'none') next();
    else next(new HttpError(400, 'BadArgument', operatorKeyMessage(scan)));
  };
}
