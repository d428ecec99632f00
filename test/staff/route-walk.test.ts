import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, CONSOLE_PREFIX } from '../../src/staff/create-staff-console.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { StaffClient } from './staff-client.js';
import { spec } from './openapi.js';

interface RouteEntry {
  method: string;
  path: string;
}

/** Every route registered on the router (its own stack; nested routers included), with params filled in. */
function routesOf(router: Router, prefix: string): RouteEntry[] {
  const entries: RouteEntry[] = [];
  const stack = (router as unknown as { stack: Array<{ route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: unknown } }> }).stack;
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) entries.push({ method: method.toUpperCase(), path: prefix + layer.route.path.replace(/:(\w+)/g, 'some-$1') });
    } else if (layer.handle.stack) {
      entries.push(...routesOf(layer.handle as unknown as Router, prefix));
    }
  }
  return entries;
}

/** The only routes that work without a session: the sign-in form and the files the pages load. */
const PUBLIC = new Set(['GET /console/login', 'POST /console/login', 'GET /console/assets/console.css', 'GET /console/assets/console.js', 'GET /console/assets/chart.umd.js', 'POST /api/admin/session']);
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe('every route of the console and the admin API', () => {
  let harness: TestApp;
  let routes: RouteEntry[];
  beforeAll(async () => {
    harness = await startTestApp({ env: { ADMIN_EMAIL: 'admin@wuppertal.example', ADMIN_PASSWORD: 'the first admin password' }, overrides: { staff: { loginAttemptsPerWindow: 1000 } } });
    routes = [...routesOf(harness.app.staffConsole.consoleRouter, CONSOLE_PREFIX), ...routesOf(harness.app.staffConsole.apiRouter, API_PREFIX)];
  });
  afterAll(() => harness?.stop());

  it('finds the routes by walking the routers', () => {
    const names = routes.map((route) => `${route.method} ${route.path}`);
    expect(names).toEqual(expect.arrayContaining(['GET /console/', 'POST /console/staff', 'GET /console/audit', 'GET /api/admin/session', 'PATCH /api/admin/staff/some-id', 'GET /api/admin/audit']));
    // The broadcast pages, with their JSON progress route and every action.
    expect(names).toEqual(
      expect.arrayContaining([
        'POST /console/broadcasts',
        'GET /console/broadcasts/some-id/progress',
        'POST /console/broadcasts/some-id/submit',
        'POST /console/broadcasts/some-id/cancel',
        'POST /console/broadcasts/settings',
        'POST /console/broadcasts/my-chat/unlink',
      ]),
    );
    for (const name of PUBLIC) expect(names).toContain(name);
    expect(routes.length).toBeGreaterThan(20);
  });

  it('refuses each one without a session: 303 to the sign-in page (HTML) or 401 (API)', async () => {
    const refused: string[] = [];
    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      if (PUBLIC.has(name)) continue;
      const response = await fetch(`${harness.baseUrl}${route.path}`, {
        method: route.method,
        redirect: 'manual',
        headers: { 'content-type': 'application/json' },
        body: UNSAFE.has(route.method) ? '{}' : undefined,
      });
      const ok = route.path.startsWith(API_PREFIX) ? response.status === 401 : response.status === 303 && (response.headers.get('location') ?? '').startsWith('/console/login');
      if (!ok) refused.push(`${name} answered ${response.status} ${response.headers.get('location') ?? ''}`);
      else refused.push('');
      await response.body?.cancel();
    }
    expect(refused.filter(Boolean)).toEqual([]);
  });

  it('refuses each state-changing one with a session but without the CSRF token (403)', async () => {
    const api = new StaffClient(harness.baseUrl);
    expect((await api.apiSignIn('admin@wuppertal.example', 'the first admin password')).status).toBe(201);
    const problems: string[] = [];
    for (const route of routes.filter((candidate) => UNSAFE.has(candidate.method) && !PUBLIC.has(`${candidate.method} ${candidate.path}`))) {
      const response = route.path.startsWith(API_PREFIX)
        ? await api.fetch(route.path, { method: route.method, headers: { 'content-type': 'application/json' }, body: '{}' })
        : await api.fetch(route.path, { method: route.method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' });
      if (response.status !== 403) problems.push(`${route.method} ${route.path} answered ${response.status}`);
      await response.body?.cancel();
    }
    expect(problems).toEqual([]);
    // The session is still good afterwards.
    expect((await api.api('GET', '/session')).status).toBe(200);
  });

  it('documents every admin API route in openapi.yaml, and nothing that does not exist', () => {
    const routed = routes
      .filter((route) => route.path.startsWith(API_PREFIX))
      .map((route) => `${route.method} ${route.path.slice(API_PREFIX.length).replace(/^\/content\/(deeds|pathways|workshops)/, '/content/{section}').replace(/some-(\w+)/g, '{$1}')}`);
    const documented = Object.entries(spec.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect([...new Set(routed)].sort()).toEqual([...new Set(documented)].sort());
  });

  it('serves the public files without a session', async () => {
    for (const path of ['/console/assets/console.css', '/console/assets/console.js', '/console/assets/chart.umd.js', '/console/login']) {
      const response = await fetch(`${harness.baseUrl}${path}`);
      expect(response.status, path).toBe(200);
      await response.body?.cancel();
    }
  });
});
