import { existsSync } from 'node:fs';
import express, { Router, type Response } from 'express';
import type { Logger } from '../../platform/logging/logger.js';
import { errorBoundary, notFound, route } from './directline-error.js';
import type { FileRepository } from './file-repository.js';
import type { WebChatPaths } from './project-paths.js';
import { limiter, type WebChatRateLimits } from './rate-limits.js';
import { createTokenRoute, type TokenRouteDeps } from './token-route.js';

export interface PublicRouterDeps extends TokenRouteDeps {
  files: FileRepository;
  paths: WebChatPaths;
  logger: Logger;
  rateLimits: WebChatRateLimits;
}

/** Scripts and styles the pages load; an allowlist, so nothing else in the folder is ever served. */
const ASSETS = ['chat.js', 'chat.css', 'demo.css'] as const;
/**
 * The pages' own policy, replacing the host's for these two responses only: scripts from this
 * origin alone as everywhere, plus `blob:` images (Web Chat draws some of its icons as blobs).
 * The widget page runs inside an iframe on city websites, so any site may frame it: the
 * conversation lives in the frame's own storage and nothing of the embedding page reaches it.
 */
const pageCsp = (frameAncestors: string): string =>
  "default-src 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  `connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors ${frameAncestors}`;

/** The browser side: the token route, the Web Chat bundle, downloads, the demo page, the widget frame and the embed script. */
export function createPublicRouter(deps: PublicRouterDeps): Router {
  const router = Router();
  const page = (res: Response, name: string, frameAncestors: string): void => {
    res.set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': pageCsp(frameAncestors) });
    res.sendFile(name, { root: deps.paths.publicDir });
  };

  router.post('/webchat/token', limiter(deps.rateLimits.tokenRequestsPerIp), express.json({ limit: '8kb' }), createTokenRoute(deps));

  let warned = false;
  router.get('/webchat/webchat.js', (_req, res) => {
    if (existsSync(deps.paths.bundleFile)) {
      // Versioned by install-bundle.mjs; a week is long enough to spare the 3.9 MB, short enough for an upgrade.
      res.sendFile(deps.paths.bundleFile, { maxAge: '7d', dotfiles: 'allow' }); // node_modules/.kosi-webchat
      return;
    }
    if (!warned) deps.logger.warn('webchat: the Web Chat bundle is missing; run "npm run postinstall"');
    warned = true;
    res.set('Cache-Control', 'no-store').sendFile('bundle-missing.js', { root: deps.paths.publicDir });
  });

  for (const asset of ASSETS) {
    router.get(`/webchat/${asset}`, (_req, res) => {
      res.set('Cache-Control', 'public, max-age=300').sendFile(asset, { root: deps.paths.publicDir });
    });
  }

  router.get(
    '/webchat/files/:id/:name',
    route(async (req, res) => {
      const file = await deps.files.get(String(req.params['id']));
      if (!file) throw notFound('this download does not exist or has expired; ask the bot again');
      res.set({ 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
      res.attachment(file.name).type(file.contentType).send(file.bytes);
    }),
  );

  router.get('/webchat/frame', (_req, res) => {
    res.removeHeader('X-Frame-Options');
    res.set('Cross-Origin-Resource-Policy', 'cross-origin');
    page(res, 'frame.html', '*');
  });

  router.get('/embed.js', (_req, res) => {
    // Loaded by <script src> from city websites: helmet's same-origin resource policy would block it.
    res.set({ 'Cross-Origin-Resource-Policy': 'cross-origin', 'Cache-Control': 'public, max-age=3600' });
    res.sendFile('embed.js', { root: deps.paths.publicDir });
  });

  router.get('/', (_req, res) => page(res, 'index.html', "'self'"));

  router.use(errorBoundary(deps.logger));
  return router;
}
