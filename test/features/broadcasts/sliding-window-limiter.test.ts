import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../../src/features/broadcasts/delivery/sliding-window-limiter.js';

/** A clock that only moves when the limiter sleeps: the send times are exact. */
function virtualTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms), pass: (ms: number) => void (now += ms) };
}

/** Sends one after the other; `checkpoint` is the time the write between turn and request takes. */
async function sendTimes(limiter: SlidingWindowLimiter, time: ReturnType<typeof virtualTime>, count: number, checkpoint: (i: number) => number = () => 0): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const turn = await limiter.acquire();
    time.pass(checkpoint(i));
    await limiter.take(turn);
    times.push(time.now());
  }
  return times;
}

describe('the broadcast rate limiter', () => {
  it('spaces 30 messages a second evenly, never more than 30 in any one-second window', async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter(30, 1000, time.now, time.sleep);
    const times = await sendTimes(limiter, time, 300);
    for (let i = 30; i < times.length; i++) expect(times[i]! - times[i - 30]!).toBeGreaterThanOrEqual(1000);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(33);
    // 300 messages at 30/s take 10 s: at least 95 % of the allowed rate is used.
    expect(times.at(-1)!).toBeLessThan(10_000 / 0.95);
  });

  it('keeps the window on the times the requests really leave when some checkpoints are slow', async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter(30, 1000, time.now, time.sleep);
    // Every seventh write takes 45 ms (a busy store), the others 1 ms.
    const times = await sendTimes(limiter, time, 300, (i) => (i % 7 === 0 ? 45 : 1));
    for (let i = 30; i < times.length; i++) expect(times[i]! - times[i - 30]!).toBeGreaterThanOrEqual(1000);
    // The slow writes cost nothing overall: the grid catches up.
    expect(times.at(-1)!).toBeLessThan(10_000 / 0.95);
  });

  it('lets nobody send while Telegram asked to wait (429 retry_after), also one whose turn had come', async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter(30, 1000, time.now, time.sleep);
    await limiter.take(await limiter.acquire());
    const turn = await limiter.acquire();
    limiter.pauseFor(5);
    await limiter.take(turn);
    expect(time.now()).toBeGreaterThanOrEqual(5000);
    await limiter.acquire();
    expect(time.now()).toBeGreaterThanOrEqual(5000);
  });

  it('gives no more turns than the window holds, also before the first request went out', async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter(4, 1000, time.now, time.sleep);
    const turns: number[] = [];
    // Nobody takes a turn (their checkpoints are slow): still at most 4 turns in the first second.
    await Promise.all(Array.from({ length: 8 }, () => limiter.acquire().then(() => turns.push(time.now()))));
    expect(turns.filter((at) => at < 1000)).toHaveLength(4);
  });

  it('serves callers in the order they asked', async () => {
    const time = virtualTime();
    const limiter = new SlidingWindowLimiter(2, 1000, time.now, time.sleep);
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((id) => limiter.acquire().then(() => order.push(id))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});
