import { describe, expect, it } from 'vitest';
import { SendingRates } from '../../../src/features/broadcasts/domain/sending-rates.js';

const START = Date.UTC(2026, 11, 5, 10, 0, 0);
const broadcast = { _id: 'bc1', startedAt: new Date(START) };

describe('the sending rate shown in the console', () => {
  it('is the average since the start until a second sample exists, then the rate over the last ten seconds', () => {
    const rates = new SendingRates(10_000);
    // 60 messages in the first 2 s: 30/s.
    expect(rates.sample(broadcast, 60, START + 2000)).toBe(30);
    // The next 10 s only 100 more: the window no longer sees the fast start.
    for (let second = 3; second <= 12; second++) rates.sample(broadcast, 60 + (second - 2) * 10, START + second * 1000);
    expect(rates.sample(broadcast, 170, START + 13_000)).toBe(10);
  });

  it('is 0 right at the start, and forgets a broadcast that stopped sending', () => {
    const rates = new SendingRates(10_000);
    expect(rates.sample(broadcast, 0, START + 100)).toBe(0);
    expect(rates.forget('bc1')).toBe(0);
    // After a pause of a minute the old samples do not count: the average since the start again.
    expect(rates.sample(broadcast, 600, START + 60_000)).toBe(10);
  });

  it('is not changed by many viewers asking within the same second', () => {
    const rates = new SendingRates(10_000);
    for (let ms = 0; ms <= 10_000; ms += 10) rates.sample(broadcast, Math.floor((ms / 1000) * 29), START + 20_000 + ms);
    expect(rates.sample(broadcast, 290 + 29, START + 31_000)).toBeCloseTo(29, 0);
  });
});
