import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestAdapter, type Activity, type CardAction, type ConversationAccount } from 'botbuilder-core';
import { expect } from 'vitest';
import type { AppOverrides, KosiApp } from '../../src/app.js';
import { SUPPORTED_LOCALES } from '../../src/platform/config/config-types.js';
import type { AccountKey, ChannelId } from '../../src/foundation/profiles/profile.js';
import { conversationIdOf } from '../../src/channels/telegram/conversation-id.js';
import { DORTMUND_ENV } from './chat-helpers.js';
import { isolateNetwork, TEST_BOT } from './telegram-api.js';
import { APP_TEST_TENANT, startTestApp, type TestApp } from './test-app.js';

/**
 * Dialog tests in botbuilder's TestAdapter style, against the whole app: the real composition root
 * (createApp, through startTestApp), the embedded store in a temp directory, the real dialogs, and
 * a TestAdapter in front of `app.bot.run` in place of a channel. Only the network edge is faked:
 * nock refuses every connection beyond 127.0.0.1.
 *
 *   const kit = await startDialogTestKit({ tenant: 'dortmund' });
 *   const chat = kit.chat();                       // a web chat visitor of that tenant
 *   await chat.adapter.send(chat.opening()).assertReply(text('de', 'start:greeting', { tenant: 'Dortmund' }));
 *   await chat.adapter.send(chat.press('Deutsch')).assertReply(...);
 *   await kit.close();
 */

export type Locale = (typeof SUPPORTED_LOCALES)[number];
/** The two demo cities: Wuppertal has workshops and good deeds, Dortmund workshops and pathways. */
export type DemoTenant = 'wuppertal' | 'dortmund';

export interface DialogTestKitOptions {
  tenant?: DemoTenant;
  env?: Record<string, string>;
  overrides?: AppOverrides;
}

export interface ChatOptions {
  channel?: ChannelId;
  /** The sender's id on the channel (Telegram: digits); a fresh one by default. */
  userId?: string;
  /** What the client says its language is (Direct Line: the page's; Telegram: the app's). Default: de. */
  locale?: string;
}

export interface DialogChat {
  /** Logic: `(context) => app.bot.run(context)`; template: this chat's channel, tenant, conversation and sender. */
  readonly adapter: TestAdapter;
  readonly channel: ChannelId;
  readonly account: AccountKey;
  readonly conversationId: string;
  /** Every activity the bot sent in this chat, in order (assertReply takes them off activeQueue; these stay). */
  readonly transcript: readonly Partial<Activity>[];
  /**
   * What the channel sends when the person opens the chat: Web Chat a conversationUpdate (with a
   * deep-link payload as `value.start`), Telegram the "/start" of the Start button.
   */
  opening(payload?: string): Partial<Activity>;
  /**
   * What the client sends when the person presses the button titled `title` (or matching it) of the
   * newest bot message that has buttons, with its sequence stamp, as Web Chat or Telegram sends it.
   */
  press(title: string | RegExp): Partial<Activity>;
  /** The button titles of the newest bot message that has buttons. */
  buttons(): string[];
  /** Sends one activity (or a typed text) and returns the bot's replies to it, taken off activeQueue. */
  turn(activity: string | Partial<Activity>): Promise<Partial<Activity>[]>;
}

export interface DialogTestKit {
  readonly app: KosiApp;
  readonly dataDir: string;
  readonly tenant: { id: DemoTenant; name: string };
  /** A new person in a new private chat with the bot. */
  chat(options?: ChatOptions): DialogChat;
  /** Stops the app (the store is flushed and closed) and removes its temp directory. */
  close(): Promise<void>;
}

/** Starts the app for one tenant with its demo content, on a temp DATA_DIR, jobs only on demand. */
export async function startDialogTestKit(options: DialogTestKitOptions = {}): Promise<DialogTestKit> {
  isolateNetwork();
  const tenantId: DemoTenant = options.tenant ?? (APP_TEST_TENANT as DemoTenant);
  const harness: TestApp = await startTestApp({
    env: { ...(tenantId === 'dortmund' ? DORTMUND_ENV : {}), ...options.env },
    // Jobs (reminders, follow-ups) run only when a test asks for them (app.scheduler.runDue()).
    overrides: { ...options.overrides, scheduler: { mode: 'manual', ...options.overrides?.scheduler } },
  });
  const tenant = harness.app.config.tenants.find((candidate) => candidate.id === tenantId);
  if (!tenant) {
    await harness.stop();
    throw new Error(`the app has no tenant "${tenantId}"`);
  }
  let telegramUsers = 0;
  let closed = false;
  return {
    app: harness.app,
    dataDir: harness.dataDir,
    tenant: { id: tenantId, name: tenant.name },
    chat: (chatOptions = {}) => openChat(harness.app, tenantId, chatOptions, () => ++telegramUsers),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await harness.stop();
      } finally {
        await rm(harness.dataDir, { recursive: true, force: true });
      }
    },
  };
}

