import type { NewWorkshop } from '../../../src/features/workshops/domain/workshop-service.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A workshop `daysAhead` days after `now`, two and a half hours long. */
export function workshopInput(now: Date, fields: Partial<NewWorkshop> & { daysAhead?: number } = {}): NewWorkshop {
  const { daysAhead = 10, ...rest } = fields;
  const startsAt = new Date(now.getTime() + daysAhead * DAY);
  return {
    title: 'Werkstatt 2: Konzeptentwicklung',
    series: { id: 'werkstattreihe', title: 'Werkstattreihe', part: 2 },
    description: 'Aus Ideen werden Konzepte.',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2.5 * HOUR),
    place: { name: 'Rathaus Barmen', address: 'Johannes-Rau-Platz 1, 42275 Wuppertal' },
    capacity: 20,
    language: 'de',
    targetGroup: 'Alle Interessierten',
    organiser: { name: 'KoSI-Lab', email: 'kosi@example.org' },
    materialUrl: 'https://example.org/material',
    ...rest,
  };
}
