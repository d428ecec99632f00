import { goodDeedsDialogs, DEED_DIALOG, DEED_FEEDBACK_DIALOG, GOOD_DEEDS_DIALOG, type DeedFeedbackOptions, type DeedOptions, type GoodDeedsOptions } from './dialogs/good-deeds-dialog.js';
import { marketplaceDialogs, MARKETPLACE_DIALOG, MARKET_LISTING_DIALOG, type ListingOptions } from './dialogs/marketplace-dialog.js';
import { onboardingDialogs, VOLUNTEER_PROFILE_DIALOG } from './dialogs/onboarding-dialog.js';
import { volunteerQuestionDialogs } from './dialogs/volunteer-questions.js';
import { MarketplaceRepository } from './domain/marketplace/marketplace-repository.js';
import { MarketplaceService } from './domain/marketplace/marketplace-service.js';
import { OpportunityRepository } from './domain/opportunities/opportunity-repository.js';
import { OpportunityService, type DeedFollowUpData, type DeedWithdrawnData, type StaffEvent } from './domain/opportunities/opportunity-service.js';
import { StaffNoticeService, type StaffMailer } from '../../staff/notices/staff-notices.js';
import { VolunteerProfileRepository } from './domain/volunteers/volunteer-profile-repository.js';
import { wuppertalListings, wuppertalOpportunities } from './demo/volunteering-wuppertal.js';
import type { Feature, FeatureServices } from '../feature-module.js';
import type { VolunteeringServices } from './volunteering-services.js';
import { volunteeringConsole } from './console/volunteering-console.js';
import { volunteerAudience } from './domain/volunteers/volunteer-audience.js';
import { volunteeringDataSources } from './domain/volunteering-data-sources.js';
import { deedMessageJobs } from './jobs/deed-message-jobs.js';
import { listingReviewMessages } from './dialogs/volunteering-messages.js';

/** The texts of good deeds, the volunteer profile (`volunteering`) and the marketplace (`marketplace`). */
export { VOLUNTEERING_TEXTS } from './texts.js';
import { VOLUNTEERING_TEXTS } from './texts.js';
export { INTERESTS, type Interest } from './domain/volunteers/volunteer-profile.js';
export { citiesOf, normaliseDistrict } from './domain/volunteers/districts.js';

export const VOLUNTEERING_FEATURE = 'volunteering';

/** The volunteering feature, with the services the staff console uses. */
export interface VolunteeringFeature extends Feature, VolunteeringServices {
  /** Runs one follow-up job (also what the scheduler calls). */
  followUp(data: DeedFollowUpData): Promise<void>;
  /** Tells one registered person that staff withdrew the deed (the job per registration). */
  tellWithdrawn(data: DeedWithdrawnData): Promise<void>;
}

export interface VolunteeringFeatureOptions {
  /** Replaces the SMTP mailer (tests: nodemailer's jsonTransport). */
  mailer?: StaffMailer | null;
  /** Days after a dated deed when the follow-up goes out (default 2). */
  followUpDays?: number;
}

/**
 * Journeys 2–4: the volunteer profile (onboarding), good deeds with registration and follow-up,
 * and the "Marktplatz für gute Geschäfte".
 */
