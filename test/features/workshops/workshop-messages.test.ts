import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKSHOPS_TEXTS } from '../../../src/features/workshops/index.js';
import { allTexts } from '../../support/texts.js';
import type { Workshop } from '../../../src/features/workshops/domain/workshop.js';
import { followUpMessages, reminderMessages } from '../../../src/features/workshops/dialogs/workshop-messages.js';
import { workshopInput } from './fixtures.js';

const localesDir = WORKSHOPS_TEXTS;
const translator = allTexts('de');

function workshop(fields: Partial<Workshop> = {}): Workshop {
  const created = new Date('2026-11-01T10:00:00Z');
  return { ...workshopInput(created), _id: 'a1b2c3d4e5', tenantId: 'wuppertal', status: 'scheduled', createdAt: created, updatedAt: created, startsAt: new Date('2027-02-22T17:00:00Z'), endsAt: new Date('2027-02-22T19:30:00Z'), ...fields };
}

describe('workshop messages', () => {
  it('has every text in German and in English', () => {
    const keys = (locale: string) => Object.keys(JSON.parse(readFileSync(join(localesDir, locale, 'workshops.json'), 'utf8')) as object).sort();
    expect(keys('de')).toEqual(keys('en'));
  });

  it('reminds in German with the date and time of Europe/Berlin and the place', () => {
    const [reminder] = reminderMessages(translator.forLocale('de'), 'de', workshop(), '1d');
    expect(reminder!.text).toBe(
      'Erinnerung: Morgen ist „Werkstatt 2: Konzeptentwicklung“.\nMontag, 22. Februar 2027, 18:00–20:30 Uhr\nOrt: Rathaus Barmen, Johannes-Rau-Platz 1, 42275 Wuppertal\n\nWir freuen uns auf dich!',
    );
    expect(reminder!.suggestedActions?.actions.map((action) => [action.title, action.text])).toEqual([
      ['Ich kann nicht kommen', '/open workshop-nogo-a1b2c3d4e5'],
      ['Keine Erinnerungen', '/open workshop-quiet-a1b2c3d4e5'],
    ]);
  });

  it('reminds in English in summer time, with the online link', () => {
    const [reminder] = reminderMessages(translator.forLocale('en'), 'en', workshop({ startsAt: new Date('2027-06-10T16:00:00Z'), endsAt: new Date('2027-06-10T17:00:00Z'), place: undefined, onlineUrl: 'https://meet.example.org/w' }), '1h');
    expect(reminder!.text).toBe('Starting soon: "Werkstatt 2: Konzeptentwicklung" begins in one hour.\nThursday, 10 June 2027, 18:00–19:00\nOnline: https://meet.example.org/w');
  });

  it('thanks without a next-part button when there is no next part or material', () => {
    const [followUp] = followUpMessages(translator.forLocale('de'), 'de', workshop({ materialUrl: undefined }), null);
    expect(followUp!.text).toBe('Danke, dass du bei „Werkstatt 2: Konzeptentwicklung“ dabei warst!');
    expect(followUp!.suggestedActions).toBeUndefined();
  });
});
