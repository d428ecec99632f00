import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { DemoSet } from '../../../platform/config/config-types.js';
import type { WorkshopService } from '../domain/workshop-service.js';
import type { Workshop } from '../domain/workshop.js';
import { wuppertalWorkshops } from './workshops-wuppertal.js';
import { dortmundWorkshops } from './workshops-dortmund.js';
import { asTranslations, DEMO_LOCALES, type DemoTranslations } from './demo-translations.js';

function at(day: DateTime, time: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour: hour!, minute: minute!, second: 0, millisecond: 0 }).toJSDate();
}

export function demoWorkshopId(tenantId: string, key: string): string {
  return createHash('sha256').update(`${tenantId}|workshop|${key}`).digest('hex').slice(0, 10);
}

/** The series title in every demo language with the city's name, like the German one. */
function withCity(translations: DemoTranslations, city: string): DemoTranslations {
  const named = { ...translations };
  for (const locale of DEMO_LOCALES) {
    const seriesTitle = translations[locale].seriesTitle;
    if (seriesTitle) named[locale] = { ...translations[locale], seriesTitle: `${seriesTitle} ${city}` };
  }
  return named;
}

/** Loads the workshops of the demo sets into a tenant that has no workshops yet; returns what it added. */
export async function loadWorkshopDemoContent(service: WorkshopService, tenantId: string, sets: readonly DemoSet[], now: Date): Promise<Workshop[]> {
  if ((await service.count(tenantId)) > 0) return [];
  const added: Workshop[] = [];
  for (const set of sets) {
    const demos = set === 'wuppertal' ? wuppertalWorkshops(now) : dortmundWorkshops(now);
    for (const { key, day, from, to, series, translations, ...fields } of demos) {
      // A tenant with both sets gets two Werkstattreihen: each keeps its own parts together, in every language.
      const city = set === 'wuppertal' ? 'Wuppertal' : 'Dortmund';
      const both = series !== undefined && sets.length > 1;
      const own = series && both ? { ...series, id: `${series.id}_${set}`, title: `${series.title} ${city}` } : series;
      const workshop = await service.create(tenantId, {
        ...fields,
        ...(own ? { series: own } : {}),
        translations: asTranslations(both ? withCity(translations, city) : translations),
        _id: demoWorkshopId(tenantId, `${set}/${key}`),
        startsAt: at(day, from),
        endsAt: at(day, to),
      });
      added.push(workshop);
    }
  }
  return added;
}
