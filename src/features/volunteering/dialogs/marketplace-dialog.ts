import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { buttonValueOf, choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../../../bot/choices.js';
import { turnServices } from '../../../bot/turn-services.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { consented, consentedOf } from '../../../../dialogs/consent-check.js';
import { shorten } from '../../../bot/shorten.js';
import { openHumanIfChosen, withHumanButton } from '../../../bot/human-link.js';
import { citiesOf, normaliseDistrict } from '../domain/volunteers/districts.js';
import { CONTACT_AUDIENCES, LISTING_CATEGORIES, mayContact, POSTER_TYPES, type ContactAudience, type ListingCategory, type ListingInput, type MarketplaceListing, type PosterType } from '../domain/marketplace/marketplace.js';
import type { VolunteeringServices } from '../volunteering-services.js';
import { MAIN_MENU_DIALOG } from '../../../../dialogs/journey-routing.js';
import type { JourneyResult } from '../../../../dialogs/main-menu-dialog.js';
import { valuesOf, createTextPrompt, isSkipAnswer, textWithButtons, type RootOptions } from './volunteering-prompts.js';
import type { TranslationKey } from '../../../platform/i18n/translation-keys.js';
import type { Locale } from '../../../platform/config/config-types.js';
import { writtenLanguageOf } from '../domain/marketplace/listing-translations.js';
import { listingIn } from './listing-texts.js';

export const MARKETPLACE_DIALOG = 'marketplace';
export const MARKET_CATEGORY_DIALOG = 'marketplace.category';
export const MARKET_LISTING_DIALOG = 'marketplace.listing';
export const MARKET_POST_DIALOG = 'marketplace.post';
const CHOICE_PROMPT = 'marketplace.choice';
const CONSENT_PROMPT = 'marketplace.consent';
/** Every typed answer of this journey; the step's options carry its length limit. */
const TEXT_PROMPT = 'marketplace.text';
const DISTRICT_TEXT = 'marketplace.district';
const MAX_SHORT = 100;
const MAX_LONG = 1000;
/** Listings per page of a category. */
const LISTING_PAGE_SIZE = 6;

export interface ListingOptions extends RootOptions {
  id: string;
}

interface CategoryOptions {
  category: ListingCategory;
  offset?: number;
}

/** The district question of a new listing: the whole city ("egal", "weiß nicht" too) or one of the tenant's districts. */
function districtItemsOf(t: Translate, districts: readonly string[], anywhere: readonly string[]): ButtonChoice[] {
  return [{ value: 'all', title: t('marketplace:post.wholeCity'), synonyms: [...anywhere] }, ...districts.map((district, index) => ({ value: `d${index}`, title: district }))];
}

/** A listing's details; `note` (e.g. "only in German") follows the description. */
export function formatListing(listing: MarketplaceListing, t: Translate, note?: TranslationKey): string {
  return [
    `${t(`marketplace:kinds.${listing.kind}`)}: ${listing.title}`,
    listing.posterName ? t('marketplace:by', { name: listing.posterName }) : t('marketplace:byVolunteer'),
    '',
    listing.description,
    ...(note ? ['', t(note)] : []),
    '',
    t('marketplace:categoryLine', { category: t(`marketplace:categories.${listing.category}`) }),
    ...(listing.district ? [t('marketplace:districtLine', { district: listing.district })] : []),
    t('marketplace:audienceLine', { audience: t(`marketplace:audiences.${listing.contactAudience}`) }),
  ].join('\n');
}

export function marketplaceDialogs(deps: BotDeps, services: VolunteeringServices): Dialog[] {
  const market = services.marketplace;
  const anywhere = deps.translator.inAllLocales('volunteering:noAnswerWords').flatMap((words) => words.split('|'));

  // Overview: categories with approved listings, and "post your own"

  async function showCategories(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    if (!(await consented(step))) return step.endDialog();
    const counts = await market.categoryCounts(turn.tenant.id);
    const items: ButtonChoice[] = counts.map(({ category, count }) => ({
      value: category,
      title: `${turn.t(`marketplace:categories.${category}`)} (${count})`,
      synonyms: deps.translator.inAllLocales(`marketplace:categories.${category}`),
    }));
    items.push({ value: 'post', title: turn.t('marketplace:postButton') }, { value: 'back', title: turn.t('common:back') });
    await step.context.sendActivity(turn.t(counts.length > 0 ? 'marketplace:intro' : 'marketplace:introEmpty'));
    return step.prompt(CHOICE_PROMPT, withHumanButton(choicePromptOptions(turn.t('marketplace:chooseCategory'), turn.t('marketplace:chooseCategoryRetry'), items), turn.t, deps));
  }

  async function openCategory(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const value = (step.result as FoundChoice).value;
    if (value === 'post') return step.beginDialog(MARKET_POST_DIALOG);
    const human = await openHumanIfChosen(step, value, deps);
    if (human) return human;
    if ((LISTING_CATEGORIES as readonly string[]).includes(value)) return step.beginDialog(MARKET_CATEGORY_DIALOG, { category: value as ListingCategory } satisfies CategoryOptions);
    if ((step.options as RootOptions | undefined)?.root) return step.replaceDialog(MAIN_MENU_DIALOG);
    return step.endDialog();
  }

  async function afterOverviewChild(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as (JourneyResult & { done?: boolean }) | undefined;
    if (result?.erased) return step.endDialog(result);
    return step.replaceDialog(MARKETPLACE_DIALOG, step.options);
  }

  // One category: its approved listings

  async function showCategory(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const { category, offset: requested = 0 } = step.options as CategoryOptions;
    const all = await market.browse(turn.tenant.id, category);
    if (all.length === 0) {
      await step.context.sendActivity(turn.t('marketplace:categoryEmpty'));
      return step.endDialog();
    }
    const offset = requested < all.length ? requested : 0;
    const page = all.slice(offset, offset + LISTING_PAGE_SIZE);
    const listings = page.map((listing) => listingIn(listing, turn.locale).listing);
    valuesOf(step)['ids'] = listings.map((listing) => listing._id);
    valuesOf(step)['offset'] = offset;
    const lines = listings.map(
      (listing, index) => `${offset + index + 1}. ${turn.t(`marketplace:kinds.${listing.kind}`)}: ${listing.title}${listing.posterName ? ` – ${listing.posterName}` : ''}${listing.district ? ` (${listing.district})` : ''}`,
    );
    const intro = turn.t(offset === 0 ? 'marketplace:categoryIntro' : 'marketplace:categoryIntroMore', { category: turn.t(`marketplace:categories.${category}`) });
    await step.context.sendActivity(`${intro}\n\n${lines.join('\n')}`);
    // The poster's own words are understood too (a person may type the title they remember).
    const items: ButtonChoice[] = listings.map((listing, index) => ({ value: `l${index}`, title: `${offset + index + 1}. ${shorten(listing.title, 36)}`, synonyms: [...new Set([listing.title, page[index]!.title])] }));
    if (all.length > offset + LISTING_PAGE_SIZE) items.push({ value: 'more', title: turn.t('marketplace:moreListings') });
    items.push({ value: 'back', title: turn.t('common:back') });
    return step.prompt(CHOICE_PROMPT, choicePromptOptions(turn.t('marketplace:chooseListing'), turn.t('marketplace:chooseListingRetry'), items));
  }

  async function openListing(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const value = (step.result as FoundChoice).value;
    if (value === 'more') return step.replaceDialog(MARKET_CATEGORY_DIALOG, { ...(step.options as CategoryOptions), offset: (valuesOf(step)['offset'] as number) + LISTING_PAGE_SIZE } satisfies CategoryOptions);
    const id = value.startsWith('l') ? (valuesOf(step)['ids'] as string[])[Number(value.slice(1))] : undefined;
    if (!id) return step.endDialog();
    return step.beginDialog(MARKET_LISTING_DIALOG, { id } satisfies ListingOptions);
  }

  async function afterListing(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if ((step.result as JourneyResult | undefined)?.erased) return step.endDialog(step.result);
    return step.replaceDialog(MARKET_CATEGORY_DIALOG, { ...(step.options as CategoryOptions), offset: valuesOf(step)['offset'] as number } satisfies CategoryOptions);
  }

  // One listing: details and "Kontakt anfragen" (what is passed on only with consent)

  async function showListing(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = step.options as ListingOptions;
    if (!(await consented(step))) return step.endDialog();
    const listing = await market.findVisible(turn.tenant.id, options.id);
    if (!listing) {
      await step.context.sendActivity(turn.t('marketplace:unknown'));
      return options.root ? step.replaceDialog(MARKETPLACE_DIALOG, { root: true }) : step.endDialog();
    }
    const shown = listingIn(listing, turn.locale);
    valuesOf(step)['title'] = shown.listing.title;
    valuesOf(step)['audience'] = listing.contactAudience;
    await step.context.sendActivity(formatListing(shown.listing, turn.t, shown.note));
    return step.prompt(
      CHOICE_PROMPT,
      choicePromptOptions(turn.t('marketplace:listingPrompt'), turn.t('marketplace:listingRetry'), [
        { value: 'contact', title: turn.t('marketplace:requestContact') },
        { value: 'back', title: turn.t(options.root ? 'common:mainMenu' : 'common:back') },
      ]),
    );
  }

  /** A listing for only one kind of asker: as whom does the person ask? */
  async function askAskerType(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = step.options as ListingOptions;
    if ((step.result as FoundChoice).value !== 'contact') return options.root ? step.replaceDialog(MAIN_MENU_DIALOG) : step.endDialog();
    if (valuesOf(step)['audience'] === 'everyone') return step.next();
    return step.prompt(
      CHOICE_PROMPT,
      choicePromptOptions(
        turn.t('marketplace:askerQuestion'),
        turn.t('marketplace:askerRetry'),
        POSTER_TYPES.map((type) => ({ value: type, title: turn.t(`marketplace:askerTypes.${type}`) })),
      ),
    );
  }

  async function notAllowed(step: WaterfallStepContext, audience: ContactAudience): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    await step.context.sendActivity(turn.t('marketplace:notAllowed', { audience: turn.t(`marketplace:audiences.${audience}`) }));
    return (step.options as ListingOptions).root ? step.replaceDialog(MAIN_MENU_DIALOG) : step.endDialog();
  }

  async function askMessage(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const audience = valuesOf(step)['audience'] as ContactAudience;
    const askerType = (step.result as FoundChoice | undefined)?.value as PosterType | undefined;
    if (askerType) valuesOf(step)['askerType'] = askerType;
    if (!mayContact(audience, askerType)) return notAllowed(step, audience);
    return step.prompt(TEXT_PROMPT, {
      ...textWithButtons(turn.t('marketplace:contactMessage'), turn.t('marketplace:contactMessageRetry', { max: MAX_LONG }), [{ value: 'skip', title: turn.t('volunteering:skip') }]),
      validations: { max: MAX_LONG },
    });
  }

  async function askShare(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const text = String(step.result).trim();
    const skipped = isSkipAnswer(text, turn.t, deps);
    valuesOf(step)['message'] = skipped ? undefined : text;
    return step.prompt(
      CONSENT_PROMPT,
      choicePromptOptions(turn.t('marketplace:shareQuestion'), turn.t('marketplace:shareRetry'), [
        { value: 'share', title: turn.t('marketplace:shareYes') },
        { value: 'noshare', title: turn.t('marketplace:shareNo') },
      ]),
    );
  }

  async function sendRequest(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const turn = turnServices(step.context);
    const options = step.options as ListingOptions;
    const profile = consentedOf(turn)!;
    const shareWithOwner = (step.result as FoundChoice).value === 'share';
    const volunteer = await services.volunteers.find(turn.tenant.id, profile._id);
    const result = await market.requestContact(turn.tenant.id, options.id, profile._id, {
      message: valuesOf(step)['message'] as string | undefined,
      firstName: volunteer?.firstName,
      shareWithOwner,
      askerType: valuesOf(step)['askerType'] as PosterType | undefined,
    });
    if (result.status === 'notAllowed') return notAllowed(step, result.listing.contactAudience);
    const key = result.status === 'unknown' ? 'marketplace:unknown' : result.status === 'already' ? 'marketplace:requestAlready' : shareWithOwner ? 'marketplace:requestSentShared' : 'marketplace:requestSent';
    await step.context.sendActivity(turn.t(key, { title: String(valuesOf(step)['title'] ?? '') }));
    return options.root ? step.replaceDialog(MAIN_MENU_DIALOG) : step.endDialog();
  }

  // Post one's own offer or need (pending until staff approve)

  const choice = (step: WaterfallStepContext, question: TranslationKey, items: ButtonChoice[]): Promise<DialogTurnResult> => {
    const { t } = turnServices(step.context);
    return step.prompt(CHOICE_PROMPT, choicePromptOptions(t(question), t('marketplace:post.retry'), items));
  };
  const text = (step: WaterfallStepContext, question: TranslationKey, max: number): Promise<DialogTurnResult> => {
    const { t } = turnServices(step.context);
    return step.prompt(TEXT_PROMPT, { ...textWithButtons(t(question), t('marketplace:post.textRetry', { max }), []), validations: { max } });
  };

  const postSteps = [
    async (step: WaterfallStepContext) => {
      const turn = turnServices(step.context);
      if (!(await consented(step))) return step.endDialog();
      await step.context.sendActivity(turn.t('marketplace:post.intro'));
      return choice(step, 'marketplace:post.kind', [
        { value: 'offer', title: turn.t('marketplace:post.offer') },
        { value: 'need', title: turn.t('marketplace:post.need') },
      ]);
    },
    async (step: WaterfallStepContext) => {
      const { t } = turnServices(step.context);
      valuesOf(step)['kind'] = (step.result as FoundChoice).value;
      return choice(step, 'marketplace:post.posterType', [
        { value: 'company', title: t('marketplace:posterTypes.company') },
        { value: 'organisation', title: t('marketplace:posterTypes.organisation') },
        { value: 'volunteer', title: t('marketplace:posterTypes.volunteer') },
      ]);
    },
    async (step: WaterfallStepContext) => {
      valuesOf(step)['posterType'] = (step.result as FoundChoice).value;
      if (valuesOf(step)['posterType'] === 'volunteer') return step.next();
      return text(step, 'marketplace:post.posterName', MAX_SHORT);
    },
    async (step: WaterfallStepContext) => {
      if (typeof step.result === 'string') valuesOf(step)['posterName'] = step.result.trim();
      return text(step, 'marketplace:post.title', MAX_SHORT);
    },
    async (step: WaterfallStepContext) => {
      valuesOf(step)['title'] = String(step.result).trim();
      return text(step, 'marketplace:post.description', MAX_LONG);
    },
    async (step: WaterfallStepContext) => {
      const { t } = turnServices(step.context);
      valuesOf(step)['description'] = String(step.result).trim();
      return choice(
        step,
        'marketplace:post.category',
        LISTING_CATEGORIES.map((category) => ({ value: category, title: t(`marketplace:categories.${category}`) })),
      );
    },
    async (step: WaterfallStepContext) => {
      const turn = turnServices(step.context);
      valuesOf(step)['category'] = (step.result as FoundChoice).value;
      const districts = citiesOf(turn.tenant).flatMap((city) => city.districts);
      return step.prompt(DISTRICT_TEXT, { ...textWithButtons(turn.t('marketplace:post.district'), turn.t('marketplace:post.districtRetry'), districtItemsOf(turn.t, districts, anywhere)), validations: districts });
    },
    async (step: WaterfallStepContext) => {
      const turn = turnServices(step.context);
      const districts = citiesOf(turn.tenant).flatMap((city) => city.districts);
      const answer = String(step.result);
      const pressed = buttonValueOf(answer, districtItemsOf(turn.t, districts, anywhere));
      valuesOf(step)['district'] = pressed === 'all' ? undefined : pressed ? districts[Number(pressed.slice(1))] : (normaliseDistrict(answer, districts) ?? undefined);
      return choice(
        step,
        'marketplace:post.audience',
        CONTACT_AUDIENCES.map((audience) => ({ value: audience, title: turn.t(`marketplace:audiences.${audience}`) })),
      );
    },
    async (step: WaterfallStepContext) => {
      const turn = turnServices(step.context);
      valuesOf(step)['contactAudience'] = (step.result as FoundChoice).value;
      const draft = listingInputOf(valuesOf(step), turn.locale);
      await step.context.sendActivity(`${turn.t('marketplace:post.summary')}\n\n${formatListing({ ...draft, _id: '', tenantId: '', status: 'pending', createdAt: new Date(), updatedAt: new Date() }, turn.t)}`);
      return step.prompt(
        CONSENT_PROMPT,
        choicePromptOptions(turn.t('marketplace:post.confirm'), turn.t('marketplace:post.confirmRetry'), [
          { value: 'send', title: turn.t('marketplace:post.send') },
          { value: 'discard', title: turn.t('marketplace:post.discard') },
        ]),
      );
    },
    async (step: WaterfallStepContext) => {
      const turn = turnServices(step.context);
      if ((step.result as FoundChoice).value !== 'send') {
        await step.context.sendActivity(turn.t('marketplace:post.discarded'));
        return step.endDialog();
      }
      await market.submit(turn.tenant.id, consentedOf(turn)!._id, listingInputOf(valuesOf(step), turn.locale));
      await step.context.sendActivity(turn.t('marketplace:post.submitted'));
      return step.endDialog();
    },
  ];

  const lengthCheck = (raw: string, prompt: { options: { validations?: unknown } }): boolean => {
    const trimmed = raw.trim();
    return trimmed.length > 0 && trimmed.length <= ((prompt.options.validations as { max?: number } | undefined)?.max ?? MAX_SHORT);
  };

  return [
    new WaterfallDialog(MARKETPLACE_DIALOG, [showCategories, openCategory, afterOverviewChild]),
    new WaterfallDialog(MARKET_CATEGORY_DIALOG, [showCategory, openListing, afterListing]),
    new WaterfallDialog(MARKET_LISTING_DIALOG, [showListing, askAskerType, askMessage, askShare, sendRequest]),
    new WaterfallDialog(MARKET_POST_DIALOG, postSteps),
    createChoicePrompt(CHOICE_PROMPT),
    createChoicePrompt(CONSENT_PROMPT, { exact: true }),
    createTextPrompt(TEXT_PROMPT, lengthCheck),
    createTextPrompt(DISTRICT_TEXT, (raw, prompt) => {
      const districts = (prompt.options.validations as string[] | undefined) ?? [];
      return buttonValueOf(raw, districtItemsOf(turnServices(prompt.context).t, districts, anywhere)) !== undefined || (raw.length <= 60 && normaliseDistrict(raw, districts) !== null);
    }),
  ];
}

/** The listing a person typed; it is in the language they chat in (staff may correct it). */
function listingInputOf(values: Record<string, unknown>, locale: Locale): ListingInput {
  return {
    kind: values['kind'] as ListingInput['kind'],
    posterType: values['posterType'] as ListingInput['posterType'],
    ...(values['posterName'] ? { posterName: String(values['posterName']) } : {}),
    title: String(values['title']),
    description: String(values['description']),
    category: values['category'] as ListingCategory,
    ...(values['district'] ? { district: String(values['district']) } : {}),
    contactAudience: values['contactAudience'] as ListingInput['contactAudience'],
    language: writtenLanguageOf(locale),
  };
}
