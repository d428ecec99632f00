import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install -y chromium); Playwright's own download is not used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** Screenshots for people to look at; gitignored. */
export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', 'test-artifacts');

/**
 * Whether browser tests can run here. Without Chromium they are skipped with one loud line on a
 * developer machine, and fail in CI (CI must run them).
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env['CI']) throw new Error(`browser tests need Chromium at ${CHROMIUM_PATH} in CI (apt-get install -y chromium)`);
  console.warn(`!!! browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium) !!!`);
  return false;
}

/** `extraArgs`: e.g. `--host-resolver-rules=MAP name 127.0.0.1`, to reach loopback under a host name. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

export async function artifactPath(name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}

/** A message bubble with this text (Web Chat also keeps hidden copies for screen readers). */
export function bubble(scope: Pick<Page, 'locator'>, text: string): ReturnType<Page['locator']> {
  return scope.locator('.webchat__bubble__content', { hasText: text });
}

export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}

/**
 * A city website on another origin (127.0.0.1, another port) with the one-line embed of the widget
 * and a strict CSP of its own: only the widget's host may run scripts and frames.
 */
export function startCityPage(widgetOrigin: string, page: { city: string; htmlAttributes: string; scriptAttributes: string }): Promise<{ url: string; server: Server }> {
  const html = `<!doctype html><html ${page.htmlAttributes}><head><meta charset="utf-8"><title>Stadt ${page.city}</title></head>
<body><h1>Stadt ${page.city}</h1><p>Fragen? Der Chat hilft.</p>
<script src="${widgetOrigin}/embed.js" ${page.scriptAttributes} async></script></body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'self'; script-src ${widgetOrigin}; frame-src ${widgetOrigin}`,
    });
    res.end(html);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server }));
  });
}
