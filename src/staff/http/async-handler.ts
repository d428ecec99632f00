import type { NextFunction, Request, RequestHandler, Response } from 'express';

type AsyncHandler = (req: Request, res: Response, next: NextFunction) => Promise<void>;

/** An async route handler whose rejection reaches the error pages instead of an unhandled rejection. */
export const handle =
  (handler: AsyncHandler): RequestHandler =>
  (req, res, next) =>
    void handler(req, res, next).catch(next);
