import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { UserFromGetMe } from 'grammy/types';

/**
 * A local fake of the Telegram Bot API on 127.0.0.1 that enforces Telegram's sending limits the way
 * Telegram does: a message over a limit is answered 429 with `retry_after` and is not delivered.
 * The real app talks to it through `TELEGRAM_API_ROOT=<emulator.apiRoot>` (grammY calls
 * `${apiRoot}/bot<token>/<method>` with a JSON or multipart body), so the whole sending path, rate
 * gates and retries included, is exercised over real HTTP. Used by the broadcast benchmark and the
 * crash test; nock (test/support/telegram-api.ts) stays the tool for scripted single calls.
 *
 *   const telegram = await startBotApiEmulator({ onMessage: (message) => ... });
 *   env.TELEGRAM_API_ROOT = telegram.apiRoot;
 *   ...
 *   expect(telegram.duplicates()).toEqual([]);
 *   await telegram.close();
 */

export interface EmulatorLimits {
  /** Messages per window of one bot token, all chats together (Telegram: about 30 per second). */
  messagesPerWindow: number;
  /** The same for a request with `allow_paid_broadcast: true` (Telegram: up to 1000 per second). */
  paidMessagesPerWindow: number;
  /** The sliding window of the global limit. */
  windowMs: number;
  /** Minimum distance between two messages to one chat (Telegram: about one per second). */
  perChatIntervalMs: number;
  /**
   * Messages one chat may get at once before that distance applies (a token bucket refilled by one
   * per `perChatIntervalMs`; Telegram allows "short bursts"). 1: strictly one per interval.
   */
  perChatBurst: number;
  /** Messages per minute into one group chat (negative chat id; Telegram: 20). */
  groupMessagesPerMinute: number;
}

export const TELEGRAM_LIMITS: EmulatorLimits = { messagesPerWindow: 30, paidMessagesPerWindow: 1000, windowMs: 1000, perChatIntervalMs: 1000, perChatBurst: 1, groupMessagesPerMinute: 20 };

/** A message Telegram accepted (and would show the person). */
export interface AcceptedMessage {
  method: string;
  chatId: number | string;
  messageId: number;
  /** The text of sendMessage, the caption of a document. */
  text?: string;
  replyMarkup?: unknown;
  paid: boolean;
  /** When it arrived (ms since the epoch, sub-millisecond). */
  at: number;
}

/** A message refused with 429, and which limit it hit. */
export interface RefusedMessage {
  chatId: string;
  /** `scripted`: a 429 the test asked for (tooManyRequestsFor). */
  limit: 'global' | 'chat' | 'group' | 'scripted';
  retryAfter: number;
  at: number;
}

export interface BotApiEmulatorOptions {
  /** What getMe answers. */
  bot?: UserFromGetMe;
  limits?: Partial<EmulatorLimits>;
  /** Chats whose person blocked the bot: every message answers 403. */
  blockedChats?: Iterable<number | string>;
  /**
   * Called when a message was accepted and recorded, before the answer is written: a test can kill
   * the sender right then (the message counts as shown, the sender never learns it). May be async.
   */
  onMessage?: (message: AcceptedMessage) => void | Promise<void>;
  /** Delay before every answer (the decision is taken on arrival), to imitate a far server. */
  latencyMs?: number;
  /** An idle getUpdates answers `[]` after its `timeout` or after this long, whichever is first. */
  pollCapMs?: number;
}

export interface DuplicateDelivery {
  chatId: number | string;
  text: string;
  count: number;
}

