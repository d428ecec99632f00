import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../src/bot/turn-queue.js';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the turn queue', () => {
  it('runs the turns of one conversation in order and of different conversations side by side', async () => {
    const queue = new TurnQueue();
    const order: string[] = [];
    await Promise.all([
      queue.run('a', async () => {
        await later(30);
        order.push('a1');
      }),
      queue.run('a', async () => order.push('a2')),
      queue.run('b', async () => order.push('b1')),
    ]);
    expect(order).toEqual(['b1', 'a1', 'a2']);
  });

  it('lets a failed turn not block the next one of the same conversation', async () => {
    const queue = new TurnQueue();
    await expect(queue.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('a', async () => 'next')).resolves.toBe('next');
  });

  it('waits on shutdown for the turn in flight and refuses new ones', async () => {
    const queue = new TurnQueue();
    let finished = false;
    void queue.run('a', async () => {
      await later(50);
      finished = true;
    });
    const drained = await queue.drain(1000);
    expect(drained).toBe(true);
    expect(finished).toBe(true);
    await expect(queue.run('a', async () => 'late')).rejects.toThrow(/shutting down/);
  });

  it('gives up waiting after the time limit and says so', async () => {
    const queue = new TurnQueue();
    void queue.run('a', () => later(500));
    expect(await queue.drain(20)).toBe(false);
  });
});
