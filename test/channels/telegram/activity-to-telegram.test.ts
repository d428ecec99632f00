import type { Activity } from 'botbuilder-core';
import { describe, expect, it } from 'vitest';
import { encodeDataUri } from '../../../src/bot/data-uri.js';
import { activityToTelegram } from '../../../src/channels/telegram/activity-to-telegram.js';
import { createLogger } from '../../../src/platform/logging/logger.js';

const logger = createLogger('silent');
const plan = (activity: Partial<Activity>) => activityToTelegram(activity, logger);

describe('activityToTelegram', () => {
  it('renders a hero card as its text with its buttons, followed by the suggested actions', () => {
    const parts = plan({
      type: 'message',
      channelData: { buttonSeq: 3 },
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.hero',
          content: { title: 'Baumpflanzaktion', text: 'Samstag, 10 Uhr, Westfalenpark', buttons: [{ type: 'imBack', title: 'Ich mache mit', value: 'join:17' }] },
        },
      ],
      suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Hauptmenü', value: 'menu' }] },
    });
    expect(parts).toEqual([
      {
        kind: 'text',
        text: 'Baumpflanzaktion\n\nSamstag, 10 Uhr, Westfalenpark',
        keyboard: { inline_keyboard: [[{ text: 'Ich mache mit', callback_data: '3|join:17' }], [{ text: 'Hauptmenü', callback_data: '3|menu' }]] },
      },
    ]);
  });

  it('sends a text, then a data: file, then a linked file, in that order', () => {
    const parts = plan({
      type: 'message',
      text: 'Deine Termine',
      attachments: [
        { contentType: 'text/calendar', contentUrl: encodeDataUri('text/calendar', 'BEGIN:VCALENDAR'), name: 'werkstatt.ics' },
        { contentType: 'application/pdf', contentUrl: 'https://example.org/flyer.pdf' },
      ],
    });
    expect(parts).toEqual([
      { kind: 'text', text: 'Deine Termine' },
      { kind: 'document', source: { bytes: Buffer.from('BEGIN:VCALENDAR'), filename: 'werkstatt.ics' } },
      { kind: 'document', source: { url: 'https://example.org/flyer.pdf' } },
    ]);
  });

  it('keeps markup characters as plain text', () => {
    expect(plan({ type: 'message', text: '<b>*Name*</b> [x](tg://user?id=1)' })).toEqual([{ kind: 'text', text: '<b>*Name*</b> [x](tg://user?id=1)' }]);
  });

  it('hangs the keyboard on the last part of a long text', () => {
    const text = `${'a'.repeat(3000)}\n\n${'b'.repeat(3000)}`;
    const parts = plan({ type: 'message', text, suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Weiter', value: 'next' }] } });
    expect(parts.map((part) => part.kind === 'text' && part.keyboard !== undefined)).toEqual([false, true]);
  });

  it('turns typing and delay into a chat action and a pause, and ignores events', () => {
    expect(plan({ type: 'typing' })).toEqual([{ kind: 'typing' }]);
    expect(plan({ type: 'delay', value: 250 })).toEqual([{ kind: 'delay', ms: 250 }]);
    expect(plan({ type: 'delay' })).toEqual([{ kind: 'delay', ms: 1000 }]);
    expect(plan({ type: 'event', name: 'x' })).toEqual([]);
  });
});