export interface BotApiEmulator {
  /** `http://127.0.0.1:<port>`: the value for TELEGRAM_API_ROOT. */
  readonly apiRoot: string;
  readonly limits: EmulatorLimits;
  /** Every accepted message, in order of arrival. */
  readonly messages: readonly AcceptedMessage[];
  /** Messages refused with 429 (over a limit). */
  readonly tooManyRequests: number;
  readonly refused: readonly RefusedMessage[];
  /** Messages refused with 403 (blocked) and with a scripted 500. */
  readonly forbidden: number;
  readonly serverErrors: number;
  /** Calls per method, answered or refused. */
  callsOf(method: string): number;
  messagesTo(chatId: number | string): AcceptedMessage[];
  /** Chats that accepted the same text more than once. */
  duplicates(): DuplicateDelivery[];
  blockChat(chatId: number | string): void;
  /** The next `times` messages to this chat fail with 500 Internal Server Error. */
  failChat(chatId: number | string, times: number): void;
  /** The next message to this chat is refused with 429 and `retry_after` (as Telegram's flood control does at times). */
  tooManyRequestsFor(chatId: number | string, retryAfterSeconds: number): void;
  /** The most messages accepted in any window of `windowMs` (default the bot-wide window), all chats together. */
  busiestWindow(windowMs?: number): number;
  /** Resolves when at least `count` messages were accepted. */
  waitForMessages(count: number, timeoutMs?: number): Promise<void>;
  /** Ends pending long polls, drops connections and stops listening. */
  close(): Promise<void>;
}

