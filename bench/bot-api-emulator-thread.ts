/**
 * The fake Bot API of the broadcast benchmark on a thread of its own: like Telegram, it notes when a
 * request arrives on its own clock, however busy the service's event loop is (on the service's
 * thread, a busy moment there would delay the fake's reading of a request and look like a burst).
 */
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { startBotApiEmulator, type AcceptedMessage, type BotApiEmulatorOptions, type RefusedMessage } from '../test/support/bot-api-emulator.js';

/** What the fake has seen so far. */
export interface EmulatorReport {
  messages: AcceptedMessage[];
  refused: RefusedMessage[];
  tooManyRequests: number;
  duplicates: number;
}

/** Just the numbers: copying every message would keep the fake busy while requests arrive. */
export interface EmulatorCounts {
  messages: number;
  tooManyRequests: number;
}

export interface EmulatorThread {
  apiRoot: string;
  report(): Promise<EmulatorReport>;
  counts(): Promise<EmulatorCounts>;
  close(): Promise<void>;
}

type Reply = { type: 'ready'; apiRoot: string } | { type: 'report'; report: EmulatorReport } | { type: 'counts'; counts: EmulatorCounts } | { type: 'closed' };

export async function startEmulatorThread(options: Pick<BotApiEmulatorOptions, 'latencyMs'>): Promise<EmulatorThread> {
  // The thread runs this TypeScript file too, through tsx like the benchmark (a thread does not inherit its loader).
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { botApiEmulator: options } });
  const next = <T extends Reply['type']>(type: T): Promise<Extract<Reply, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        if (reply.type !== type) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(reply as Extract<Reply, { type: T }>);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  const { apiRoot } = await next('ready');
  return {
    apiRoot,
    async report() {
      const answer = next('report');
      worker.postMessage('report');
      return (await answer).report;
    },
    async counts() {
      const answer = next('counts');
      worker.postMessage('counts');
      return (await answer).counts;
    },
    async close() {
      const answer = next('closed');
      worker.postMessage('close');
      await answer;
      await worker.terminate();
    },
  };
}

const emulatorOptions = (workerData as { botApiEmulator?: BotApiEmulatorOptions } | null)?.botApiEmulator;
if (parentPort && emulatorOptions) {
  const port = parentPort;
  const telegram = await startBotApiEmulator(emulatorOptions);
  port.on('message', (request: 'report' | 'counts' | 'close') => {
    if (request === 'counts') {
      port.postMessage({ type: 'counts', counts: { messages: telegram.messages.length, tooManyRequests: telegram.tooManyRequests } } satisfies Reply);
    } else if (request === 'report') {
      const report: EmulatorReport = { messages: [...telegram.messages], refused: [...telegram.refused], tooManyRequests: telegram.tooManyRequests, duplicates: telegram.duplicates().length };
      port.postMessage({ type: 'report', report } satisfies Reply);
    } else {
      void telegram.close().then(() => port.postMessage({ type: 'closed' } satisfies Reply));
    }
  });
  port.postMessage({ type: 'ready', apiRoot: telegram.apiRoot } satisfies Reply);
}
