import type { Activity, CardAction } from 'botframework-directlinejs';
import type { User } from 'grammy/types';
import { expect } from 'vitest';
import { afterEach, beforeEach } from 'vitest';
import { fakeTelegramApi, isolateNetwork, type ApiCall, type FakeTelegramApi } from './telegram-api.js';
import { callbackUpdate, textUpdate } from './telegram-updates.js';
import { APP_TEST_TENANT, APP_TEST_TOKEN, startTestApp, WEBHOOK_SECRET, type TestApp, type TestAppOptions, type WebChatVisit } from './test-app.js';
import type { DirectLineTestClient } from './directline-client.js';

/** The test app as Dortmund (the demo pathways are Dortmund's). */
export const DORTMUND_ENV = { TENANT_ID: 'dortmund', TENANT_NAME: 'Dortmund' };

export function buttonsOf(activity: Activity): string[] {
  return activity.type === 'message' ? (activity.suggestedActions?.actions ?? []).map((action) => String(action.title)) : [];
}

export const textOf = (activity: Activity): string => (activity.type === 'message' ? (activity.text ?? '') : '');

/** A bot message whose text matches `pattern`. */
export const isBotText = (pattern: RegExp) => (activity: Activity): boolean =>
  activity.from.role === 'bot' && activity.type === 'message' && pattern.test(activity.text ?? '');

/** A button title given exactly, or by a pattern (e.g. a prefix: /^1\. /). */
export type ButtonTitle = string | RegExp;
const titleMatches = (title: ButtonTitle) => (candidate: string): boolean => (typeof title === 'string' ? candidate === title : title.test(candidate));

/** Web chat: waits until the bot offers the button (or one matching the pattern), then presses it. */
export async function choose(visit: WebChatVisit, title: ButtonTitle): Promise<void> {
  const offer = await visit.client.waitForBotReply((activity) => buttonsOf(activity).some(titleMatches(title)));
  await visit.pressButton(buttonsOf(offer).find(titleMatches(title))!);
}

/** Presses the suggested action titled `title` on the newest bot activity that has one. */
async function pressNewest(client: DirectLineTestClient, title: string): Promise<void> {
  const actionsOf = (activity: Activity): CardAction[] => (activity.type === 'message' ? (activity.suggestedActions?.actions ?? []) : []);
  const withButtons = [...client.activities].reverse().find((activity) => actionsOf(activity).length > 0);
  const action = withButtons && actionsOf(withButtons).find((candidate) => candidate.title === title);
  if (!action) throw new Error(`no button "${title}" on the newest bot message`);
  await client.press(action);
}

/**
 * Web chat: the same person opens the chat again (e.g. after the clock moved by days, so the old
 * Direct Line token has expired, as it would for a real visitor): the same conversation, with what
 * the bot sent meanwhile.
 */
export async function comeBack(harness: TestApp, visit: WebChatVisit): Promise<WebChatVisit> {
  visit.client.end();
  const client = await harness.resumeWebChat(visit);
  return {
    client,
    ticket: visit.ticket,
    conversationId: visit.conversationId,
    pressButton: (title) => pressNewest(client, title),
    botTextsSince: (count) =>
      client.activities
        .slice(count)
        .filter((activity: Activity) => activity.from.role === 'bot' && activity.type === 'message')
        .map((activity) => ('text' in activity ? (activity.text ?? '') : '')),
  };
}

/**
 * Web chat apps and visits that end after each test of the suite: `start` an app, `open` a chat on
 * it; both are stopped/ended in afterEach.
 */
export function webChatSessions() {
  const running: TestApp[] = [];
  const visits: WebChatVisit[] = [];
  afterEach(async () => {
    for (const visit of visits.splice(0)) visit.client.end();
    for (const app of running.splice(0)) await app.stop();
  });
  return {
    async start(options: TestAppOptions = {}): Promise<TestApp> {
      const app = await startTestApp(options);
      running.push(app);
      return app;
    },
    async open(app: TestApp, options?: Parameters<TestApp['openWebChat']>[0]): Promise<WebChatVisit> {
      const visit = await app.openWebChat(options);
      visits.push(visit);
      return visit;
    },
    /** Ends the visit after the test too (e.g. one from `comeBack`). */
    track(visit: WebChatVisit): WebChatVisit {
      visits.push(visit);
      return visit;
    },
    /** Stops an app now (e.g. to restart on its data directory). */
    async stop(app: TestApp): Promise<void> {
      await app.stop();
      running.splice(running.indexOf(app), 1);
    },
  };
}