export function createVolunteeringFeature(services: FeatureServices, options: VolunteeringFeatureOptions = {}): VolunteeringFeature {
  const { store, clock, tenants, translator, messenger, scheduler } = services;
  const staffT = (tenantId: string) => translator.forLocale(tenants.get(tenantId)?.defaultLocale ?? services.config.defaultLocale);
  const staffEmailOf = (tenantId: string) => tenants.get(tenantId)?.staffEmail;

  const volunteers = new VolunteerProfileRepository(store);
  // Tests may give the feature its own mailer (mails sent at once); otherwise the notices of the whole service.
  const notices: StaffNoticeService =
    options.mailer !== undefined ? new StaffNoticeService(store, options.mailer, clock, (mail) => notices.sendMail(mail)) : services.notices;
  const opportunityRepository = new OpportunityRepository(store);
  const marketplaceRepository = new MarketplaceRepository(store);

  const opportunities = new OpportunityService({
    repository: opportunityRepository,
    notices,
    scheduler,
    clock,
    followUpDays: options.followUpDays,
    volunteerOf: (tenantId, profileId) => volunteers.find(tenantId, profileId),
    staffEmailOf,
    staffText: (event: StaffEvent) => {
      const t = staffT(event.tenantId);
      const volunteer = event.volunteer;
      const who = volunteer?.firstName ?? t('volunteering:staff.someone');
      const contact = volunteer?.contact ? `${t(`volunteering:contactShort.${volunteer.contact}`)}${volunteer.contactDetail ? `: ${volunteer.contactDetail}` : ''}` : t('volunteering:contactShort.chat');
      const vars = { title: event.opportunity.title, organisation: event.opportunity.organisation, who, contact, id: event.registration._id };
      return { subject: t(`volunteering:staff.${event.kind}Subject`, vars), text: t(`volunteering:staff.${event.kind}Text`, vars) };
    },
    erasureSubject: (tenantId, opportunity) => staffT(tenantId)('volunteering:staff.erasedSubject', { title: opportunity.title }),
  });

  const marketplace = new MarketplaceService({
    repository: marketplaceRepository,
    notices,
    clock,
    staffEmailOf,
    staffText: (event) => {
      const t = staffT(event.listing.tenantId);
      const vars = {
        title: event.listing.title,
        kind: t(`marketplace:kinds.${event.listing.kind}`),
        message: event.kind === 'brokeringRequest' ? (event.request.message ?? '–') : '',
        share: event.kind === 'brokeringRequest' ? t(event.request.shareWithOwner ? 'marketplace:staff.shareYes' : 'marketplace:staff.shareNo') : '',
      };
      return { subject: t(`marketplace:staff.${event.kind}Subject`, vars), text: t(`marketplace:staff.${event.kind}Text`, vars) };
    },
    async tellPoster(tenantId, profileId, listing, outcome) {
      await messenger.sendToProfile(tenantId, profileId, (t) => listingReviewMessages(t, listing, outcome));
    },
  });

  const volunteeringServices: VolunteeringServices = { volunteers, opportunities, marketplace, notices, tenants, clock };
  const deedMessages = deedMessageJobs(opportunities, messenger, clock);

  return {
    name: VOLUNTEERING_FEATURE,
    texts: VOLUNTEERING_TEXTS,
    ...volunteeringServices,
    jobs: deedMessages.jobs,
    console: volunteeringConsole(opportunities, marketplace, volunteers),
    audienceSources: [volunteerAudience(volunteers)],
    followUp: deedMessages.followUp,
    tellWithdrawn: deedMessages.tellWithdrawn,
    dataSources: volunteeringDataSources(volunteers, opportunities, marketplace),
    dialogs(deps) {
      return [
        ...volunteerQuestionDialogs(deps, volunteeringServices),
        ...onboardingDialogs(deps, volunteeringServices, { afterConfirmDialogId: GOOD_DEEDS_DIALOG }),
        ...goodDeedsDialogs(deps, volunteeringServices),
        ...marketplaceDialogs(deps, volunteeringServices),
      ];
    },
    registerJourneys(journeys) {
      journeys
        .addMenuEntry({ id: 'deeds', titleKey: 'volunteering:menu.deeds', dialogId: GOOD_DEEDS_DIALOG, order: 100 })
        .addMenuEntry({ id: 'volunteer', titleKey: 'volunteering:menu.profile', dialogId: VOLUNTEER_PROFILE_DIALOG, order: 150 })
        .addMenuEntry({ id: 'market', titleKey: 'marketplace:menu', dialogId: MARKETPLACE_DIALOG, order: 200 })
        .addDeepLink({ prefix: 'deedrate-', dialogId: DEED_FEEDBACK_DIALOG, options: (rest) => feedbackOptions(rest) })
        .addDeepLink({ prefix: 'deeds', dialogId: GOOD_DEEDS_DIALOG, options: () => ({ root: true }) satisfies GoodDeedsOptions })
        .addDeepLink({ prefix: 'deed-', dialogId: DEED_DIALOG, options: (rest) => ({ id: rest, root: true }) satisfies DeedOptions })
        .addDeepLink({ prefix: 'marketplace', dialogId: MARKETPLACE_DIALOG, options: () => ({ root: true }) })
        .addDeepLink({ prefix: 'market-', dialogId: MARKET_LISTING_DIALOG, options: (rest) => ({ id: rest, root: true }) satisfies ListingOptions })
        .addDeepLink({ prefix: 'volunteer', dialogId: VOLUNTEER_PROFILE_DIALOG, options: () => ({}) })
        .addProfileEntry({ id: 'volunteer', titleKey: 'volunteering:profileEntry', dialogId: VOLUNTEER_PROFILE_DIALOG, order: 200 });
    },
    async loadDemoContent(tenantId, sets, now) {
      if (!sets.includes('wuppertal')) return;
      if ((await opportunities.count(tenantId)) === 0) {
        for (const input of wuppertalOpportunities(now)) await opportunities.create(tenantId, input);
      }
      if ((await marketplace.countListings(tenantId)) === 0) {
        for (const input of wuppertalListings()) await marketplace.createApproved(tenantId, input);
      }
    },
  };
}

function feedbackOptions(rest: string): DeedFeedbackOptions {
  const match = /^(r[0-9a-f]{20})-([1-5])$/.exec(rest);
  return match ? { registrationId: match[1]!, rating: Number(match[2]) } : { registrationId: '', rating: 0 };
}