const WEBCHAT_BOT: ConversationAccount = { id: 'kosi-bot', name: 'KoSI-Bot', role: 'bot' } as ConversationAccount;

function openChat(app: KosiApp, tenantId: string, options: ChatOptions, nextTelegramUser: () => number): DialogChat {
  const channel = options.channel ?? 'webchat';
  const telegram = channel === 'telegram';
  const userId = options.userId ?? (telegram ? String(700_000_000 + nextTelegramUser()) : `dl_${randomBytes(8).toString('hex')}`);
  const conversationId = telegram ? conversationIdOf(tenantId, userId) : `dlc-${randomBytes(8).toString('hex')}`;
  const user = { id: userId, name: '', role: 'user' } as ConversationAccount;
  // As the channels build their activities (src/channels/*): prepareTurn needs the tenant on the
  // conversation, the channel id and a sender.
  const template: Partial<Activity> = {
    channelId: channel,
    serviceUrl: `${channel}:${tenantId}`,
    conversation: { id: conversationId, tenantId, isGroup: false, conversationType: telegram ? 'private' : 'personal', name: '' } as Activity['conversation'],
    from: user,
    recipient: telegram ? ({ id: String(TEST_BOT.id), name: TEST_BOT.username, role: 'bot' } as ConversationAccount) : WEBCHAT_BOT,
    locale: options.locale ?? 'de',
  };
  const adapter = new TestAdapter((context) => app.bot.run(context), template);
  const transcript: Partial<Activity>[] = [];
  // Recorded after the bot's own handlers ran, i.e. with the button stamps the channel would send.
  adapter.use(async (context, next) => {
    context.onSendActivities(async (_context, activities, sendNext) => {
      const result = await sendNext();
      transcript.push(...activities);
      return result;
    });
    await next();
  });

  let sent = 0;
  const nextId = (): string => `${conversationId}|kit-${++sent}`;
  const newestWithButtons = (): Partial<Activity> | undefined => [...transcript].reverse().find((activity) => actionsOf(activity).length > 0);

  return {
    adapter,
    channel,
    account: { tenantId, channel, accountId: userId },
    conversationId,
    transcript,
    opening(payload) {
      if (telegram) return { type: 'message', id: nextId(), text: payload ? `/start ${payload}` : '/start' };
      return { type: 'conversationUpdate', id: nextId(), membersAdded: [user], ...(payload ? { value: { start: payload } } : {}) };
    },
    press(title) {
      const activity = newestWithButtons();
      const actions = activity ? actionsOf(activity) : [];
      const action = actions.find((candidate) => (typeof title === 'string' ? candidate.title === title : title.test(String(candidate.title))));
      if (!action) throw new Error(`no button ${String(title)} on the newest bot message with buttons: ${JSON.stringify(actions.map((candidate) => candidate.title))}`);
      const value = (action.value ?? undefined) as { buttonSeq?: number } | undefined;
      if (action.type !== 'messageBack') return { type: 'message', id: nextId(), text: typeof action.value === 'string' ? action.value : String(action.title) };
      // Telegram: the callback data carries the payload and the sequence (src/channels/telegram/callback-data.ts).
      if (telegram) return { type: 'message', id: nextId(), text: action.text, ...(value?.buttonSeq ? { value: { buttonSeq: value.buttonSeq } } : {}) };
      // Web Chat: what it posts for a messageBack action (test/support/directline-client.ts).
      return { type: 'message', id: nextId(), text: action.text, value, channelData: { messageBack: { displayText: action.displayText } } };
    },
    buttons() {
      const activity = newestWithButtons();
      return activity ? buttonTitles(activity) : [];
    },
    async turn(activity) {
      adapter.activeQueue.splice(0);
      await adapter.send(activity);
      return adapter.activeQueue.splice(0);
    },
  };
}

function actionsOf(activity: Partial<Activity>): CardAction[] {
  return activity.type === 'message' ? (activity.suggestedActions?.actions ?? []) : [];
}

/** The titles of a bot message's buttons (suggested actions), in order. */
export function buttonTitles(activity: Partial<Activity>): string[] {
  return actionsOf(activity).map((action) => String(action.title));
}

/** The texts of bot messages, in order. */
export function textsOf(activities: readonly Partial<Activity>[]): string[] {
  return activities.filter((activity) => activity.type === 'message').map((activity) => activity.text ?? '');
}

