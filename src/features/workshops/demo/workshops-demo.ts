import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { DemoSet } from '../../../platform/config/config-types.js';
import type { WorkshopService } from '../domain/workshop-service.js';
import type { Workshop } from '../domain/workshop.js';
import { wuppertalWorkshops } from './workshops-wuppertal.js';
import { dortmundWorkshops } from './workshops-dortmund.js';

function at(day: DateTime, time: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return day.set({ hour: hour!, minute: minute!, second: 0, millisecond: 0 }).toJSDate();
}

export function demoWorkshopId(tenantId: string, key: string): string {
  return createHash('sha256').update(`${tenantId}|workshop|${key}`).digest('hex').slice(0, 10);
}

/** Loads the workshops of the demo sets into a tenant that has no workshops yet; returns what it added. */
export async function loadWorkshopDemoContent(service: WorkshopService, tenantId: string, sets: readonly DemoSet[], now: Date): Promise<Workshop[]> {
  if ((await service.count(tenantId)) > 0) return [];
  const added: Workshop[] = [];
  for (const set of sets) {
    const demos = set === 'wuppertal' ? wuppertalWorkshops(now) : dortmundWorkshops(now);
    for (const { key, day, from, to, series, ...fields } of demos) {
      // A tenant with both sets gets two Werkstattreihen: each keeps its own parts together.
      const own = series && sets.length > 1 ? { ...series, id: `${series.id}_${set}`, title: `${series.title} ${set === 'wuppertal' ? 'Wuppertal' : 'Dortmund'}` } : series;
      const workshop = await service.create(tenantId, {
        ...fields,
        ...(own ? { series: own } : {}),
        _id: demoWorkshopId(tenantId, `${set}/${key}`),
        startsAt: at(day, from),
        endsAt: at(day, to),
      });
      added.push(workshop);
    }
  }
  return added;
}
