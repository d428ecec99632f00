import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { DirectLine, type Activity, type CardAction, type DirectLineOptions, type Services } from 'botframework-directlinejs';
import { decodeJwt } from 'jose';
import WebSocket from 'ws';

/**
 * botframework-directlinejs from Node, the way Web Chat uses it (polling, or with `webSocket: true`
 * the stream): a test talks to our Direct Line API through Microsoft's own client. It needs browser
 * globals; xhr2 and ws provide them (shared/field-notes.md).
 */
const require = createRequire(import.meta.url);
function installBrowserGlobals(): void {
  const globals = globalThis as { XMLHttpRequest?: unknown; WebSocket?: unknown };
  globals.XMLHttpRequest ??= require('xhr2') as unknown;
  globals.WebSocket ??= WebSocket;
}

export interface DirectLineClientOptions {
  /** e.g. `${baseUrl}/v3/directline` */
  domain: string;
  token: string;
  /** Set to resume (GET /conversations/:id) instead of starting (POST /conversations). */
  conversationId?: string;
  watermark?: string;
  /** directlinejs' lower bound is 200 ms; tests poll at that pace. */
  pollingInterval?: number;
  /**
   * Receive over the WebSocket stream (streamUrl) instead of polling. directlinejs then reconnects a
   * closed socket after its shortest delay (3 s) through GET /conversations/:id?watermark=.
   */
  webSocket?: boolean;
}

export interface DirectLineTestClient {
  readonly directLine: DirectLine;
  /** The user id the token names (Web Chat takes it from the same claim). */
  readonly userId: string;
  /** Every activity received so far, in order (the user's own echoes included). */
  readonly activities: readonly Activity[];
  /** With `webSocket: true`: the sockets directlinejs opened, oldest first (a test may cut one). */
  readonly sockets: readonly WebSocket[];
  /** Sends a message; resolves with the server's activity id. */
  send(text: string, extra?: Record<string, unknown>): Promise<string>;
  /** Sends what Web Chat sends when a suggested action is pressed. */
  press(action: CardAction): Promise<string>;
  /** The first received activity matching, now or later, that no earlier wait returned. */
  waitForActivity(predicate: (activity: Activity) => boolean, timeoutMs?: number): Promise<Activity>;
  /** Like waitForActivity, for activities from the bot. */
  waitForBotReply(predicate?: (activity: Activity) => boolean, timeoutMs?: number): Promise<Activity>;
  end(): void;
}

export function connectDirectLine(options: DirectLineClientOptions): DirectLineTestClient {
  installBrowserGlobals();
  const sockets: WebSocket[] = [];
  const dlOptions: DirectLineOptions & Partial<Services> = { domain: options.domain, token: options.token, webSocket: false, pollingInterval: options.pollingInterval ?? 200 };
  if (options.webSocket) {
    dlOptions.webSocket = true;
    // Every socket of this client, so that a test can cut one; the library's retry delay is 3 s + random() * 12 s.
    dlOptions.WebSocket = class extends WebSocket {
      constructor(url: string) {
        super(url);
        sockets.push(this);
      }
    } as unknown as Services['WebSocket'];
    dlOptions.random = () => 0;
  }
  if (options.conversationId) dlOptions.conversationId = options.conversationId;
  if (options.watermark) dlOptions.watermark = options.watermark;
  const directLine = new DirectLine(dlOptions);
  const userId = String(decodeJwt(options.token)['user']);
  const activities: Activity[] = [];
  const returned = new Set<Activity>();
  const waiters = new Set<() => void>();
  const subscription = directLine.activity$.subscribe((activity) => {
    activities.push(activity);
    for (const wake of [...waiters]) wake();
  });

  const post = (activity: Record<string, unknown>): Promise<string> =>
    new Promise((resolve, reject) => {
      const channelData = (activity['channelData'] ?? {}) as Record<string, unknown>;
      const withIds = { from: { id: userId, role: 'user' }, ...activity, channelData: { clientActivityID: randomUUID(), ...channelData } };
      directLine.postActivity(withIds as unknown as Activity).subscribe({ next: (id: string) => resolve(id), error: reject });
    });

  const waitForActivity = (predicate: (activity: Activity) => boolean, timeoutMs = 10_000): Promise<Activity> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = activities.find((a) => !returned.has(a) && predicate(a));
        if (!found) return false;
        returned.add(found);
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`no matching activity within ${timeoutMs} ms; received: ${JSON.stringify(activities.map((a) => [a.type, a.from.role, 'text' in a ? a.text : undefined]))}`));
      }, timeoutMs);
      if (!check()) waiters.add(wake);
    });

  return {
    directLine,
    userId,
    activities,
    sockets,
    send: (text, extra = {}) => post({ type: 'message', text, locale: 'de-DE', ...extra }),
    press: (action) => {
      const value = 'value' in action ? (action.value as unknown) : undefined;
      if (action.type === 'messageBack') {
        return post({ type: 'message', text: action.text, value, channelData: { messageBack: { displayText: action.displayText } } });
      }
      return post({ type: 'message', text: typeof value === 'string' ? value : action.title });
    },
    waitForActivity,
    waitForBotReply: (predicate = () => true, timeoutMs) => waitForActivity((a) => a.from.id !== userId && a.from.role !== 'user' && predicate(a), timeoutMs),
    end: () => {
      subscription.unsubscribe();
      directLine.end();
    },
  };
}
