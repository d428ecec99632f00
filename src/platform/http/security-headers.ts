import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/config-types.js';

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
 * Whether browsers reach the service over https: COOKIE_SECURE when set, else an https PUBLIC_URL
 * or a proxy in front (TRUST_PROXY). The console's Secure cookies and the headers below agree on it.
 */
export function servedOverHttps(config: Pick<AppConfig, 'cookieSecure' | 'publicUrl' | 'trustProxy'>): boolean {
  return config.cookieSecure ?? (config.publicUrl?.startsWith('https://') === true || config.trustProxy > 0);
}

/**
 * Helmet everywhere; only the widget frame may be embedded by any city website (that is its job),
 * and only the embed script and the Web Chat bundle may be loaded from other origins.
 *
 * `https: false` (a console on a closed network over plain http, see COOKIE_SECURE): helmet's default
 * `upgrade-insecure-requests` would make the browser fetch the console's CSS and script over https,
 * which does not answer there, so the pages render unstyled and without script; HSTS is meaningless
 * over http. Both are left out then.
 */
export function securityHeaders(options: { https: boolean } = { https: true }): RequestHandler {
  // helmet leaves out a default directive that is set to null.
  const transport: Record<string, null> = options.https ? {} : { upgradeInsecureRequests: null };
  const hsts: { strictTransportSecurity?: false } = options.https ? {} : { strictTransportSecurity: false };
  const everywhere = helmet({ contentSecurityPolicy: { directives: { ...webChatCsp, ...transport, frameAncestors: ["'self'"] } }, ...hsts });
  const embeddable = helmet({
    contentSecurityPolicy: { directives: { ...webChatCsp, ...transport, frameAncestors: ['*'] } },
    xFrameOptions: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    ...hsts,
  });
  const crossOrigin = new Set(['/embed.js', '/webchat/webchat.js']);
  return (req, res, next) => (req.path.startsWith('/webchat/frame') || crossOrigin.has(req.path) ? embeddable : everywhere)(req, res, next);
}
