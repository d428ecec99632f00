import { describe, expect, it } from 'vitest';
import { SendBudget, type SendBudgetOptions, type SendPriority, type SendSlot } from '../../../src/channels/telegram/send-budget.js';

/**
 * The bot's one sending budget on a virtual clock: time moves only when every promise has settled and
 * the next timer is due, so the send times are exact.
 */
function virtualClock() {
  let now = 0;
  let timers: Array<{ at: number; callback: () => void }> = [];
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  const clock = {
    now: () => now,
    setTimer: (callback: () => void, ms: number) => {
      const timer = { at: now + ms, callback };
      timers.push(timer);
      return () => void (timers = timers.filter((candidate) => candidate !== timer));
    },
    /** A wait of the caller (a checkpoint write), on the same clock. */
    sleep: (ms: number) => new Promise<void>((resolve) => clock.setTimer(resolve, ms)),
    /** Runs timers in order until `done` settled (or `limitMs` of virtual time passed). */
    async runUntil<T>(done: Promise<T>, limitMs = 600_000): Promise<T> {
      let finished = false;
      const result = done.finally(() => (finished = true));
      for (;;) {
        await settle();
        if (finished) return result;
        const next = timers.sort((a, b) => a.at - b.at)[0];
        if (!next || next.at > limitMs) throw new Error(`stuck at ${now} ms`);
        timers.shift();
        now = Math.max(now, next.at);
        next.callback();
      }
    },
  };
  return clock;
}

type Clock = ReturnType<typeof virtualClock>;

function budgetOn(clock: Clock, options: Omit<SendBudgetOptions, 'now' | 'setTimer'> = {}): SendBudget {
  return new SendBudget({ now: clock.now, setTimer: clock.setTimer, ...options });
}

/** Strict, simple numbers: 30 per 1000 ms, private chats 3 then one per 1000 ms. */
const LIMITS = { global: { messages: 30, windowMs: 1000 }, group: { messages: 20, windowMs: 60_000, minGapMs: 1000 }, out: { burst: 3, intervalMs: 1000, maxConcurrent: 1 } };

/** Announcements one after another to distinct chats; `checkpoint` is the write between the turn and the request. */
async function announce(budget: SendBudget, clock: Clock, count: number, checkpoint: (i: number) => number = () => 0): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const slot = (await budget.reserve({ chatId: 1000 + i }))!;
    const write = checkpoint(i);
    if (write > 0) await clock.sleep(write);
    await slot.leave();
    times.push(clock.now());
    slot.done();
  }
  return times;
}

function maxInAnyWindow(times: readonly number[], windowMs: number): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** Sends (acquire → done) and notes when each slot was granted. */
async function send(budget: SendBudget, clock: Clock, chatId: number | string, priority: SendPriority, log: Array<{ chatId: number | string; priority: SendPriority; at: number }>, paid = false): Promise<void> {
  const slot = (await budget.acquire({ chatId, priority, paid }))!;
  log.push({ chatId, priority, at: clock.now() });
  slot.done();
}