export const EMULATOR_BOT: UserFromGetMe = {
  id: 7_100_000_001,
  is_bot: true,
  first_name: 'KoSI',
  username: 'kosi_emulated_bot',
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

// Telegram's own maximum (Bot API: sendMessage text 1-4096 characters after entity parsing).
const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const MESSAGE_METHODS = new Set(['sendMessage', 'sendDocument']);
const TRUE_METHODS = new Set([
  'setMyCommands',
  'deleteMyCommands',
  'setWebhook',
  'deleteWebhook',
  'answerCallbackQuery',
  'editMessageReplyMarkup',
  'sendChatAction',
  'deleteMessage',
  'close',
  'logOut',
]);

type Body = Record<string, unknown>;
type Answer = { status: number; body: Body };

/** A bot token's accepted send times (performance.now()), oldest first, as a queue. */
class SlidingWindow {
  private times: number[] = [];
  private head = 0;

  /** How long until `limit` messages fit, 0 if one fits now. */
  waitFor(now: number, windowMs: number, limit: number): number {
    while (this.head < this.times.length && this.times[this.head]! <= now - windowMs) this.head += 1;
    if (this.head > 4096) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    const inWindow = this.times.length - this.head;
    if (inWindow < limit) return 0;
    // The message that must leave the window before one more fits.
    const leaving = this.times[this.head + inWindow - limit]!;
    return leaving + windowMs - now;
  }

  add(now: number): void {
    this.times.push(now);
  }
}

export async function startBotApiEmulator(options: BotApiEmulatorOptions = {}): Promise<BotApiEmulator> {
  const limits: EmulatorLimits = { ...TELEGRAM_LIMITS, ...options.limits };
  const bot = options.bot ?? EMULATOR_BOT;
  const pollCapMs = options.pollCapMs ?? 500;
  const blocked = new Set([...(options.blockedChats ?? [])].map(String));
  const failing = new Map<string, number>();
  const scripted429 = new Map<string, number>();
  const windows = new Map<string, SlidingWindow>();
  /** Per chat: the tokens of its bucket at `at`. */
  const chatBuckets = new Map<string, { tokens: number; at: number }>();
  const groupTimes = new Map<string, number[]>();
  const messages: AcceptedMessage[] = [];
  const refused: RefusedMessage[] = [];
  const calls = new Map<string, number>();
  const polls = new Set<() => void>();
  const waiters = new Set<() => void>();
  let nextMessageId = 1;
  let tooManyRequests = 0;
  let forbidden = 0;
  let serverErrors = 0;
  let closed = false;

  const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
  const error = (status: number, description: string, parameters?: Body): Answer => ({
    status,
    body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
  });
  const tooMany = (waitMs: number, chatId: string, limit: RefusedMessage['limit'], arrived: number): Answer => {
    tooManyRequests += 1;
    const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
    refused.push({ chatId, limit, retryAfter, at: performance.timeOrigin + arrived });
    return error(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
  };

  async function sendMessage(token: string, method: string, body: Body): Promise<Answer> {
    const arrived = performance.now();
    const rawChat = body.chat_id;
    if (rawChat === undefined || rawChat === '') return error(400, 'Bad Request: chat_id is empty');
    const chatKey = String(rawChat);
    const text = method === 'sendMessage' ? body.text : body.caption;
    if (method === 'sendMessage' && (typeof text !== 'string' || text.length === 0)) return error(400, 'Bad Request: message text is empty');
    if (method === 'sendDocument' && body.document === undefined) return error(400, 'Bad Request: there is no document in the request');
    if (typeof text === 'string' && text.length > (method === 'sendMessage' ? MAX_TEXT : MAX_CAPTION)) {
      return error(400, method === 'sendMessage' ? 'Bad Request: message is too long' : 'Bad Request: message caption is too long');
    }
    if (blocked.has(chatKey)) {
      forbidden += 1;
      return error(403, 'Forbidden: bot was blocked by the user');
    }
    const failures = failing.get(chatKey) ?? 0;
    if (failures > 0) {
      failing.set(chatKey, failures - 1);
      serverErrors += 1;
      return error(500, 'Internal Server Error');
    }

    const retryAfter = scripted429.get(chatKey);
    if (retryAfter !== undefined) {
      scripted429.delete(chatKey);
      return tooMany(retryAfter * 1000, chatKey, 'scripted', arrived);
    }

    const bucket = chatBuckets.get(chatKey);
    const tokens = bucket ? Math.min(limits.perChatBurst, bucket.tokens + (arrived - bucket.at) / limits.perChatIntervalMs) : limits.perChatBurst;
    if (tokens < 1) return tooMany((1 - tokens) * limits.perChatIntervalMs, chatKey, 'chat', arrived);
    const group = chatKey.startsWith('-') ? (groupTimes.get(chatKey) ?? []).filter((at) => at > arrived - 60_000) : undefined;
    if (group && group.length >= limits.groupMessagesPerMinute) return tooMany(group[group.length - limits.groupMessagesPerMinute]! + 60_000 - arrived, chatKey, 'group', arrived);
    const paid = body.allow_paid_broadcast === true || body.allow_paid_broadcast === 'true';
    const window = windows.get(token) ?? new SlidingWindow();
    windows.set(token, window);
    const wait = window.waitFor(arrived, limits.windowMs, paid ? limits.paidMessagesPerWindow : limits.messagesPerWindow);
    if (wait > 0) return tooMany(wait, chatKey, 'global', arrived);

    window.add(arrived);
    chatBuckets.set(chatKey, { tokens: tokens - 1, at: arrived });
    if (group) groupTimes.set(chatKey, [...group, arrived]);
    const chatId = /^-?\d+$/.test(chatKey) ? Number(chatKey) : chatKey;
    const message: AcceptedMessage = {
      method,
      chatId,
      messageId: nextMessageId++,
      ...(typeof text === 'string' ? { text } : {}),
      ...(body.reply_markup !== undefined ? { replyMarkup: parseMaybeJson(body.reply_markup) } : {}),
      paid,
      at: performance.timeOrigin + arrived,
    };
    messages.push(message);
    for (const wake of [...waiters]) wake();
    try {
      await options.onMessage?.(message);
    } catch (hookError) {
      console.error('bot api emulator: onMessage hook failed', hookError);
    }
    const chat = typeof chatId === 'number' && chatId < 0 ? { id: chatId, type: 'group', title: 'Gruppe' } : { id: chatId, type: 'private', first_name: 'Test' };
    const result: Body = { message_id: message.messageId, date: Math.floor(message.at / 1000), chat, from: bot };
    if (method === 'sendMessage') result.text = text;
    else result.document = { file_id: `doc-${message.messageId}`, file_unique_id: `udoc-${message.messageId}`, file_name: 'file' };
    if (message.replyMarkup !== undefined) result.reply_markup = message.replyMarkup;
    return ok(result);
  }

  function getUpdates(body: Body): Promise<Answer> {
    const timeoutSeconds = Number(body.timeout ?? 0);
    const holdMs = Math.min(Number.isFinite(timeoutSeconds) ? timeoutSeconds * 1000 : 0, pollCapMs);
    if (holdMs <= 0 || closed) return Promise.resolve(ok([]));
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        polls.delete(finish);
        resolve(ok([]));
      };
      const timer = setTimeout(finish, holdMs);
      polls.add(finish);
    });
  }

  async function handle(token: string, method: string, body: Body): Promise<Answer> {
    calls.set(method, (calls.get(method) ?? 0) + 1);
    if (MESSAGE_METHODS.has(method)) return sendMessage(token, method, body);
    if (method === 'getMe') return ok(bot);
    if (method === 'getUpdates') return getUpdates(body);
    if (method === 'getMyCommands') return ok([]);
    if (method === 'getWebhookInfo') return ok({ url: '', has_custom_certificate: false, pending_update_count: 0 });
    if (method === 'editMessageText') return ok({ message_id: Number(body.message_id), date: Math.floor(Date.now() / 1000), chat: { id: Number(body.chat_id), type: 'private' }, text: body.text });
    if (TRUE_METHODS.has(method)) return ok(true);
    return error(404, 'Not Found: method not found');
  }

  const server = createServer((request, response) => {
    // A sender killed mid-call leaves a dead socket: nothing to answer to.
    response.on('error', () => undefined);
    request.on('error', () => undefined);
    serve(request, response).catch((serveError: unknown) => {
      console.error('bot api emulator: request failed', serveError);
      write(response, error(500, 'Internal Server Error'));
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return write(response, error(404, 'Not Found'));
    const [, token, method] = match as unknown as [string, string, string];
    let body: Body;
    try {
      body = { ...Object.fromEntries(url.searchParams), ...parseBody(request.headers['content-type'] ?? '', await readBody(request)) };
    } catch {
      return write(response, error(400, 'Bad Request: cannot parse the request body'));
    }
    const answer = await handle(token, method, body);
    if (options.latencyMs && !closed) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    write(response, answer);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    limits,
    messages,
    refused,
    get tooManyRequests() {
      return tooManyRequests;
    },
    get forbidden() {
      return forbidden;
    },
    get serverErrors() {
      return serverErrors;
    },
    callsOf: (method) => calls.get(method) ?? 0,
    messagesTo: (chatId) => messages.filter((message) => String(message.chatId) === String(chatId)),
    duplicates() {
      const counts = new Map<string, DuplicateDelivery>();
      for (const message of messages) {
        const text = message.text ?? `(${message.method})`;
        const key = JSON.stringify([String(message.chatId), text]);
        const entry = counts.get(key) ?? { chatId: message.chatId, text, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
      return [...counts.values()].filter((entry) => entry.count > 1);
    },
    blockChat: (chatId) => void blocked.add(String(chatId)),
    failChat: (chatId, times) => void failing.set(String(chatId), times),
    tooManyRequestsFor: (chatId, retryAfterSeconds) => void scripted429.set(String(chatId), retryAfterSeconds),
    busiestWindow(windowMs = limits.windowMs) {
      let most = 0;
      for (let last = 0, first = 0; last < messages.length; last++) {
        while (messages[last]!.at - messages[first]!.at >= windowMs) first++;
        most = Math.max(most, last - first + 1);
      }
      return most;
    },
    waitForMessages(count, timeoutMs = 30_000) {
      if (messages.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`bot api emulator: ${messages.length} of ${count} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const finish of [...polls]) finish();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Long polls just answered; whatever is still open (keep-alive sockets) goes now.
        setImmediate(() => server.closeAllConnections());
      });
    },
  };
}

function write(response: ServerResponse, answer: Answer): void {
  if (response.destroyed || response.headersSent) return;
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(contentType: string, raw: Buffer): Body {
  if (raw.length === 0) return {};
  if (contentType.startsWith('application/json')) return JSON.parse(raw.toString('utf8')) as Body;
  if (contentType.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary) return parseMultipart(raw.toString('latin1'), boundary[1] ?? boundary[2]!);
  throw new Error(`unsupported content type ${contentType}`);
}

/**
 * The fields of a multipart body (grammY's uploads): plain fields as text (objects arrive as JSON
 * text, as Telegram expects them), a file field as `{ filename, size }`.
 */
function parseMultipart(raw: string, boundary: string): Body {
  const fields: Body = {};
  for (const part of raw.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const value = part.slice(split + 4).replace(/\r\n$/, '');
    const name = /name="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (!name) continue;
    const filename = /filename="?([^";\r\n]*)"?/i.exec(headers)?.[1];
    fields[name] = filename !== undefined ? { filename, size: value.length } : Buffer.from(value, 'latin1').toString('utf8');
  }
  return fields;
}

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
