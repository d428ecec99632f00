/**
 * First-reply latency of the web chat: N conversations are opened against the whole app (as
 * `npm start` builds it, embedded store, real bot) on loopback; once all are open and greeted, each
 * posts one message ("Deutsch", the answer to the greeting's language question), one conversation
 * after another at a steady pace, and the time from the post to the bot's reply (the first bot
 * activity whose replyToId is the posted one) is taken where the client receives it:
 *
 *   websocket: every conversation holds a Direct Line stream (streamUrl), as Web Chat with webSocket: true;
 *   polling:   every conversation polls GET …/activities?watermark= once a second, as Web Chat did before.
 *
 * Both modes run on a fresh app each, in a worker thread of its own (the clients' work does not
 * delay the service's event loop). Goal: p95 ≤ 150 ms over WebSocket with 200 open conversations.
 *
 *   npx tsx bench/webchat-stream.ts
 *   BENCH_CONVERSATIONS=500 BENCH_INTERVAL_MS=20 npx tsx bench/webchat-stream.ts
 *
 * Environment: BENCH_CONVERSATIONS (200), BENCH_INTERVAL_MS (50: time between two conversations'
 * messages, i.e. 20 messages per second), BENCH_MODES (websocket,polling). Prints one JSON line on
 * stdout, progress on stderr.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

const CONVERSATIONS = positive('BENCH_CONVERSATIONS', 200);
const INTERVAL_MS = positive('BENCH_INTERVAL_MS', 50);
const MODES = (process.env['BENCH_MODES'] ?? 'websocket,polling').split(',').map((mode) => mode.trim()) as Mode[];
/** Web Chat's pace with webSocket: false. */
const POLL_MS = 1000;
const REPLY_TIMEOUT_MS = 15_000;
const GOAL_P95_MS = 150;

type Mode = 'websocket' | 'polling';
interface Activity {
  id?: string;
  type?: string;
  replyToId?: string;
  from?: { role?: string };
}
interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------
// The service, on a thread of its own.

interface ServiceData {
  webchatStreamBench: { dataDir: string };
}