describe('the bot’s sending budget: announcements', () => {
  it('spaces 30 announcements a second evenly, never more than 30 in any one-second window', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: LIMITS, announcements: { rate: 30, windowMs: 1000 } });
    const times = await clock.runUntil(announce(budget, clock, 300));
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(30);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(33);
    // 300 messages at 30/s take 10 s: at least 95 % of the allowed rate is used.
    expect(times.at(-1)!).toBeLessThan(10_000 / 0.95);
  });

  it('keeps the window on the times the requests really leave when some checkpoints are slow', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: LIMITS, announcements: { rate: 30, windowMs: 1000 } });
    // Every seventh write takes 45 ms (a busy store), the others 1 ms.
    const times = await clock.runUntil(announce(budget, clock, 300, (i) => (i % 7 === 0 ? 45 : 1)));
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(30);
    // The slow writes cost nothing overall: the grid catches up.
    expect(times.at(-1)!).toBeLessThan(10_000 / 0.95);
  });

  it('gives no more turns than the window holds, also before the first request went out', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: LIMITS, announcements: { rate: 4, windowMs: 1000 } });
    const turns: number[] = [];
    // Nobody's request has left yet (their checkpoints are slow): still at most 4 turns in the first second.
    const all = Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const slot = (await budget.reserve({ chatId: 10 + i }))!;
        turns.push(clock.now());
        await clock.sleep(1500);
        await slot.leave();
        slot.done();
      }),
    );
    await clock.runUntil(all);
    expect(turns.filter((at) => at < 1000)).toHaveLength(4);
    expect(turns).toHaveLength(8);
  });

  it('serves announcements in the order they asked', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: LIMITS, announcements: { rate: 2, windowMs: 1000 } });
    const order: number[] = [];
    const all = Promise.all([0, 1, 2, 3, 4].map((id) => budget.reserve({ chatId: 10 + id }).then(async (slot) => (order.push(id), await slot!.leave(), slot!.done()))));
    await clock.runUntil(all);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('counts a message whose answer came late from that later time: a stall never squeezes messages together at Telegram', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: { ...LIMITS, global: { messages: 2, windowMs: 1000 } }, announcements: { rate: 30, windowMs: 1000 } });
    const sent: number[] = [];
    const call = async (chatId: number, answerMs: number) => {
      const slot = (await budget.acquire({ chatId, priority: 'interactive' }))!;
      sent.push(clock.now());
      await clock.sleep(answerMs);
      slot.done();
    };
    // Quick calls (1 ms) teach the budget what an undelayed call takes; then one is answered 300 ms late.
    await clock.runUntil(Promise.all([call(1, 1), call(2, 1)]));
    await clock.runUntil(Promise.all([call(3, 301), call(4, 1)]));
    await clock.runUntil(Promise.all([call(5, 1), call(6, 1)]));
    // 3 left at 1000 but may have reached Telegram up to 300 ms later: 6 waits until 1000 ms after that
    // (counted from when it left, 6 would have gone at 2000 like 5).
    expect(sent).toEqual([0, 0, 1000, 1000, 2000, 2300]);
  });

  it('holds a slot on its way in every window until it is answered', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: { ...LIMITS, global: { messages: 1, windowMs: 1000 } } });
    const first = (await budget.acquire({ chatId: 1, priority: 'interactive' }))!;
    const next = budget.acquire({ chatId: 2, priority: 'interactive' }).then(() => clock.now());
    await clock.runUntil(clock.sleep(5000));
    first.done();
    expect(await clock.runUntil(next)).toBe(5000);
  });

  it('gives a released or aborted turn back: the next one goes at once', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: LIMITS, announcements: { rate: 1, windowMs: 1000 } });
    const first = (await budget.reserve({ chatId: 1 }))!;
    const abort = new AbortController();
    const waiting = budget.reserve({ chatId: 2, signal: abort.signal });
    abort.abort();
    expect(await waiting).toBeUndefined();
    first.release();
    const next = await clock.runUntil(budget.reserve({ chatId: 3 }));
    expect(next).toBeDefined();
    expect(clock.now()).toBe(0);
  });
});

describe('the bot’s sending budget: one budget for replies, reminders and announcements', () => {
  it('lets a reply overtake waiting announcements and keeps the sum within 30 in any window', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: LIMITS, announcements: { rate: 30, windowMs: 1000 } });
    const log: Array<{ chatId: number | string; priority: SendPriority; at: number }> = [];
    const announcements = announce(budget, clock, 120);
    // A person writes at 1.5 s and 2.5 s, a reminder goes at 2 s.
    const people = (async () => {
      await clock.sleep(1500);
      await send(budget, clock, 4242, 'interactive', log);
      await clock.sleep(500);
      await send(budget, clock, 5151, 'proactive', log);
      await clock.sleep(500);
      await send(budget, clock, 4242, 'interactive', log);
    })();
    const times = await clock.runUntil(Promise.all([announcements, people]).then(([sent]) => sent));
    // The reply got the next free place of the window: within one grid step of asking.
    for (const [index, entry] of log.entries()) expect(entry.at - [1500, 2000, 2500][index]!).toBeLessThanOrEqual(40);
    const all = [...times, ...log.map((entry) => entry.at)].sort((a, b) => a - b);
    expect(maxInAnyWindow(all, 1000)).toBeLessThanOrEqual(30);
    // The announcements made room: they finished later than alone (120 at 30/s: 4 s), by about the three messages.
    expect(times.at(-1)!).toBeGreaterThan(3960);
  });

  it('serves replies before reminders before announcements when all wait for the same place', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: { ...LIMITS, global: { messages: 1, windowMs: 1000 } }, announcements: { rate: 30, windowMs: 1000 } });
    const log: Array<{ chatId: number | string; priority: SendPriority; at: number }> = [];
    const first = (await budget.acquire({ chatId: 1, priority: 'announcement' }))!;
    first.done();
    const all = Promise.all([
      budget.reserve({ chatId: 2 }).then((slot) => (log.push({ chatId: 2, priority: 'announcement', at: clock.now() }), slot!.release())),
      send(budget, clock, 3, 'proactive', log),
      send(budget, clock, 4, 'interactive', log),
    ]);
    await clock.runUntil(all);
    expect(log.map((entry) => entry.priority)).toEqual(['interactive', 'proactive', 'announcement']);
    expect(log.map((entry) => entry.at)).toEqual([1000, 2000, 3000]);
  });

  it('pauses everything after a 429 for retry_after: replies, and announcements whose turn had come', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: LIMITS, announcements: { rate: 30, windowMs: 1000 } });
    const reserved = (await budget.reserve({ chatId: 1 }))!;
    budget.pause(5);
    const leaving = reserved.leave().then(() => clock.now());
    const reply = budget.acquire({ chatId: 2, priority: 'interactive' }).then(() => clock.now());
    expect(await clock.runUntil(Promise.all([leaving, reply]))).toEqual([5000, 5000]);
  });
});

