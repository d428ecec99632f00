import nock from 'nock';
import type { Update, UserFromGetMe } from 'grammy/types';

/**
 * A fake Telegram Bot API on nock: every call is recorded with its body, answered with a plausible
 * result, or with a scripted error. Tests assert what a person would see (the request bodies), never
 * the network.
 *
 *   const telegram = fakeTelegramApi();
 *   telegram.failNext('sendMessage', 429, 'Too Many Requests: retry after 1', { retry_after: 1 });
 *   await telegram.waitFor('sendMessage');
 */

export const TEST_API_ROOT = 'http://telegram.test';
export const TEST_TOKEN = '123456:TEST-token';
export const TEST_BOT: UserFromGetMe = {
  id: 123456,
  is_bot: true,
  first_name: 'KoSI',
  username: 'kosi_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface ApiCall {
  method: string;
  /** Parsed JSON, or the raw multipart text of an upload (sendDocument with a file). */
  body: Record<string, unknown>;
  raw: string;
}

export interface ScriptedReply {
  status: number;
  body: Record<string, unknown>;
}

export interface FakeTelegramApi {
  readonly calls: ApiCall[];
  callsOf(method: string): ApiCall[];
  /** Forgets the calls recorded so far. */
  clear(): void;
  /** Answers the next call of `method` with a Bot API error. */
  failNext(method: string, errorCode: number, description: string, parameters?: Record<string, unknown>): void;
  /** Answers the next call of `method` with `result`. */
  answerNext(method: string, result: unknown): void;
  /** Makes the next getUpdates answer with these updates (long polling). */
  deliverUpdates(updates: Update[]): void;
  /** Resolves when `method` was called at least `count` times. */
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<ApiCall[]>;
  /** Removes the interceptors (call in afterEach). */
  close(): void;
}

// An idle getUpdates answers empty after this long, so polling loops do not spin.
const IDLE_POLL_MS = 50;

export function fakeTelegramApi(options: { apiRoot?: string; token?: string; bot?: UserFromGetMe } = {}): FakeTelegramApi {
  const apiRoot = options.apiRoot ?? TEST_API_ROOT;
  const token = options.token ?? TEST_TOKEN;
  const bot = options.bot ?? TEST_BOT;
  const calls: ApiCall[] = [];
  const scripted = new Map<string, ScriptedReply[]>();
  const pendingUpdates: Update[][] = [];
  let nextMessageId = 1000;

  const script = (method: string, reply: ScriptedReply): void => {
    scripted.set(method, [...(scripted.get(method) ?? []), reply]);
  };

  const defaultResult = (method: string, body: Record<string, unknown>): unknown => {
    const chat = { id: Number(body.chat_id ?? 0), type: Number(body.chat_id ?? 0) < 0 ? 'group' : 'private' };
    const message = { message_id: ++nextMessageId, date: Math.floor(Date.now() / 1000), chat };
    switch (method) {
      case 'getMe':
        return bot;
      case 'sendMessage':
        return { ...message, text: body.text };
      case 'sendDocument':
        return { ...message, document: { file_id: `file-${message.message_id}`, file_unique_id: `u-${message.message_id}` } };
      case 'editMessageText':
        return { ...message, message_id: Number(body.message_id), text: body.text };
      case 'getUpdates':
        return pendingUpdates.shift() ?? [];
      default:
        return true;
    }
  };

  const scope = nock(apiRoot)
    .persist()
    .post(new RegExp(`^/bot${escape(token)}/\\w+$`))
    .reply(function (uri, requestBody, callback) {
      const method = uri.slice(uri.lastIndexOf('/') + 1);
      const raw = typeof requestBody === 'string' ? requestBody : JSON.stringify(requestBody);
      const body = typeof requestBody === 'object' && requestBody !== null ? (requestBody as Record<string, unknown>) : {};
      calls.push({ method, body, raw });
      const reply = scripted.get(method)?.shift();
      if (reply) return callback(null, [reply.status, reply.body]);
      const answer = (): void => callback(null, [200, { ok: true, result: defaultResult(method, body) }]);
      // Long polling: an empty answer waits a little, like Telegram's long poll does.
      if (method === 'getUpdates' && pendingUpdates.length === 0) setTimeout(answer, IDLE_POLL_MS);
      else answer();
    });

  return {
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method),
    clear() {
      calls.length = 0;
    },
    failNext(method, errorCode, description, parameters) {
      script(method, { status: errorCode, body: { ok: false, error_code: errorCode, description, ...(parameters ? { parameters } : {}) } });
    },
    answerNext(method, result) {
      script(method, { status: 200, body: { ok: true, result } });
    },
    deliverUpdates(updates) {
      pendingUpdates.push(updates);
    },
    async waitFor(method, count = 1, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = calls.filter((call) => call.method === method);
        if (found.length >= count) return found;
        if (Date.now() > deadline) throw new Error(`expected ${count} ${method} call(s), saw ${found.length}: ${calls.map((c) => c.method).join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close() {
      scope.persist(false);
      nock.cleanAll();
    },
  };
}

/** Only loopback (our own Express server) may be reached; the Bot API is the fake above. */
export function isolateNetwork(): void {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The blank line the channel puts between the texts of one turn it sends as one message
 * (src/channels/telegram/turn-outbox.ts).
 */
export const MERGED_TEXT_SEPARATOR = '\n\n';

/**
 * Telegram: the paragraphs of the texts the bot sent in these calls, in order. A message the
 * channel merged from several texts gives one entry per text (a text with blank lines of its own
 * gives one per paragraph), so assertions about single texts need not know what was merged.
 */
export function paragraphsOf(calls: readonly ApiCall[]): string[] {
  return calls.filter((call) => call.method === 'sendMessage').flatMap((call) => String(call.body.text).split(MERGED_TEXT_SEPARATOR));
}
