import type { WebChatVisit } from '../../support/test-app.js';
import { choose } from '../../support/chat-helpers.js';
import type { KosiApp } from '../../../src/app.js';
import type { WorkshopsFeature } from '../../../src/features/workshops/index.js';
import type { Workshop } from '../../../src/features/workshops/domain/workshop.js';

export function workshopsOf(app: KosiApp): WorkshopsFeature {
  return app.features.workshops;
}

/** "Werkstatt 2: Konzeptentwicklung" of the demo content. */
export async function werkstatt2(app: KosiApp, tenantId: string): Promise<Workshop> {
  const upcoming = await workshopsOf(app).service.listUpcoming(tenantId, { seriesId: 'werkstattreihe' });
  const found = upcoming.find((workshop) => workshop.series?.part === 2);
  if (!found) throw new Error('no Werkstatt 2 in the demo content');
  return found;
}

/** Language and consent in English; the deep-linked journey (or the menu) follows. */
export async function consentInEnglish(visit: WebChatVisit): Promise<void> {
  await choose(visit, 'English');
  await choose(visit, 'I agree');
}