/** Web chat: waits for a bot message offering `title`, then types `text`. */
export async function answer(visit: WebChatVisit, whenOffered: string, text: string): Promise<void> {
  await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes(whenOffered));
  await visit.client.send(text);
}

/** Web chat: the bot texts from `since` up to the next message that offers `title`. */
export async function textsUntilButton(visit: WebChatVisit, since: number, title: string): Promise<string[]> {
  await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes(title), 15_000);
  return visit.botTextsSince(since);
}

export interface InlineButton {
  text: string;
  callback_data?: string;
}

/** Telegram: the buttons (with their callback data) of the inline keyboard a Bot API call sent. */
export function inlineKeyboardOf(call: ApiCall): InlineButton[] {
  const markup = call.body.reply_markup as { inline_keyboard?: InlineButton[][] } | undefined;
  return markup?.inline_keyboard?.flat() ?? [];
}

/** Telegram: the texts the bot sent in these calls. */
export const textsOf = (calls: ApiCall[]): string[] => calls.filter((call) => call.method === 'sendMessage').map((call) => String(call.body.text));

/** Telegram: the button titles of the newest keyboard among these calls. */
export function keyboardButtonsOf(calls: ApiCall[]): string[] {
  const withKeyboard = [...calls].reverse().find((call) => inlineKeyboardOf(call).length > 0);
  return withKeyboard ? inlineKeyboardOf(withKeyboard).map((button) => button.text) : [];
}

