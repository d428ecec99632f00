import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { werkstattDay, werkstattPartDay } from '../../../src/features/workshops/demo/workshops-dates.js';
import { wuppertalWorkshops } from '../../../src/features/workshops/demo/workshops-wuppertal.js';
import { dortmundWorkshops } from '../../../src/features/workshops/demo/workshops-dortmund.js';

describe('the demo workshops', () => {
  for (const now of [new Date('2026-11-22T03:00:00Z'), new Date('2027-01-30T12:00:00Z'), new Date('2027-02-22T20:00:00Z'), new Date('2027-12-31T23:30:00Z')]) {
    it(`put part 2 on a 22 February and every event in the future (loaded ${now.toISOString()})`, () => {
      const day = werkstattDay(now);
      expect([day.month, day.day]).toEqual([2, 22]);
      expect(werkstattPartDay(now, 1) > DateTime.fromJSDate(now)).toBe(true);
      for (const demo of [...wuppertalWorkshops(now), ...dortmundWorkshops(now)]) {
        expect(demo.day.toJSDate().getTime()).toBeGreaterThan(now.getTime());
      }
      const parts = wuppertalWorkshops(now).filter((demo) => demo.series).map((demo) => [demo.series!.part, demo.title, demo.day.toISODate()]);
      expect(parts).toEqual([
        [1, 'Werkstatt 1: Einführung', werkstattPartDay(now, 1).toISODate()],
        [2, 'Werkstatt 2: Konzeptentwicklung', day.toISODate()],
        [3, 'Werkstatt 3: Aufbau', werkstattPartDay(now, 3).toISODate()],
        [4, 'Werkstatt 4: Verstetigung', werkstattPartDay(now, 4).toISODate()],
      ]);
      expect(dortmundWorkshops(now).find((demo) => demo.series?.part === 2)?.day.toISODate()).toBe(day.toISODate());
    });
  }
});