describe('the bot’s sending budget: per chat', () => {
  it('allows a private chat a burst of 3, then one a second, without holding up other chats', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: LIMITS });
    const log: Array<{ chatId: number | string; priority: SendPriority; at: number }> = [];
    const chat = (async () => {
      for (let i = 0; i < 6; i++) await send(budget, clock, 4242, 'interactive', log);
    })();
    const other = (async () => {
      await clock.sleep(10);
      await send(budget, clock, 7777, 'interactive', log);
    })();
    await clock.runUntil(Promise.all([chat, other]));
    expect(log.filter((entry) => entry.chatId === 4242).map((entry) => entry.at)).toEqual([0, 0, 0, 1000, 2000, 3000]);
    expect(log.find((entry) => entry.chatId === 7777)?.at).toBe(10);
  });

  it('keeps one request to a chat on its way at a time, so they arrive in order', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: LIMITS });
    const first = (await budget.acquire({ chatId: 4242, priority: 'proactive' }))!;
    let second: SendSlot | undefined;
    const waiting = budget.acquire({ chatId: 4242, priority: 'interactive' }).then((slot) => (second = slot));
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBeUndefined();
    first.done();
    await clock.runUntil(waiting);
    expect(second).toBeDefined();
  });

  it('sends at most one message a second and 20 a minute into a group', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: LIMITS });
    const log: Array<{ chatId: number | string; priority: SendPriority; at: number }> = [];
    await clock.runUntil(
      (async () => {
        for (let i = 0; i < 22; i++) await send(budget, clock, -100123, 'interactive', log);
      })(),
    );
    const times = log.map((entry) => entry.at);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000);
    expect(maxInAnyWindow(times, 60_000)).toBe(20);
    expect(times[20]).toBe(60_000);
  });

  it('without per-chat limits (tests), sends one after the other at once', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: { global: {}, group: {}, out: { maxConcurrent: 1 } } });
    const log: Array<{ chatId: number | string; priority: SendPriority; at: number }> = [];
    await clock.runUntil(
      (async () => {
        for (let i = 0; i < 10; i++) await send(budget, clock, 4242, 'interactive', log);
      })(),
    );
    expect(log.every((entry) => entry.at === 0)).toBe(true);
  });
});

describe('the bot’s sending budget: paid broadcasts', () => {
  it('sends paid announcements above 30 a second, and lets a free reply in as soon as fewer than 30 are in the window', async () => {
    const clock = virtualClock();
    const budget = budgetOn(clock, { limits: LIMITS, announcements: { rate: 300, windowMs: 1000 } });
    const paid: number[] = [];
    const log: Array<{ chatId: number | string; priority: SendPriority; at: number }> = [];
    const announcements = (async () => {
      for (let i = 0; i < 900; i++) {
        const slot = (await budget.reserve({ chatId: 1000 + i, paid: true }))!;
        await slot.leave();
        paid.push(clock.now());
        slot.done();
      }
    })();
    const reply = (async () => {
      await clock.sleep(1500);
      await send(budget, clock, 4242, 'interactive', log);
    })();
    await clock.runUntil(Promise.all([announcements, reply]));
    expect(maxInAnyWindow(paid, 1000)).toBeLessThanOrEqual(300);
    // Paid: about 300 a second (900 in a little over 3 s, the reply's pause included).
    expect(paid.at(-1)!).toBeLessThan(4200);
    const replyAt = log[0]!.at;
    // The free reply needed fewer than 30 messages in its window: the paid ones waited until it could go.
    const before = paid.filter((at) => at > replyAt - 1000 && at < replyAt).length;
    expect(before).toBeLessThan(30);
    expect(replyAt - 1500).toBeLessThanOrEqual(1000);
  });
});
