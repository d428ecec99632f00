import { expect } from 'vitest';

/** A browser-like HTTP client for tests: keeps cookies, never follows redirects, knows the CSRF token. */
export class StaffClient {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;
  /** The one-time token of the last page's create/reply form. */
  nonce: string | undefined;
  lastSetCookies: string[] = [];

  constructor(
    readonly baseUrl: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [key, value] of Object.entries(this.extraHeaders)) headers.set(key, value);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([key, value]) => `${key}=${value}`).join('; '));
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
    this.lastSetCookies = response.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair] = line.split(';');
      const [key, ...value] = pair!.split('=');
      if (/expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(key!.trim());
      else this.cookies.set(key!.trim(), value.join('='));
    }
    return response;
  }

  /** JSON API call; sends the CSRF header when a token is known (or the given one). */
  api(method: string, path: string, body?: unknown, csrf: string | undefined = this.csrf): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrf) headers['x-csrf-token'] = csrf;
    return this.fetch(`/api/admin${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  }

  async apiSignIn(email: string, password: string, tenant?: string): Promise<Response> {
    const response = await this.api('POST', '/session', { email, password, ...(tenant ? { tenant } : {}) }, undefined);
    if (response.status === 201) this.csrf = ((await response.clone().json()) as { csrfToken: string }).csrfToken;
    return response;
  }

  /** Posts an HTML form (URL-encoded); the CSRF token is taken from the last page unless given in fields. */
  postForm(path: string, fields: Record<string, string | string[]>): Promise<Response> {
    const body = new URLSearchParams();
    if (this.csrf && !('_csrf' in fields)) body.append('_csrf', this.csrf);
    if (this.nonce && !('_nonce' in fields)) body.append('_nonce', this.nonce);
    for (const [key, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(key, item);
    return this.fetch(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  }

  /** GETs a console page and remembers the CSRF token of its forms. */
  async page(path: string): Promise<{ status: number; html: string; response: Response }> {
    const response = await this.fetch(path);
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    this.nonce = /name="_nonce" value="([^"]+)"/.exec(html)?.[1] ?? this.nonce;
    return { status: response.status, html, response };
  }

  async consoleSignIn(email: string, password: string, tenant?: string): Promise<Response> {
    const login = await this.page('/console/login');
    expect(login.status).toBe(200);
    const hiddenTenant = /name="tenant" value="([^"]+)"/.exec(login.html)?.[1];
    const response = await this.postForm('/console/login', { email, password, tenant: tenant ?? hiddenTenant ?? '' });
    if (response.status === 303) await this.page('/console/');
    return response;
  }
}
