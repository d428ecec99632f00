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
 * every other page refuses to be framed.
 */
export function securityHeaders(): RequestHandler {
  const everywhere = helmet({ contentSecurityPolicy: { directives: { ...webChatCsp, frameAncestors: ["'self'"] } } });
  const embeddable = helmet({
    contentSecurityPolicy: { directives: { ...webChatCsp, frameAncestors: ['*'] } },
    xFrameOptions: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  return (req, res, next) => (req.path.startsWith('/webchat/frame') || req.path === '/embed.js' ? embeddable : everywhere)(req, res, next);
}