/** Telegram through the real webhook of the tenant, with the Bot API faked by nock. */
export function telegramChat(harness: TestApp, telegram: FakeTelegramApi, tenantId: string = APP_TEST_TENANT) {
  const keyboardOf = (call: ApiCall): string[] => inlineKeyboardOf(call).map((button) => button.text);
  /** Every update the person sent (texts and button presses), to count them. */
  let sentByPerson = 0;
  async function send(update: unknown): Promise<ApiCall[]> {
    sentByPerson++;
    const before = telegram.calls.length;
    const response = await fetch(`${harness.baseUrl}/telegram/${tenantId}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
    return telegram.calls.slice(before);
  }
  const newestKeyboard = (user?: User): ApiCall | undefined =>
    [...telegram.calls].reverse().find((call) => (user === undefined || Number(call.body.chat_id) === user.id) && inlineKeyboardOf(call).length > 0);
  return {
    /** Posts any update to the webhook; returns the Bot API calls its turn made. */
    send,
    keyboardOf,
    texts: textsOf,
    /** How many updates the person sent in this test. */
    get sentByPerson(): number {
      return sentByPerson;
    },
    /** The newest keyboard the bot sent (to `user`'s chat, when given), with callback data. */
    lastInlineKeyboard: (user?: User): InlineButton[] => {
      const withKeyboard = newestKeyboard(user);
      return withKeyboard ? inlineKeyboardOf(withKeyboard) : [];
    },
    /** The buttons of the newest keyboard the bot sent. */
    lastKeyboard(): string[] {
      const withKeyboard = newestKeyboard();
      return withKeyboard ? keyboardOf(withKeyboard) : [];
    },
    /** Types a text (as `user` in their private chat, when given). */
    say: (text: string, user?: User) => send(textUpdate(text, user ? { from: user, chatId: user.id } : {})),
    /**
     * Presses the button titled `title` (or matching the pattern) on the newest keyboard (the newest
     * one sent to `user`'s private chat, as that user, when given).
     */
    async press(title: ButtonTitle, user?: User): Promise<ApiCall[]> {
      const withKeyboard = newestKeyboard(user);
      const button = withKeyboard && inlineKeyboardOf(withKeyboard).find((candidate) => titleMatches(title)(candidate.text));
      if (!button?.callback_data) throw new Error(`no button "${String(title)}" on the newest keyboard: ${JSON.stringify(withKeyboard ? keyboardOf(withKeyboard) : [])}`);
      return send(callbackUpdate(button.callback_data, user ? { from: user, chatId: user.id } : {}));
    },
  };
}

export type TelegramChat = ReturnType<typeof telegramChat>;

export interface TelegramTestApp {
  harness: TestApp;
  telegram: FakeTelegramApi;
  chat: TelegramChat;
  restart(options?: TestAppOptions): Promise<void>;
}

/**
 * A test app with Telegram for every test of the suite (the Bot API faked by nock, nothing else on
 * the network), and a chat with the test user through the tenant's webhook.
 */
export function telegramTestApp(options: TestAppOptions & { tenantId?: string } = {}): TelegramTestApp {
  const { tenantId, ...appOptions } = options;
  const chatTenant = (env: TestAppOptions['env']) => tenantId ?? env?.TENANT_ID ?? APP_TEST_TENANT;
  const state = {
    /** Stops the app and starts another (e.g. on the same dataDir, or with other options); the chat goes on. */
    async restart(restartOptions: TestAppOptions = appOptions): Promise<void> {
      await state.harness.stop();
      state.harness = await startTestApp({ telegram: true, ...restartOptions });
      state.chat = telegramChat(state.harness, state.telegram, chatTenant(restartOptions.env));
    },
  } as TelegramTestApp;
  beforeEach(async () => {
    isolateNetwork();
    state.telegram = fakeTelegramApi({ token: APP_TEST_TOKEN });
    state.harness = await startTestApp({ telegram: true, ...appOptions });
    state.telegram.clear();
    state.chat = telegramChat(state.harness, state.telegram, chatTenant(appOptions.env));
  });
  afterEach(async () => {
    await state.harness.stop();
    state.telegram.close();
  });
  return state;
}

/**
 * Reads a (resumed) web chat from a position on: waits only for bot messages after the cursor, so
 * that the old messages a resumed conversation replays are never taken for new ones.
 */
export function chatCursor(client: DirectLineTestClient, since = 0) {
  let at = since;
  const isBot = (activity: Activity): boolean => activity.from.id !== client.userId && activity.from.role !== 'user';
  async function waitFor(predicate: (activity: Activity) => boolean, timeoutMs = 10_000): Promise<Activity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = client.activities;
      for (let index = at; index < list.length; index++) {
        if (isBot(list[index]!) && predicate(list[index]!)) {
          at = index + 1;
          return list[index]!;
        }
      }
      if (Date.now() > deadline) throw new Error(`no matching bot message after #${at}; received: ${JSON.stringify(list.slice(at).map(textOf))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    waitFor,
    waitText: (pattern: RegExp) => waitFor((activity) => pattern.test(textOf(activity))),
    /** Presses a button of a message found before. */
    async pressOn(activity: Activity, title: string): Promise<void> {
      const action = activity.type === 'message' ? activity.suggestedActions?.actions?.find((candidate) => candidate.title === title) : undefined;
      await client.press(action!);
    },
    async choose(title: string): Promise<void> {
      const activity = await waitFor((candidate) => buttonsOf(candidate).includes(title));
      const action = activity.type === 'message' ? activity.suggestedActions?.actions?.find((candidate) => candidate.title === title) : undefined;
      await client.press(action!);
    },
    async answer(whenOffered: string, text: string): Promise<void> {
      await waitFor((candidate) => buttonsOf(candidate).includes(whenOffered));
      await client.send(text);
    },
    /** Bot texts after the cursor up to (and moving past) the next message offering `title`. */
    async textsUntilButton(title: string): Promise<string[]> {
      const from = at;
      await waitFor((candidate) => buttonsOf(candidate).includes(title), 15_000);
      return client.activities.slice(from, at).filter(isBot).map(textOf);
    },
  };
}
