import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { connect as connectTcp } from 'node:net';
import type { Activity, CardAction } from 'botframework-directlinejs';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ActivityLog } from '../../../src/channels/webchat/activity-log.js';
import { ConversationRepository } from '../../../src/channels/webchat/conversation-repository.js';
import type { VisitorLimits } from '../../../src/channels/webchat/visitor-limits.js';
import { buttonsOf, textOf } from '../../support/chat-helpers.js';
import { connectDirectLine, type DirectLineTestClient } from '../../support/directline-client.js';
import { callJson } from '../../support/directline-server.js';
import { APP_TEST_TENANT, startTestApp, type TestApp } from '../../support/test-app.js';

type ActivitySet = { activities: Activity[]; watermark: string };

/** A plain `ws` client on a stream URL: every frame, and how the socket ended or was refused. */
interface RawStream {
  socket: WebSocket;
  frames: ActivitySet[];
  closed: Promise<{ code: number; reason: string }>;
  /** The HTTP status when the server refused the upgrade. */
  refused: Promise<number>;
  /** Resolves once the frames so far satisfy `predicate`. */
  until(predicate: (activities: Activity[]) => boolean, timeoutMs?: number): Promise<Activity[]>;
}

function openRawStream(url: string): RawStream {
  const socket = new WebSocket(url);
  const frames: ActivitySet[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as ActivitySet));
  socket.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  const refused = new Promise<number>((resolve) =>
    socket.on('unexpected-response', (request, response) => {
      resolve(response.statusCode ?? 0);
      request.destroy();
    }),
  );
  const activities = (): Activity[] => frames.flatMap((frame) => frame.activities);
  return {
    socket,
    frames,
    closed,
    refused,
    async until(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(activities())) {
        if (Date.now() > deadline) throw new Error(`stream: nothing matched within ${timeoutMs} ms; got ${JSON.stringify(activities().map(textOf))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return activities();
    },
  };
}

const seqOf = (activity: Activity): number => Number(String(activity.id).split('|').pop());
const isBot = (activity: Activity): boolean => activity.from.role === 'bot';
const GREETING = /^Hallo! Ich bin der KoSI-Bot von Wuppertal/;
const LANGUAGE_QUESTION = /^In welcher Sprache möchtest du schreiben\?/;
const PRIVACY = /^Kurz zum Datenschutz/;

describe('the Direct Line WebSocket stream', () => {
  const running: TestApp[] = [];
  const clients: DirectLineTestClient[] = [];
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.end();
    for (const socket of sockets.splice(0)) socket.terminate();
    for (const harness of running.splice(0)) await harness.stop();
  });

  async function start(limits: Partial<VisitorLimits> = {}): Promise<TestApp> {
    const harness = await startTestApp({ overrides: { webchat: { limits } } });
    running.push(harness);
    return harness;
  }
  /** A new visitor's token, as the widget gets it. */
  async function visitor(harness: TestApp): Promise<{ token: string; conversationId: string }> {
    const answer = await callJson(`${harness.baseUrl}/webchat/token`, { body: {} });
    return answer.body as { token: string; conversationId: string };
  }
  /** Starts the conversation as directlinejs does (the bot greets) and returns the streamUrl. */
  async function started(harness: TestApp, token: string): Promise<string> {
    const answer = await callJson(`${harness.baseUrl}/v3/directline/conversations`, { bearer: token, body: {} });
    return (answer.body as { streamUrl: string }).streamUrl;
  }
  function client(harness: TestApp, token: string): DirectLineTestClient {
    const connected = connectDirectLine({ domain: `${harness.baseUrl}/v3/directline`, token, webSocket: true });
    clients.push(connected);
    return connected;
  }
  function raw(url: string): RawStream {
    const stream = openRawStream(url);
    sockets.push(stream.socket);
    return stream;
  }
  /** Requests the app logged (pino-http, paths only), e.g. the polls. */
  function requests(harness: TestApp, method: string, path: RegExp): number {
    return harness.logs
      .map((line) => JSON.parse(line) as { req?: { method: string; path: string } })
      .filter((line) => line.req?.method === method && path.test(line.req.path)).length;
  }
  const POLLS = /^\/v3\/directline\/conversations\/[^/]+\/activities$/;
  async function press(dl: DirectLineTestClient, offer: Activity, title: string): Promise<string> {
    const action = (offer.type === 'message' ? offer.suggestedActions?.actions : [])?.find((candidate: CardAction) => candidate.title === title);
    if (!action) throw new Error(`no button ${title}`);
    return dl.press(action);
  }

  it('carries a conversation with botframework-directlinejs: greeting, echoes and replies arrive without a single poll', async () => {
    const harness = await start();
    const { token } = await visitor(harness);
    const dl = client(harness, token);
    expect(textOf(await dl.waitForBotReply())).toMatch(GREETING);
    const languages = await dl.waitForBotReply((a) => buttonsOf(a).includes('Deutsch'));
    expect(textOf(languages)).toMatch(LANGUAGE_QUESTION);

    const id = await press(dl, languages, 'Deutsch');
    expect((await dl.waitForActivity((a) => a.id === id)).from.id).toBe(dl.userId); // the echo Web Chat waits for
    await dl.waitForBotReply((a) => PRIVACY.test(textOf(a)));
    const consent = await dl.waitForBotReply((a) => buttonsOf(a).includes('Einverstanden'));
    await press(dl, consent, 'Einverstanden');
    await dl.waitForBotReply((a) => textOf(a) === 'Danke! Du kannst loslegen.');

    expect(requests(harness, 'GET', POLLS)).toBe(0);
    expect(requests(harness, 'POST', /^\/v3\/directline\/conversations$/)).toBe(1);
    expect(dl.sockets).toHaveLength(1);
    const ids = dl.activities.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('hands out streamUrl on POST and GET /conversations, with the watermark of a reconnect', async () => {
    const harness = await start();
    const { token, conversationId } = await visitor(harness);
    const streamUrl = await started(harness, token);
    const path = `/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream`;
    expect(streamUrl).toBe(`ws://127.0.0.1:${new URL(harness.baseUrl).port}${path}?t=${token}`);
    const resumed = await callJson(`${harness.baseUrl}/v3/directline/conversations/${conversationId}?watermark=2`, { bearer: token });
    expect(resumed.body).toMatchObject({ conversationId, token, streamUrl: expect.stringContaining(`${path}?watermark=2&t=`) });
    // Behind an https proxy that TRUST_PROXY does not name, the page still gets a wss: address.
    const proxied = await callJson(`${harness.baseUrl}/v3/directline/conversations/${conversationId}`, { bearer: token, headers: { 'x-forwarded-proto': 'https' } });
    expect((proxied.body as { streamUrl: string }).streamUrl).toMatch(/^wss:\/\//);
    const wrong = await callJson(`${harness.baseUrl}/v3/directline/conversations/${conversationId}?watermark=-1`, { bearer: token });
    expect(wrong.status).toBe(400);
    // Without an upgrade (a proxy that does not pass WebSockets on) the stream's path says so.
    const plain = await callJson(`${harness.baseUrl}${path}?t=${token}`);
    expect(plain.status).toBe(426);
    expect(plain.headers.get('upgrade')).toBe('websocket');
    expect(plain.body).toMatchObject({ error: { code: 'UpgradeRequired' } });
  });

  it('continues after the watermark: a stream URL from a reconnect sends only newer activities', async () => {
    const harness = await start();
    const { token, conversationId } = await visitor(harness);
    const first = raw(await started(harness, token));
    await first.until((activities) => activities.some((a) => buttonsOf(a).includes('Deutsch')));
    const watermark = first.frames.at(-1)!.watermark;
    expect(Number(watermark)).toBe(Math.max(...first.frames.flatMap((frame) => frame.activities).map(seqOf)));
    first.socket.close();
    await first.closed;

    await callJson(`${harness.baseUrl}/v3/directline/conversations/${conversationId}/activities`, { bearer: token, body: { type: 'message', text: 'Deutsch' } });
    const reconnect = await callJson(`${harness.baseUrl}/v3/directline/conversations/${conversationId}?watermark=${watermark}`, { bearer: token });
    const second = raw((reconnect.body as { streamUrl: string }).streamUrl);
    const received = await second.until((activities) => activities.some((a) => PRIVACY.test(textOf(a))));
    expect(received.every((a) => seqOf(a) > Number(watermark))).toBe(true);
    expect(textOf(received[0]!)).toBe('Deutsch');
    expect(received.some((a) => GREETING.test(textOf(a)))).toBe(false);
  });

  it('lets directlinejs reconnect a cut socket with its watermark: what was sent meanwhile arrives once', async () => {
    const harness = await start();
    const { token } = await visitor(harness);
    const dl = client(harness, token);
    const languages = await dl.waitForBotReply((a) => buttonsOf(a).includes('Deutsch'));
    dl.sockets[0]!.terminate(); // a network change: the library reconnects after 3 s
    await press(dl, languages, 'Deutsch'); // posted over HTTP while no socket is open
    await dl.waitForBotReply((a) => buttonsOf(a).includes('Einverstanden'), 15_000);

    expect(dl.sockets).toHaveLength(2);
    const ids = dl.activities.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(dl.activities.filter((a) => GREETING.test(textOf(a)))).toHaveLength(1);
    expect(requests(harness, 'GET', /^\/v3\/directline\/conversations\/[^/]+$/)).toBe(1); // the reconnect
    expect(requests(harness, 'GET', POLLS)).toBe(0);
  });

  it('gets what another instance appended to the shared log, through the store poll', async () => {
    const harness = await start();
    const { token, conversationId } = await visitor(harness);
    const dl = client(harness, token);
    await dl.waitForBotReply((a) => buttonsOf(a).includes('Deutsch'));
    // Another instance: its own log over the same store, so this instance's wake-up never hears of it.
    const elsewhere = new ActivityLog(harness.app.store, new ConversationRepository(harness.app.store, () => new Date()), { clock: () => new Date() });
    const appendedAt = Date.now();
    await elsewhere.append(APP_TEST_TENANT, conversationId, { type: 'message', from: { id: 'kosi-bot', name: 'KoSI-Bot', role: 'bot' }, text: 'Von einer anderen Instanz' });
    // The store poll of a store of its own runs every second.
    await dl.waitForBotReply((a) => textOf(a) === 'Von einer anderen Instanz', 2500);
    expect(Date.now() - appendedAt).toBeLessThan(2500);
    expect(requests(harness, 'GET', POLLS)).toBe(0);
  });

  describe('refuses bad input', () => {
    it('closes a stream without a valid token with 1008 before sending anything', async () => {
      const harness = await start();
      const { conversationId } = await visitor(harness);
      const path = `${harness.baseUrl.replace('http', 'ws')}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream`;
      for (const [url, reason] of [
        [path, 'Unauthorized'],
        [`${path}?t=not-a-token`, 'Unauthorized'],
        [`${path}?t=${'eyJhbGciOiJIUzI1NiJ9.eyJ0aWQiOiJ3dXBwZXJ0YWwifQ.x'}`, 'Unauthorized'],
      ] as const) {
        const stream = raw(url);
        expect(await stream.closed).toEqual({ code: 1008, reason });
        expect(stream.frames).toEqual([]);
      }
    });

    it('closes a stream whose token belongs to another conversation with 1008', async () => {
      const harness = await start();
      const mine = await visitor(harness);
      const theirs = await visitor(harness);
      await started(harness, theirs.token);
      const url = (await started(harness, mine.token)).replace(encodeURIComponent(mine.conversationId), encodeURIComponent(theirs.conversationId));
      const stream = raw(url);
      expect(await stream.closed).toEqual({ code: 1008, reason: 'Forbidden' });
      expect(stream.frames).toEqual([]);
    });

    it('drops a client that never reads; its activities stay in the log for a poll', async () => {
      const harness = await start({ streamStallMs: 400 });
      const { token, conversationId } = await visitor(harness);
      const url = new URL(await started(harness, token));
      // A client that sends the handshake and then never reads its socket (not even the pings).
      const tcp = connectTcp(Number(url.port), url.hostname);
      await once(tcp, 'connect');
      tcp.on('error', () => undefined);
      tcp.pause();
      tcp.write(
        `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
      try {
        const deadline = Date.now() + 5000;
        while (!harness.logs.some((line) => line.includes('webchat: stream dropped: its client reads nothing'))) {
          if (Date.now() > deadline) throw new Error('the stalled stream was not dropped');
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        tcp.destroy();
      }
      const poll = await callJson(`${harness.baseUrl}/v3/directline/conversations/${conversationId}/activities`, { bearer: token });
      expect((poll.body as ActivitySet).activities.map(textOf)).toEqual(expect.arrayContaining([expect.stringMatching(GREETING), expect.stringMatching(LANGUAGE_QUESTION)]));
    });

    it('answers an upgrade to any other path with 404', async () => {
      const harness = await start();
      const { token, conversationId } = await visitor(harness);
      const base = harness.baseUrl.replace('http', 'ws');
      for (const path of ['/', '/v3/directline', `/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities?t=${token}`, '/webchat/stream']) {
        expect(await raw(`${base}${path}`).refused).toBe(404);
      }
    });

    it('keeps to the visitor limits: streams per address (429, the widget then polls) and per conversation (the newest wins)', async () => {
      const harness = await start({ streamsPerIp: 2, streamsPerConversation: 1 });
      const a = await visitor(harness);
      const b = await visitor(harness);
      const c = await visitor(harness);
      const firstOfA = raw(await started(harness, a.token));
      await firstOfA.until((activities) => activities.some(isBot));
      const secondOfA = raw(await started(harness, a.token));
      expect(await firstOfA.closed).toEqual({ code: 1008, reason: 'ReplacedByNewerStream' });
      await secondOfA.until((activities) => activities.some(isBot));
      const ofB = raw(await started(harness, b.token));
      await ofB.until((activities) => activities.some(isBot));
      expect(await raw(await started(harness, c.token)).refused).toBe(429);
    });
  });

  it('closes the streams at shutdown (1001), so that the server can stop', async () => {
    const harness = await start();
    const { token } = await visitor(harness);
    const stream = raw(await started(harness, token));
    await stream.until((activities) => activities.some(isBot));
    await harness.stop();
    running.splice(0);
    expect(await stream.closed).toEqual({ code: 1001, reason: 'ServiceRestarting' });
  });
});
