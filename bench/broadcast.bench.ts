/**
 * A broadcast to 10,000 Telegram subscribers, sent by the whole app (as `npm start` builds it)
 * against a local fake Bot API that enforces Telegram's limits (429 with retry_after when exceeded).
 * Reports the messages per second achieved against the configured limit (goal: ≥ 95 %), the 429s
 * (goal: 0), duplicates (must be 0: exit code 1 otherwise), the time from "send now" to the first
 * message, and the rate as a ratio against a baseline measured in the same run: a bare loop that
 * fires sendMessage at the configured rate by a perfect timer against the same emulator.
 *
 *   npm run bench:broadcast
 *   BENCH_RECIPIENTS=2000 TELEGRAM_BROADCAST_RATE=30 npm run bench:broadcast
 *   BENCH_RECIPIENTS=20000 TELEGRAM_BROADCAST_RATE=500 npm run bench:broadcast   (paid broadcasts)
 *
 * Environment: BENCH_RECIPIENTS (10000), TELEGRAM_BROADCAST_RATE (30; above 30 turns on
 * TELEGRAM_PAID_BROADCASTS), BENCH_LATENCY_MS (0: answer delay of the fake Bot API),
 * BENCH_BASELINE_SECONDS (10). Prints one JSON line on stdout, progress on stderr.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/platform/config/load-config.js';
import type { BroadcastProgress } from '../src/features/broadcasts/domain/broadcast.js';
import { createLogger } from '../src/platform/logging/logger.js';
import { EMULATOR_BOT, type AcceptedMessage } from '../test/support/bot-api-emulator.js';
import { startEmulatorThread, type EmulatorThread } from './bot-api-emulator-thread.js';
import { seedTelegramSubscribers } from '../test/support/broadcast-fixtures.js';

const RECIPIENTS = positive('BENCH_RECIPIENTS', 10_000);
const RATE = positive('TELEGRAM_BROADCAST_RATE', 30);
const PAID = RATE > 30 || process.env.TELEGRAM_PAID_BROADCASTS === 'true';
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 0);
const BASELINE_SECONDS = positive('BENCH_BASELINE_SECONDS', 10);
const TENANT = 'bench';
const TOKEN = `${EMULATOR_BOT.id}:AAE-bench-token-for-the-broadcast-benchmark`;
const EDITOR = { id: 'bench-editor', name: 'Bench Editor' };

function positive(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

const now = (): number => performance.timeOrigin + performance.now();
const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** Messages per second from the first to the last accepted message. */
function rateOf(messages: readonly AcceptedMessage[]): number {
  if (messages.length < 2) return 0;
  return ((messages.length - 1) / (messages.at(-1)!.at - messages[0]!.at)) * 1000;
}

/** The same emulator limits for the baseline and the app. */
function emulator(): Promise<EmulatorThread> {
  return startEmulatorThread({ latencyMs: LATENCY_MS });
}

/**
 * The ceiling of the setup: sendMessage fired by a perfect timer at the configured rate (no store,
 * no bookkeeping), each call on its own, to distinct chats, on the same machine in the same run.
 */