async function runService(port: NonNullable<typeof parentPort>, dataDir: string): Promise<void> {
  const { createApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/platform/config/load-config.js');
  const { createLogger } = await import('../src/platform/logging/logger.js');
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', TENANT_ID: 'bench', TENANT_NAME: 'Bench', DEMO_CONTENT: 'none' });
  const app = await createApp(config, createLogger('silent'), {
    // One machine plays all visitors: one address far above what a single office would open.
    webchat: {
      rateLimits: { tokenRequestsPerIp: 1_000_000, connectsPerIp: 1_000_000 },
      limits: { streamsPerIp: 1_000_000, charsPerIpPerHour: 1_000_000_000 },
    },
  });
  const address = await app.start();
  port.on('message', (request: 'close') => {
    if (request === 'close') void app.stop().then(() => port.postMessage({ type: 'closed' }));
  });
  port.postMessage({ type: 'ready', baseUrl: `http://127.0.0.1:${address.port}` });
}

interface ServiceThread {
  baseUrl: string;
  close(): Promise<void>;
}

async function startServiceThread(dataDir: string): Promise<ServiceThread> {
  // The thread runs this TypeScript file too, through tsx like the benchmark (a thread does not inherit its loader).
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { webchatStreamBench: { dataDir } } satisfies ServiceData });
  const next = (type: string): Promise<{ type: string; baseUrl?: string }> =>
    new Promise((resolve, reject) => {
      const onMessage = (reply: { type: string; baseUrl?: string }) => {
        if (reply.type !== type) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(reply);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  const ready = await next('ready');
  return {
    baseUrl: ready.baseUrl!,
    async close() {
      const closed = next('closed');
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The visitors.

interface Visitor {
  conversationId: string;
  token: string;
  /** Bot activities by replyToId, with the time they reached this client. */
  replies: Map<string, number>;
  seen: Set<string>;
  greeted: Promise<void>;
  stop(): void;
}

async function json<T>(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Opens a conversation as the widget does; resolves `greeted` once the language question arrived. */
async function openVisitor(baseUrl: string, mode: Mode, pollPhaseMs: number, counters: { polls: number }): Promise<Visitor> {
  const { token, conversationId } = await json<{ token: string; conversationId: string }>(`${baseUrl}/webchat/token`, { body: {} });
  const { streamUrl } = await json<{ streamUrl?: string }>(`${baseUrl}/v3/directline/conversations`, { token, body: {} });
  const replies = new Map<string, number>();
  const seen = new Set<string>();
  let bots = 0;
  let onGreeted: () => void = () => undefined;
  const greeted = new Promise<void>((resolve) => (onGreeted = resolve));
  const take = (set: ActivitySet): void => {
    const at = performance.now();
    for (const activity of set.activities) {
      if (activity.id) seen.add(activity.id);
      if (activity.from?.role !== 'bot' || activity.type !== 'message') continue;
      if (activity.replyToId && !replies.has(activity.replyToId)) replies.set(activity.replyToId, at);
      // The greeting is two messages: the welcome and the language question.
      if ((bots += 1) === 2) onGreeted();
    }
  };
  if (mode === 'websocket') {
    if (!streamUrl) throw new Error('the service offers no streamUrl');
    const socket = new WebSocket(streamUrl);
    socket.on('message', (data) => take(JSON.parse(String(data)) as ActivitySet));
    socket.on('error', (error) => log(`stream error: ${error.message}`));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return { conversationId, token, replies, seen, greeted, stop: () => socket.close() };
  }
  let stopped = false;
  let watermark = '';
  void (async () => {
    await sleep(pollPhaseMs);
    while (!stopped) {
      const started = performance.now();
      try {
        counters.polls += 1;
        const set = await json<ActivitySet>(`${baseUrl}/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, { token });
        watermark = set.watermark;
        take(set);
      } catch (error) {
        log(`poll failed: ${(error as Error).message}`);
      }
      await sleep(Math.max(0, POLL_MS - (performance.now() - started)));
    }
  })();
  return {
    conversationId,
    token,
    replies,
    seen,
    greeted,
    stop: () => void (stopped = true),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

async function measure(mode: Mode): Promise<Record<string, number>> {
  const dataDir = await mkdtemp(join(tmpdir(), `kosi-bench-stream-${mode}-`));
  const service = await startServiceThread(dataDir);
  const counters = { polls: 0 };
  const visitors: Visitor[] = [];
  try {
    log(`${mode}: opening ${CONVERSATIONS} conversations`);
    for (let i = 0; i < CONVERSATIONS; i += 1) {
      // Polls spread over the second, as independent visitors' would be.
      visitors.push(await openVisitor(service.baseUrl, mode, (i * POLL_MS) / CONVERSATIONS, counters));
    }
    await Promise.all(visitors.map((visitor) => visitor.greeted));
    await sleep(1500); // all open and quiet before the first message
    log(`${mode}: all greeted; one message per conversation every ${INTERVAL_MS} ms`);
    const pollsBefore = counters.polls;
    const measuring = performance.now();
    const latencies: number[] = [];
    let lost = 0;
    const turns: Promise<void>[] = [];
    for (const [i, visitor] of visitors.entries()) {
      const wait = measuring + i * INTERVAL_MS - performance.now();
      if (wait > 1) await sleep(wait);
      turns.push(
        (async () => {
          const sentAt = performance.now();
          const { id } = await json<{ id: string }>(`${service.baseUrl}/v3/directline/conversations/${visitor.conversationId}/activities`, {
            token: visitor.token,
            body: { type: 'message', text: 'Deutsch', locale: 'de-DE', channelData: { clientActivityID: `bench-${i}` } },
          });
          const deadline = sentAt + REPLY_TIMEOUT_MS;
          while (!visitor.replies.has(id) && performance.now() < deadline) await sleep(2);
          const at = visitor.replies.get(id);
          if (at === undefined) lost += 1;
          else latencies.push(at - sentAt);
        })(),
      );
    }
    await Promise.all(turns);
    const seconds = (performance.now() - measuring) / 1000;
    latencies.sort((a, b) => a - b);
    const result = {
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? Number.NaN),
      replies: latencies.length,
      lost,
      pollsPerSecond: round((counters.polls - pollsBefore) / seconds),
    };
    log(`${mode}: ${JSON.stringify(result)}`);
    return result;
  } finally {
    for (const visitor of visitors) visitor.stop();
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const serviceData = (workerData as Partial<ServiceData> | null)?.webchatStreamBench;
if (parentPort && serviceData) {
  await runService(parentPort, serviceData.dataDir);
} else {
  const results: Partial<Record<Mode, Record<string, number>>> = {};
  for (const mode of MODES) results[mode] = await measure(mode);
  const p95 = results.websocket?.['p95'];
  process.stdout.write(
    `${JSON.stringify({
      bench: 'webchat-stream',
      conversations: CONVERSATIONS,
      intervalMs: INTERVAL_MS,
      firstReplyMs: results,
      goal: { websocketP95Ms: GOAL_P95_MS, met: p95 === undefined ? null : p95 <= GOAL_P95_MS },
    })}\n`,
  );
}
