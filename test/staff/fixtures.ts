import type { KosiApp } from '../../src/app.js';
import type { HandoffRequest } from '../../src/features/handoffs/domain/handoff.js';
import { profileIdFor } from '../../src/foundation/profiles/profile-repository.js';
import { TEST_USER } from '../support/telegram-updates.js';
import { APP_TEST_TENANT } from '../support/test-app.js';

/** A good deed as the console's form and API take it. */
export const DEED_INPUT = {
  title: 'Vorlesen in der Kita',
  organisation: 'Kita Sonnenschein',
  description: 'Einmal pro Woche vorlesen.',
  district: 'Elberfeld',
  timeNeeded: '1 Std. pro Woche',
  interests: ['kids', 'culture'],
  slots: 'weekdays',
  places: 3,
  contactName: 'Frau Berg',
};

/** A "talk to a person" request of the Telegram test user, without shared answers. */
export function telegramHandoffRequest(app: KosiApp): Promise<HandoffRequest> {
  const handoffs = app.features.handoffs;
  return handoffs.service.create({
    tenantId: APP_TEST_TENANT,
    profileId: profileIdFor({ tenantId: APP_TEST_TENANT, channel: 'telegram', accountId: String(TEST_USER.id) }),
    topic: 'workshops',
    consentToShare: false,
    channel: 'telegram',
    language: 'de',
  });
}
