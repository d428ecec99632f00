import type { Activity } from 'botframework-directlinejs';
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

/** Web chat: waits until the bot offers the button, then presses it. */
export async function choose(visit: WebChatVisit, title: string): Promise<void> {
  await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes(title));
  await visit.pressButton(title);
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

/** Telegram through the real webhook of the tenant, with the Bot API faked by nock. */
export function telegramChat(harness: TestApp, telegram: FakeTelegramApi, tenantId: string = APP_TEST_TENANT) {
  const keyboardOf = (call: ApiCall): string[] => {
    const markup = call.body.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined;
    return markup?.inline_keyboard?.flat().map((button) => button.text) ?? [];
  };
  async function send(update: unknown): Promise<ApiCall[]> {
    const before = telegram.calls.length;
    const response = await fetch(`${harness.baseUrl}/telegram/${tenantId}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
    return telegram.calls.slice(before);
  }
  return {
    /** Posts any update to the webhook; returns the Bot API calls its turn made. */
    send,
    keyboardOf,
    texts: (calls: ApiCall[]): string[] => calls.filter((call) => call.method === 'sendMessage').map((call) => String(call.body.text)),
    /** The buttons of the newest keyboard the bot sent. */
    lastKeyboard(): string[] {
      const withKeyboard = [...telegram.calls].reverse().find((call) => keyboardOf(call).length > 0);
      return withKeyboard ? keyboardOf(withKeyboard) : [];
    },
    say: (text: string) => send(textUpdate(text)),
    async press(title: string): Promise<ApiCall[]> {
      const withKeyboard = [...telegram.calls].reverse().find((call) => keyboardOf(call).length > 0);
      const markup = withKeyboard?.body.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined;
      const button = markup?.inline_keyboard?.flat().find((candidate) => candidate.text === title);
      if (!button?.callback_data) throw new Error(`no button "${title}" on the newest keyboard: ${JSON.stringify(keyboardOf(withKeyboard ?? { method: '', body: {}, raw: '' }))}`);
      return send(callbackUpdate(button.callback_data));
    },
  };
}

export type TelegramChat = ReturnType<typeof telegramChat>;

/**
 * A test app with Telegram for every test of the suite (the Bot API faked by nock, nothing else on
 * the network), and a chat with the test user through the tenant's webhook.
 */
export function telegramTestApp(options: TestAppOptions & { tenantId?: string } = {}): { harness: TestApp; telegram: FakeTelegramApi; chat: TelegramChat } {
  const { tenantId, ...appOptions } = options;
  const state = {} as { harness: TestApp; telegram: FakeTelegramApi; chat: TelegramChat };
  beforeEach(async () => {
    isolateNetwork();
    state.telegram = fakeTelegramApi({ token: APP_TEST_TOKEN });
    state.harness = await startTestApp({ telegram: true, ...appOptions });
    state.telegram.clear();
    state.chat = telegramChat(state.harness, state.telegram, tenantId ?? appOptions.env?.TENANT_ID ?? APP_TEST_TENANT);
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
