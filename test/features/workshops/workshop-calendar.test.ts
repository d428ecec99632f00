import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { workshopCalendar } from '../../../src/features/workshops/domain/workshop-calendar.js';
import type { Workshop } from '../../../src/features/workshops/domain/workshop.js';
import { workshopInput } from './fixtures.js';
import { allTexts } from '../../support/texts.js';

function workshop(fields: Partial<Workshop>): Workshop {
  const created = new Date('2026-11-01T10:00:00Z');
  return { ...workshopInput(created), _id: 'a1b2c3d4e5', tenantId: 'wuppertal', status: 'scheduled', createdAt: created, updatedAt: created, ...fields };
}

const translator = allTexts('de');
const t = translator.forLocale('en');

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('the calendar file of a workshop', () => {
  it('holds the local time of Europe/Berlin in winter, with its VTIMEZONE, read back by ical.js', () => {
    // 22 February, 18:00–20:30 in Wuppertal = 17:00–19:30 UTC (CET, UTC+1).
    const text = workshopCalendar(workshop({ startsAt: new Date('2027-02-22T17:00:00Z'), endsAt: new Date('2027-02-22T19:30:00Z') }), {
      calendarName: 'Wuppertal',
      uidDomain: 'bot.example.org',
      url: 'https://bot.example.org/calendar/wuppertal/workshop-a1b2c3d4e5.ics',
      now: new Date('2027-01-05T08:00:00Z'),
      t,
      locale: 'en',
    });
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20270222T180000');
    expect(text).toContain('DTEND;TZID=Europe/Berlin:20270222T203000');
    expect(text).toContain('DTSTAMP:20270105T080000Z');

    const { calendar, event, vevent } = parse(text);
    const vtimezone = calendar.getFirstSubcomponent('vtimezone')!;
    expect(vtimezone.getFirstPropertyValue('tzid')).toBe('Europe/Berlin');
    // Register the file's own zone so that ical.js computes the offsets from it.
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone, 'Europe/Berlin');
    try {
      const { event: resolved } = parse(text);
      expect(resolved.startDate.zone?.tzid).toBe('Europe/Berlin');
      expect(resolved.startDate.toJSDate().toISOString()).toBe('2027-02-22T17:00:00.000Z');
      expect(resolved.endDate.toJSDate().toISOString()).toBe('2027-02-22T19:30:00.000Z');
    } finally {
      ICAL.TimezoneService.remove('Europe/Berlin');
    }
    expect(event.summary).toBe('Werkstatt 2: Konzeptentwicklung');
    expect(event.location).toBe('Rathaus Barmen, Johannes-Rau-Platz 1, 42275 Wuppertal');
    expect(event.uid).toBe('workshop-a1b2c3d4e5@bot.example.org');
    expect(vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.description).toContain('kosi@example.org');
  });

  it('uses summer time in June and marks a cancelled workshop as cancelled with a higher sequence', () => {
    const text = workshopCalendar(
      workshop({ startsAt: new Date('2027-06-10T16:00:00Z'), endsAt: new Date('2027-06-10T18:00:00Z'), status: 'cancelled', revision: 1, updatedAt: new Date('2026-11-02T10:00:00Z'), place: undefined, onlineUrl: 'https://meet.example.org/w' }),
      { calendarName: 'Wuppertal', uidDomain: 'wuppertal.kosi-bot', now: new Date('2027-01-05T08:00:00Z'), t, locale: 'en' },
    );
    expect(text).toContain('DTSTART;TZID=Europe/Berlin:20270610T180000');
    const { calendar, event, vevent } = parse(text);
    const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
    ICAL.TimezoneService.register(zone, 'Europe/Berlin');
    try {
      expect(parse(text).event.startDate.toJSDate().toISOString()).toBe('2027-06-10T16:00:00.000Z');
    } finally {
      ICAL.TimezoneService.remove('Europe/Berlin');
    }
    expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.sequence).toBeGreaterThan(0);
    expect(event.location).toBe('https://meet.example.org/w');
  });

  it('writes the description in the person\'s language, taken from the locales', () => {
    const online = workshop({ place: undefined, onlineUrl: 'https://meet.example.org/w' });
    const options = { calendarName: 'Wuppertal', uidDomain: 'bot.example.org', now: new Date('2027-01-05T08:00:00Z') };
    const english = parse(workshopCalendar(online, { ...options, t, locale: 'en' })).event.description;
    const german = parse(workshopCalendar(online, { ...options, t: translator.forLocale('de'), locale: 'de' })).event.description;
    expect(english).toContain('Join online: https://meet.example.org/w');
    expect(english).toContain('Contact: KoSI-Lab <kosi@example.org>');
    expect(german).toContain('Online-Teilnahme: https://meet.example.org/w');
    expect(german).toContain('Kontakt: KoSI-Lab <kosi@example.org>');
  });
});
