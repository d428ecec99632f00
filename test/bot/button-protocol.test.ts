import { describe, expect, it } from 'vitest';
import { buttonPressOf, consumeButtons, judgePress } from '../../src/bot/button-protocol.js';
import { freshConversationData } from '../../src/bot/conversation-data.js';

describe('buttons and their presses', () => {
  const dataWithButtons = (seq: number) => ({ ...freshConversationData(), buttonSeq: seq, buttonConsumed: false });

  it('takes a press of the newest buttons as an answer', () => {
    expect(judgePress(dataWithButtons(3), { seq: 3, text: 'de' })).toBe('current');
  });

  it('calls a press of older buttons stale', () => {
    expect(judgePress(dataWithButtons(3), { seq: 2, text: 'de' })).toBe('stale');
  });

  it('ignores the second press of a double click, but calls another button of an answered set stale', () => {
    const data = dataWithButtons(3);
    consumeButtons(data, { seq: 3, text: 'de' });
    expect(judgePress(data, { seq: 3, text: 'de' })).toBe('duplicate');
    expect(judgePress(data, { seq: 3, text: 'en' })).toBe('stale');
  });

  it('calls buttons stale once the person answered by typing', () => {
    const data = dataWithButtons(3);
    consumeButtons(data, null);
    expect(judgePress(data, { seq: 3, text: 'de' })).toBe('stale');
  });

  it('reads a press only from a numeric buttonSeq, not from any value', () => {
    expect(buttonPressOf({ text: 'de', value: { buttonSeq: 4 } })).toEqual({ seq: 4, text: 'de' });
    expect(buttonPressOf({ text: 'de', value: { buttonSeq: '4' } })).toBeNull();
    expect(buttonPressOf({ text: 'de' })).toBeNull();
  });
});
