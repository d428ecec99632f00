import type { WorkshopRepository } from './workshop-repository.js';
import type { Workshop } from './workshop.js';

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'reihe';

/** The series id for a title: the id of a series with this title in the city if there is one, else a new one. */
export async function seriesIdFor(workshops: Pick<WorkshopRepository, 'seriesIdWithTitle' | 'seriesIdTaken'>, tenantId: string, title: string, current?: Workshop['series']): Promise<string> {
  // Unchanged title: keep the id (demo series have ids like `werkstattreihe_wuppertal`, not slugs).
  if (current && current.title === title) return current.id;
  const sameTitle = await workshops.seriesIdWithTitle(tenantId, title);
  if (sameTitle) return sameTitle;
  const base = slug(title);
  // A new series never joins an existing one that only shares the slug.
  return (await workshops.seriesIdTaken(tenantId, base)) ? `${base}-${Date.now().toString(36)}` : base;
}
