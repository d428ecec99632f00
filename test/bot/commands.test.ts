import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/bot/commands.js';

describe('chat commands', () => {
  it('understands the five commands with and without a deep-link payload', () => {
    expect(parseCommand('/start')).toEqual({ name: 'start', argument: undefined });
    expect(parseCommand('/start workshop-12')).toEqual({ name: 'start', argument: 'workshop-12' });
    expect(parseCommand(' /MENU ')).toEqual({ name: 'menu', argument: undefined });
    expect(parseCommand('/language')?.name).toBe('language');
    expect(parseCommand('/help')?.name).toBe('help');
    expect(parseCommand('/stop')?.name).toBe('stop');
  });

  it('leaves a command addressed to another bot alone (the adapter strips our own name)', () => {
    expect(parseCommand('/help@other_bot')).toBeNull();
  });

  it('leaves unknown commands and ordinary text to the dialogs', () => {
    expect(parseCommand('/unknown')).toBeNull();
    expect(parseCommand('start')).toBeNull();
    expect(parseCommand('Ich möchte /start sagen')).toBeNull();
  });

  it('cuts a payload to Telegram’s 64 characters', () => {
    expect(parseCommand(`/start ${'x'.repeat(100)}`)?.argument).toHaveLength(64);
  });
});
