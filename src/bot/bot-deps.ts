import type { TenantConfig } from '../platform/config/config-types.js';
import type { Translator } from '../platform/i18n/translator.js';
import type { Logger } from '../platform/logging/logger.js';
import type { AccountKey } from '../foundation/profiles/profile.js';
import type { ProfileService } from '../foundation/profiles/profile-service.js';
import type { PrivacyService } from '../foundation/privacy/privacy-service.js';
import type { JourneyRegistry } from './journey-registry.js';
import type { TurnContext } from 'botbuilder-core';
import type { TurnServices } from './turn-services.js';

/** Everything the bot and its dialogs use, handed in by the composition root. */
export interface BotDeps {
  tenants: ReadonlyMap<string, TenantConfig>;
  translator: Translator;
  profiles: ProfileService;
  privacy: PrivacyService;
  journeys: JourneyRegistry;
  logger: Logger;
  /** Further conversations of an account that hold its data (e.g. earlier web chat visits). */
  conversationsOf(account: AccountKey): Promise<string[]>;
  /** The features' steps at the start of every turn (e.g. announcements waiting for a web chat visitor). */
  beforeTurn: readonly BeforeTurn[];
}

/** A feature's step before the dialogs run; a failure is logged under its name and the person's turn goes on. */
export interface BeforeTurn {
  name: string;
  run(context: TurnContext, turn: TurnServices): Promise<void>;
}
