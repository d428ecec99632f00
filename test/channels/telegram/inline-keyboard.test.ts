import type { CardAction } from 'botbuilder-core';
import { describe, expect, it } from 'vitest';
import { inlineKeyboard } from '../../../src/channels/telegram/inline-keyboard.js';
import { createLogger } from '../../../src/platform/logging/logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger('debug', { write: (line: string) => void lines.push(line) }) };
}

const action = (fields: Partial<CardAction>): CardAction => ({ type: 'imBack', title: '', value: undefined, ...fields }) as CardAction;

describe('inlineKeyboard', () => {
  it('renders each action type as the button the person sees', () => {
    const { logger } = capture();
    const keyboard = inlineKeyboard(
      [
        action({ type: 'messageBack', title: 'Werkstatt 1: Einführung', text: 'workshop:1', displayText: 'Werkstatt 1' }),
        action({ type: 'postBack', title: 'Alle Termine anzeigen', value: { page: 2 } }),
        action({ type: 'openUrl', title: 'Website der Stadt', value: 'https://www.dortmund.de' }),
      ],
      4,
      logger,
    );
    expect(keyboard).toEqual({
      inline_keyboard: [
        [{ text: 'Werkstatt 1: Einführung', callback_data: '4|workshop:1' }],
        [{ text: 'Alle Termine anzeigen', callback_data: '4|{"page":2}' }],
        [{ text: 'Website der Stadt', url: 'https://www.dortmund.de' }],
      ],
    });
  });

  it('puts short labels side by side', () => {
    const { logger } = capture();
    const keyboard = inlineKeyboard(['Ja', 'Nein', 'Später', 'Nie'].map((title) => action({ title, value: title.toLowerCase() })), 0, logger);
    expect(keyboard?.inline_keyboard.map((row) => row.map((button) => button.text))).toEqual([['Ja', 'Nein', 'Später'], ['Nie']]);
    expect(keyboard?.inline_keyboard[0]?.[0]).toEqual({ text: 'Ja', callback_data: '0|ja' });
  });

  it('drops buttons Telegram would reject and says so in the log', () => {
    const { logger, lines } = capture();
    const keyboard = inlineKeyboard(
      [action({ type: 'openUrl', title: 'Mail', value: 'mailto:info@example.org' }), action({ type: 'call', title: 'Anrufen', value: 'tel:123' }), action({ title: 'Ok', value: 'ok' })],
      1,
      logger,
    );
    expect(keyboard).toEqual({ inline_keyboard: [[{ text: 'Ok', callback_data: '1|ok' }]] });
    expect(lines).toHaveLength(2);
  });

  it('cuts an oversized payload and warns without logging it', () => {
    const { logger, lines } = capture();
    const payload = `opportunity:${'geheim'.repeat(20)}`;
    const keyboard = inlineKeyboard([action({ title: 'Details', value: payload })], 9, logger);
    const data = (keyboard?.inline_keyboard[0]?.[0] as { callback_data: string }).callback_data;
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(lines.join('')).toContain('cut to 64 bytes');
    expect(lines.join('')).not.toContain('geheim');
  });

  it('returns no keyboard without usable actions', () => {
    expect(inlineKeyboard(undefined, 0, capture().logger)).toBeUndefined();
    expect(inlineKeyboard([], 0, capture().logger)).toBeUndefined();
  });
});
