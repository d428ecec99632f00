import type { TranslationKey } from '../platform/i18n/translation-keys.js';
/**
 * The main menu shows only journeys that exist: each feature registers its entry (and its deep-link
 * prefix) here in the composition root, so adding a journey never edits the menu dialog.
 */
export interface MenuEntry {
  /** Short ASCII id sent by the button. */
  id: string;
  /** i18n key of the button title. */
  titleKey: TranslationKey;
  dialogId: string;
  /** Lower comes first. */
  order: number;
}

export interface DeepLinkRoute {
  /** Payload prefix, e.g. "workshop-" for `/start workshop-12`. */
  prefix: string;
  dialogId: string;
  /** Dialog options from the rest of the payload ("12"). */
  options(rest: string): object;
}

/** Profile entries ordered below this come before the announcements switch in "My profile", the others after it. */
export const PROFILE_SWITCH_ORDER = 500;

/** An entry of "My profile" that opens a feature's part of the profile (volunteer details, topics). */
export interface ProfileEntry {
  id: string;
  titleKey: TranslationKey;
  dialogId: string;
  order: number;
}

/** A command every channel knows that opens a feature's journey by its deep link (`/human`). */
export type JourneyCommand = 'human';

/** Where a command leads and what its button says where a flow offers it (the owning feature's text). */
export interface CommandLink {
  deepLink: string;
  titleKey: TranslationKey;
}

export class JourneyRegistry {
  private readonly entries: MenuEntry[] = [];
  private readonly routes: DeepLinkRoute[] = [];
  private readonly profileEntries: ProfileEntry[] = [];
  private readonly commands = new Map<JourneyCommand, CommandLink>();

  addMenuEntry(entry: MenuEntry): this {
    this.entries.push(entry);
    this.entries.sort((a, b) => a.order - b.order);
    return this;
  }

  addDeepLink(route: DeepLinkRoute): this {
    this.routes.push(route);
    return this;
  }

  get menu(): readonly MenuEntry[] {
    return this.entries;
  }

  addProfileEntry(entry: ProfileEntry): this {
    this.profileEntries.push(entry);
    this.profileEntries.sort((a, b) => a.order - b.order);
    return this;
  }

  get profile(): readonly ProfileEntry[] {
    return this.profileEntries;
  }

  /** The deep link `command` opens; a second registration of one command is a wiring mistake. */
  addCommand(command: JourneyCommand, link: CommandLink): this {
    if (this.commands.has(command)) throw new Error(`the command /${command} is registered twice`);
    this.commands.set(command, link);
    return this;
  }

  commandLink(command: JourneyCommand): CommandLink | undefined {
    return this.commands.get(command);
  }

  /** The route of the longest matching prefix: "workshop-nogo-" wins over "workshop-", whatever the order. */
  resolveDeepLink(payload: string): { dialogId: string; options: object } | null {
    let route: DeepLinkRoute | undefined;
    for (const candidate of this.routes) {
      if (payload.startsWith(candidate.prefix) && (!route || candidate.prefix.length > route.prefix.length)) route = candidate;
    }
    return route ? { dialogId: route.dialogId, options: route.options(payload.slice(route.prefix.length)) } : null;
  }
}