/**
 * An inspector for `assertReply`: a message with exactly this text (or one the pattern matches) and,
 * when given, exactly these buttons in this order.
 */
export function reply(expected: string | RegExp, buttons?: readonly string[]): (activity: Partial<Activity>) => void {
  return (activity) => {
    expect(activity.type).toBe('message');
    if (typeof expected === 'string') expect(activity.text).toBe(expected);
    else expect(activity.text ?? '').toMatch(expected);
    if (buttons) expect(buttonTitles(activity)).toEqual(buttons);
  };
}

// ---- texts, read from the locale files rather than written into the tests ----

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
type Bundle = Record<string, unknown>;
let loadedTexts: Record<Locale, Map<string, Bundle>> | undefined;

/** Every `locales/` folder of the project: the foundation's and each feature's (wherever it lives under src/). */
function localeFolders(): string[] {
  const folders = [join(PROJECT_ROOT, 'locales')];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (!statSync(path).isDirectory()) continue;
      if (name === 'locales') folders.push(path);
      else walk(path);
    }
  };
  walk(join(PROJECT_ROOT, 'src'));
  return folders;
}

function allTexts(): Record<Locale, Map<string, Bundle>> {
  if (loadedTexts) return loadedTexts;
  const texts = Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, new Map<string, Bundle>()])) as Record<Locale, Map<string, Bundle>>;
  for (const folder of localeFolders()) {
    for (const locale of SUPPORTED_LOCALES) {
      const dir = join(folder, locale);
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
        texts[locale].set(basename(file, '.json'), JSON.parse(readFileSync(join(dir, file), 'utf8')) as Bundle);
      }
    }
  }
  loadedTexts = texts;
  return texts;
}

function lookup(bundle: Bundle | undefined, path: string): unknown {
  let node: unknown = bundle;
  for (const part of path.split('.')) node = node && typeof node === 'object' ? (node as Bundle)[part] : undefined;
  return node;
}

/**
 * The text of `namespace:path.to.key` in the locale files, with `{{name}}` filled in and plurals
 * (`_one`/`_other` by `count`) chosen. Throws for a key or a variable that does not exist, so that a
 * test never compares against `undefined`.
 */
export function text(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  const [namespace, path] = key.includes(':') ? (key.split(/:(.*)/s, 2) as [string, string]) : ['common', key];
  const bundle = allTexts()[locale].get(namespace);
  let found = lookup(bundle, path);
  if (found === undefined && typeof vars['count'] === 'number') {
    found = lookup(bundle, `${path}_${new Intl.PluralRules(locale).select(vars['count'])}`) ?? lookup(bundle, `${path}_other`);
  }
  if (typeof found !== 'string') throw new Error(`no text "${key}" in the ${locale} locale files`);
  return found.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => {
    if (!(name in vars)) throw new Error(`text "${key}" needs {{${name}}}`);
    return String(vars[name]);
  });
}

/** Shorthands: de('start:greeting', { tenant }) and en(...). */
export const de = (key: string, vars?: Record<string, string | number>): string => text('de', key, vars);
export const en = (key: string, vars?: Record<string, string | number>): string => text('en', key, vars);

/** The language buttons of the start, each language in its own name. */
/** The language buttons in their own names, the client's language first (it is preselected). */
export const languageButtons = (first: Locale = 'de'): string[] => [first, ...SUPPORTED_LOCALES.filter((locale) => locale !== first)].map((locale) => text(locale, 'common:languageName'));

/**
 * Start → language → consent, checking each reply on the way: the common beginning of the feature
 * tests. Ends with the main menu open; returns its buttons.
 */
export async function agreeToPrivacy(kit: DialogTestKit, chat: DialogChat, locale: Locale = 'de'): Promise<string[]> {
  const t = (key: string, vars?: Record<string, string | number>) => text(locale, key, vars);
  const tenant = kit.tenant.name;
  // Before the language is chosen, the bot greets in the client's language.
  const clientLocale: Locale = /^en\b/i.test(chat.adapter.template.locale ?? '') ? 'en' : 'de';
  await chat.adapter
    .send(chat.opening())
    .assertReply(reply(text(clientLocale, 'start:greeting', { tenant })))
    .assertReply(reply(text(clientLocale, 'start:chooseLanguage'), languageButtons(clientLocale)));
  await chat.adapter
    .send(chat.press(t('common:languageName')))
    .assertReply(reply(t('start:privacyNotice', { tenant })))
    .assertReply(reply(t('start:consentQuestion'), [t('start:consentYes'), t('start:consentNo')]));
  await chat.adapter.send(chat.press(t('start:consentYes'))).assertReply(reply(t('start:consentThanks'))).assertReply(reply(t('menu:prompt')));
  return chat.buttons();
}
