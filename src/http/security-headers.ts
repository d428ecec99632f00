import type { RequestHandler } from 'express';
import helmet from 'helmet';

const webChatCsp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Web Chat injects its styles at run time.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

/**
 * Helmet everywhere; only the widget frame may be embedded by any city website (that is its job),
 * and only the embed script and the Web Chat bundle may be loaded from other origins.
 */
export function securityHeaders(): RequestHandler {
  const everywhere = helmet({ contentSecurityPolicy: { directives: { ...webChatCsp, frameAncestors: ["'self'"] } } });
  const embeddable = helmet({
    contentSecurityPolicy: { directives: { ...webChatCsp, frameAncestors: ['*'] } },
    xFrameOptions: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  const crossOrigin = new Set(['/embed.js', '/webchat/webchat.js']);
  return (req, res, next) => (req.path.startsWith('/webchat/frame') || crossOrigin.has(req.path) ? embeddable : everywhere)(req, res, next);
}