async function baseline(): Promise<{ rate: number; tooManyRequests: number; sent: number }> {
  const telegram = await emulator();
  const count = Math.max(2, Math.round(RATE * BASELINE_SECONDS));
  const interval = 1000 / RATE;
  const calls: Promise<unknown>[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const wait = started + i * interval - performance.now();
    if (wait > 1) await sleep(wait);
    calls.push(
      fetch(`${telegram.apiRoot}/bot${TOKEN}/sendMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ chat_id: 800_000_000 + i, text: 'Baseline', ...(PAID ? { allow_paid_broadcast: true } : {}) }),
      }).then((response) => response.arrayBuffer()),
    );
  }
  await Promise.all(calls);
  const seen = await telegram.report();
  const result = { rate: rateOf(seen.messages), tooManyRequests: seen.tooManyRequests, sent: seen.messages.length };
  await telegram.close();
  return result;
}

interface BroadcastRun {
  status: string;
  recipients: number;
  progress: Pick<BroadcastProgress, 'sent' | 'failed' | 'blocked' | 'skipped' | 'unconfirmed'>;
  messagesAccepted: number;
  chatsNotReached: number;
  rate: number;
  tooManyRequests: number;
  tooManyRequestsByLimit: { global: number; chat: number };
  duplicates: number;
  timeToFirstMessageMs: number | null;
  sendingMs: number;
  totalMs: number;
  /** Mean duration of the console's progress query while sending. */
  progressCallMs: number;
  /** How late the app's event loop ran while sending (what delays the pacing timers). */
  eventLoopDelayMs: { p99: number; max: number };
}

async function broadcast(): Promise<BroadcastRun> {
  const telegram = await emulator();
  const dataDir = await mkdtemp(join(tmpdir(), 'kosi-bench-broadcast-'));
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    TENANT_ID: TENANT,
    TENANT_NAME: 'Benchstadt',
    DEMO_CONTENT: 'none',
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_BROADCAST_RATE: String(RATE),
    TELEGRAM_PAID_BROADCASTS: String(PAID),
    LOG_LEVEL: 'silent',
  };
  const app = await createApp(loadConfig(env), createLogger('silent'));
  try {
    await app.start();
    const seedStarted = performance.now();
    const { chatIds } = await seedTelegramSubscribers(app.store, TENANT, RECIPIENTS);
    log(`seeded ${chatIds.length} Telegram subscribers in ${Math.round(performance.now() - seedStarted)} ms`);

    const created = await app.broadcasts.create(TENANT, EDITOR, {
      title: 'Benchmark',
      topic: 'workshops',
      texts: {
        de: 'Die Werkstattreihe geht weiter: am Donnerstag um 18 Uhr im Rathaus. Wir freuen uns auf Sie!',
        en: 'The workshop series continues: Thursday at 6 pm in the town hall. We look forward to seeing you!',
      },
      button: { kind: 'url', target: 'https://www.example.org/werkstatt', labels: { de: 'Mehr erfahren', en: 'Learn more' } },
      audience: { channels: ['telegram'], locales: [], interests: [], districts: [], topics: [] },
      longText: 'refuse',
    });
    const bootMessages = (await telegram.counts()).messages;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const submittedAt = now();
    await app.broadcasts.submit(TENANT, created._id, EDITOR, 'now');

    const deadline = performance.now() + ((RECIPIENTS / RATE) * 3 + 120) * 1000;
    // Watched like an editor does: the console's progress page asks once a second.
    const progressMs: number[] = [];
    const watch = async (): Promise<BroadcastProgress> => {
      const asked = performance.now();
      const answer = await app.broadcasts.progress(TENANT, created._id);
      progressMs.push(performance.now() - asked);
      return answer;
    };
    let progress = await watch();
    let lastReport = performance.now();
    while (progress.status !== 'completed' && progress.status !== 'cancelled' && performance.now() < deadline) {
      await sleep(1000);
      progress = await watch();
      if (performance.now() - lastReport >= 10_000) {
        lastReport = performance.now();
        log(`${progress.status}: sent ${progress.sent}/${progress.total}, pending ${progress.pending}, ${progress.ratePerSecond.toFixed(1)} msg/s, 429s so far ${(await telegram.counts()).tooManyRequests}`);
      }
    }
    const finishedAt = now();
    loopDelay.disable();
    // Anything still in flight when the status flipped (or sent twice) arrives now.
    await sleep(1000);

    const seen = await telegram.report();
    const messages = seen.messages.slice(bootMessages);
    const reached = new Set(messages.map((message) => String(message.chatId)));
    const rate = rateOf(messages);
    return {
      status: progress.status,
      recipients: RECIPIENTS,
      progress: { sent: progress.sent, failed: progress.failed, blocked: progress.blocked, skipped: progress.skipped, unconfirmed: progress.unconfirmed },
      messagesAccepted: messages.length,
      chatsNotReached: chatIds.filter((chatId) => !reached.has(String(chatId))).length,
      rate,
      tooManyRequests: seen.tooManyRequests,
      tooManyRequestsByLimit: {
        global: seen.refused.filter((refusal) => refusal.limit === 'global').length,
        chat: seen.refused.filter((refusal) => refusal.limit === 'chat').length,
      },
      duplicates: seen.duplicates,
      timeToFirstMessageMs: messages[0] ? Math.round(messages[0].at - submittedAt) : null,
      sendingMs: messages.length > 1 ? Math.round(messages.at(-1)!.at - messages[0]!.at) : 0,
      totalMs: Math.round(finishedAt - submittedAt),
      progressCallMs: Math.round(progressMs.reduce((sum, ms) => sum + ms, 0) / progressMs.length),
      // The histogram counts from the resolution's tick: its excess over 10 ms is the lateness.
      eventLoopDelayMs: { p99: Math.round(loopDelay.percentile(99) / 1e6 - 10), max: Math.round(loopDelay.max / 1e6 - 10) },
    };
  } finally {
    if (process.env.BENCH_DUMP) {
      const { messages, refused } = await telegram.report();
      await writeFile(process.env.BENCH_DUMP, JSON.stringify({ messages, refused }));
    }
    await app.stop();
    await telegram.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

log(`baseline: ${Math.round(RATE * BASELINE_SECONDS)} messages paced at ${RATE}/s by a perfect timer`);
const base = await baseline();
log(`broadcast: ${RECIPIENTS} recipients at a configured ${RATE} msg/s${PAID ? ' (paid broadcasts)' : ''}, about ${Math.round(RECIPIENTS / RATE)} s`);
const { rate, ...run } = await broadcast();
const result = {
  benchmark: 'broadcast: Telegram subscribers against a rate-enforcing fake Bot API',
  ...run,
  configuredRate: RATE,
  paidBroadcasts: PAID,
  latencyMs: LATENCY_MS,
  messagesPerSecond: Number(rate.toFixed(2)),
  percentOfLimit: Number(((rate / RATE) * 100).toFixed(1)),
  baselineMessagesPerSecond: Number(base.rate.toFixed(2)),
  baselineTooManyRequests: base.tooManyRequests,
  ratioToBaseline: base.rate > 0 ? Number((rate / base.rate).toFixed(3)) : null,
  goals: {
    rateAtLeast95Percent: rate >= RATE * 0.95,
    no429: run.tooManyRequests === 0,
    noDuplicates: run.duplicates === 0,
    everyoneReached: run.chatsNotReached === 0,
  },
};
process.stdout.write(`${JSON.stringify(result)}\n`);
// Exits at once: agenda leaves a ref'd "is the job still alive" timer (lockLifetime / 2 = 5 min)
// behind every job it ran, even after stop(); main.ts exits the same way.
process.exit(run.duplicates > 0 || run.status !== 'completed' ? 1 : 0);
