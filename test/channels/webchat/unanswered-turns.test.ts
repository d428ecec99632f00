import { rm } from 'node:fs/promises';
import type { TurnContext } from 'botbuilder-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebChatChannel } from '../../../src/channels/webchat/webchat-channel.js';
import { TurnQueue } from '../../../src/bot/turn-queue.js';
import { createLogger } from '../../../src/platform/logging/logger.js';
import { callJson, startWebChatServer, TEST_TENANTS, type WebChatTestServer } from '../../support/directline-server.js';
import { testBotLogic } from '../../support/directline-test-bot.js';

const secret = TEST_TENANTS[0]!.webchat.secret;
type Poll = { activities: Array<{ text?: string; from: { role?: string }; type: string }>; watermark: string };

/** A bot that never finishes its turns: the process is "killed" while they run. */
const hangingLogic = (): Promise<void> => new Promise(() => undefined);

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('messages accepted before a crash', () => {
  const servers: WebChatTestServer[] = [];
  afterEach(async () => {
    // Some turns here never finish: do not wait for them.
    for (const server of servers.splice(0)) {
      await server.crash().catch(() => undefined);
      await rm(server.dataDir, { recursive: true, force: true });
    }
  });

  async function start(dataDir: string | undefined, logic: (context: TurnContext) => Promise<void>): Promise<WebChatTestServer> {
    const server = await startWebChatServer({ logic, ...(dataDir ? { dataDir } : {}) });
    servers.push(server);
    await server.channel.start();
    return server;
  }

  const botTexts = (poll: Poll): string[] => poll.activities.filter((a) => a.from.role === 'bot' && a.type === 'message').map((a) => a.text ?? '');

  it('greets and answers after a restart what got 201 and 200 before the process died', async () => {
    const first = await start(undefined, hangingLogic);
    const { conversationId, token } = (await callJson(`${first.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { conversationId: string; token: string };
    expect((await callJson(`${first.domain}/conversations`, { bearer: token, body: {} })).status).toBe(201);
    const url = `${first.domain}/conversations/${conversationId}/activities`;
    expect((await callJson(url, { bearer: token, body: { type: 'message', text: 'hallo' } })).status).toBe(200);
    await first.crash();
    servers.splice(servers.indexOf(first), 1);

    const second = await start(first.dataDir, testBotLogic);
    const secondUrl = `${second.domain}/conversations/${conversationId}/activities`;
    const poll = await until(
      async () => (await callJson(secondUrl, { bearer: token })).body as Poll,
      (page) => botTexts(page).length >= 2,
    );
    expect(botTexts(poll)).toEqual(['Willkommen beim KoSI-Bot!', 'Echo: hallo']);

    // Once answered, a later restart leaves it alone: no second greeting, no second echo.
    await second.stop();
    servers.splice(servers.indexOf(second), 1);
    const third = await start(first.dataDir, testBotLogic);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = (await callJson(`${third.domain}/conversations/${conversationId}/activities`, { bearer: token })).body as Poll;
    expect(botTexts(again)).toEqual(['Willkommen beim KoSI-Bot!', 'Echo: hallo']);
  });

  it('answers after a restart every message left unanswered, more than one page of them', async () => {
    const first = await startWebChatServer({ logic: hangingLogic, rateLimits: { postsPerConversation: 1_000 } });
    servers.push(first);
    const { conversationId, token } = (await callJson(`${first.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { conversationId: string; token: string };
    const url = `${first.domain}/conversations/${conversationId}/activities`;
    for (let i = 1; i <= 130; i++) expect((await callJson(url, { bearer: token, body: { type: 'message', text: `m${i}` } })).status).toBe(200);
    await first.crash();
    servers.splice(servers.indexOf(first), 1);

    const second = await start(first.dataDir, testBotLogic);
    const echoes = new Set<string>();
    let watermark = '';
    const deadline = Date.now() + 15_000;
    while (echoes.size < 130 && Date.now() < deadline) {
      const page = (await callJson(`${second.domain}/conversations/${conversationId}/activities?watermark=${watermark}`, { bearer: token })).body as Poll;
      for (const text of botTexts(page)) echoes.add(text);
      watermark = page.watermark;
      if (page.activities.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(echoes.size).toBe(130);
    expect(echoes.has('Echo: m130')).toBe(true);
  });

  it('does not answer twice a message the bot had replied to before the crash', async () => {
    const repliesThenHangs = async (context: TurnContext): Promise<void> => {
      if (context.activity.type !== 'message') return;
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await hangingLogic(); // the state write after the reply never happens
    };
    const first = await start(undefined, repliesThenHangs);
    const { conversationId, token } = (await callJson(`${first.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { conversationId: string; token: string };
    const url = `${first.domain}/conversations/${conversationId}/activities`;
    await callJson(url, { bearer: token, body: { type: 'message', text: 'eins' } });
    await until(
      async () => (await callJson(url, { bearer: token })).body as Poll,
      (page) => botTexts(page).length === 1,
    );
    await first.crash();
    servers.splice(servers.indexOf(first), 1);

    const second = await start(first.dataDir, testBotLogic);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const poll = (await callJson(`${second.domain}/conversations/${conversationId}/activities`, { bearer: token })).body as Poll;
    expect(botTexts(poll)).toEqual(['Echo: eins']);
  });

  it('does not take up again a turn that this process is still running, however long it takes', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const slow = (context: TurnContext): Promise<void> => {
      if (context.activity.type !== 'message') return Promise.resolve();
      runs += 1;
      return new Promise((resolve) => (release = resolve));
    };
    const server = await startWebChatServer({ logic: slow, sharedStore: true });
    servers.push(server);
    const { conversationId, token } = (await callJson(`${server.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { conversationId: string; token: string };
    await callJson(`${server.domain}/conversations/${conversationId}/activities`, { bearer: token, body: { type: 'message', text: 'langsam' } });
    expect(runs).toBe(1);
    server.clock.advance(10 * 60_000); // the turn has run for ten minutes
    await server.channel.start(); // a sweep
    server.channel.stop();
    release(); // now it finishes
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runs).toBe(1);
  });

  it('gives a message up after three attempts when its turn keeps failing, with one error in the log', async () => {
    let runs = 0;
    const failing = async (context: TurnContext): Promise<void> => {
      if (context.activity.type !== 'message') return;
      runs += 1;
      throw new Error('the turn fails every time');
    };
    const lines: string[] = [];
    const server = await startWebChatServer({ logic: failing, sharedStore: true, logger: createLogger('error', { write: (line: string) => void lines.push(line) }) });
    servers.push(server);
    const { conversationId, token } = (await callJson(`${server.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { conversationId: string; token: string };
    await callJson(`${server.domain}/conversations/${conversationId}/activities`, { bearer: token, body: { type: 'message', text: 'kaputt' } });
    for (let sweep = 0; sweep < 6; sweep++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      server.clock.advance(3 * 60_000);
      await server.channel.start();
      server.channel.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toBe(4); // the first time and three attempts
    expect(lines.filter((line) => line.includes('gave up answering a message'))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain('kaputt');
  });

  it('with a shared store, leaves another instance its running turn and runs an orphaned one on one instance only', async () => {
    const first = await start(undefined, hangingLogic);
    const { conversationId, token } = (await callJson(`${first.domain}/tokens/generate`, { bearer: secret, body: {} })).body as { conversationId: string; token: string };
    const url = `${first.domain}/conversations/${conversationId}/activities`;
    expect((await callJson(url, { bearer: token, body: { type: 'message', text: 'zwei' } })).status).toBe(200);

    // Two more instances on the same database (as with MongoDB): each with its own turn queue.
    const answered: string[] = [];
    const instance = () =>
      createWebChatChannel({
        tenants: TEST_TENANTS,
        store: first.store,
        logger: createLogger('silent'),
        turnQueue: new TurnQueue(),
        logic: async (context) => {
          if (context.activity.type !== 'message') return;
          answered.push(context.activity.text ?? '');
          await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
        },
        tokenTtlSeconds: 1800,
        clock: first.clock.now,
        sharedStore: true,
      });
    const [b, c] = [instance(), instance()];
    await Promise.all([b.start(), c.start()]);
    b.stop();
    c.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toEqual([]); // a live turn on the first instance is not another's to take

    first.clock.advance(3 * 60_000); // the first instance died long ago
    await Promise.all([b.start(), c.start()]);
    const poll = await until(
      async () => (await callJson(url, { bearer: token })).body as Poll,
      (page) => botTexts(page).length >= 1,
    );
    expect(botTexts(poll)).toEqual(['Echo: zwei']);
    expect(answered).toEqual(['zwei']);
    b.stop();
    c.stop();
  });
});
