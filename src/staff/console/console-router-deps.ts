import type { ApiRouterDeps } from '../api/admin-api-router.js';
import type { FormNonces } from '../http/form-nonces.js';
import type { ConsoleViews } from './views.js';

/** The API's dependencies, and what only the HTML pages need. */
export interface ConsoleRouterDeps extends ApiRouterDeps {
  views: ConsoleViews;
  nonces: FormNonces;
  assets: { publicDir: string; chartFile: string };
  secureCookies: boolean;
}
