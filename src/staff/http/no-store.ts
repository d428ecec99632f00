import type { RequestHandler } from 'express';

/**
 * `Cache-Control: no-store` on every answer of the router it is mounted on: console pages and API
 * answers carry personal data (registrations, requests, staff accounts), which must not stay in a
 * shared office browser's cache (back button after sign-out) or in a proxy. Set before the routes,
 * so redirects and error answers get it too.
 */
export function noStore(): RequestHandler {
  return (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
}
