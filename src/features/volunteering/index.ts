import type { Activity } from 'botbuilder-core';
import { goodDeedsDialogs, DEED_DIALOG, DEED_FEEDBACK_DIALOG, GOOD_DEEDS_DIALOG, type DeedFeedbackOptions, type DeedOptions, type GoodDeedsOptions } from './dialogs/good-deeds-dialog.js';
import { marketplaceDialogs, MARKETPLACE_DIALOG, MARKET_LISTING_DIALOG, type ListingOptions } from './dialogs/marketplace-dialog.js';
import { onboardingDialogs, VOLUNTEER_PROFILE_DIALOG } from './dialogs/onboarding-dialog.js';
import { volunteerQuestionDialogs } from './dialogs/volunteer-questions.js';
import { actionButton } from '../../bot/action-buttons.js';
import type { PersonalDataSource } from '../../foundation/privacy/personal-data.js';
import { MarketplaceRepository } from './domain/marketplace/marketplace-repository.js';
import { MarketplaceService } from './domain/marketplace/marketplace-service.js';
import { OpportunityRepository } from './domain/opportunities/opportunity-repository.js';
import { isPast } from './domain/opportunities/opportunity.js';
import { DEED_FOLLOW_UP_JOB, DEED_WITHDRAWN_JOB, OpportunityService, type DeedFollowUpData, type DeedWithdrawnData, type StaffEvent } from './domain/opportunities/opportunity-service.js';
import { StaffNoticeService, type StaffMailer } from '../../staff/notices/staff-notices.js';
import { volunteerProfileDataSource } from './domain/volunteers/volunteer-data-source.js';
import { VolunteerProfileRepository } from './domain/volunteers/volunteer-profile-repository.js';
import { wuppertalListings, wuppertalOpportunities } from './demo/volunteering-wuppertal.js';
import type { Feature, FeatureServices } from '../feature-module.js';
import type { VolunteeringServices } from './volunteering-services.js';
import type { Translate } from '../../platform/i18n/translator.js';

export const VOLUNTEERING_FEATURE = 'volunteering';
const FOLLOW_UP_RATINGS = [1, 2, 3, 4, 5] as const;

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
      await messenger.sendToProfile(tenantId, profileId, (t) => [
        outcome.event === 'approved'
          ? { type: 'message', text: t('marketplace:review.approved', { title: listing.title }), suggestedActions: { to: [], actions: [actionButton(t('marketplace:review.show'), `market-${listing._id}`)] } }
          : { type: 'message', text: t('marketplace:review.rejected', { title: listing.title, reason: outcome.reason }) },
      ]);
    },
  });

  async function followUp(data: DeedFollowUpData): Promise<void> {
    const registration = await opportunities.findRegistration(data.tenantId, data.registrationId);
    if (!registration || registration.status !== 'registered' || registration.profileId !== data.profileId || registration.followUpSentAt) return;
    const opportunity = await opportunities.findOpportunity(data.tenantId, registration.opportunityId);
    if (!opportunity || opportunity.status !== 'open') return;
    // Staff moved the deed later (its job was moved too): this run is early, ask nothing.
    if (!isPast(opportunity, clock())) return;
    // Checkpoint first: a job that runs twice asks once.
    if (!(await opportunities.markFollowUpSent(data.tenantId, registration._id))) return;
    const compose = (t: Translate): Partial<Activity>[] => [
      {
        type: 'message',
        text: t('volunteering:followUp.question', { title: opportunity.title }),
        suggestedActions: {
          to: [],
          actions: [
            ...FOLLOW_UP_RATINGS.map((rating) => actionButton(t(`volunteering:followUp.rating${rating}`), `deedrate-${registration._id}-${rating}`)),
            actionButton(t('volunteering:followUp.more'), 'deeds'),
          ],
        },
      },
    ];
    try {
      await messenger.sendToProfile(data.tenantId, data.profileId, compose);
    } catch (error) {
      // Not delivered: let the job retry.
      await opportunityRepository.updateRegistration(data.tenantId, registration._id, { $unset: { followUpSentAt: true } });
      throw error;
    }
  }

  async function tellWithdrawn(data: DeedWithdrawnData): Promise<void> {
    // Checkpoint first: the registration is closed and marked before the message, so a second run tells nobody twice.
    const registration = await opportunities.markCancelledByOrganiser(data.tenantId, data.registrationId, data.profileId);
    if (!registration) return;
    const opportunity = await opportunities.findOpportunity(data.tenantId, registration.opportunityId);
    if (!opportunity) return;
    try {
      await messenger.sendToProfile(data.tenantId, data.profileId, (t) => [
        { type: 'message', text: t('volunteering:deeds.cancelledByOrganiser', { title: opportunity.title }), suggestedActions: { to: [], actions: [actionButton(t('volunteering:deeds.showOthers'), 'deeds')] } },
      ]);
    } catch (error) {
      // Not delivered: unmarked, so that the job's retry tells the person.
      await opportunities.unmarkCancelledByOrganiser(data.tenantId, data.registrationId);
      throw error;
    }
  }

  scheduler.define<DeedFollowUpData>(DEED_FOLLOW_UP_JOB, (data) => followUp(data));
  scheduler.define<DeedWithdrawnData>(DEED_WITHDRAWN_JOB, (data) => tellWithdrawn(data));

  const volunteeringServices: VolunteeringServices = { volunteers, opportunities, marketplace, notices, tenants, clock };

  const dataSources: PersonalDataSource[] = [
    volunteerProfileDataSource(volunteers),
    {
      section: 'opportunityRegistrations',
      async export(subject) {
        if (!subject.profileId) return null;
        const entries = await opportunities.registrationsOf(subject.tenantId, subject.profileId);
        return entries.map(({ registration, opportunity }) => ({ ...registration, opportunityTitle: opportunity?.title }));
      },
      async erase(subject) {
        if (!subject.profileId) return;
        // The organisation learns that the registration ended (without who it was), then it is gone.
        await opportunities.noteErasure(subject.tenantId, subject.profileId);
        await opportunityRepository.deleteRegistrationsOfProfile(subject.tenantId, subject.profileId);
      },
    },
    {
      section: 'marketplace',
      async export(subject) {
        if (!subject.profileId) return null;
        const [listings, brokeringRequests] = await Promise.all([
          marketplaceRepository.listingsOfOwner(subject.tenantId, subject.profileId),
          marketplaceRepository.requestsOfProfile(subject.tenantId, subject.profileId),
        ]);
        return listings.length + brokeringRequests.length > 0 ? { listings, brokeringRequests } : null;
      },
      async erase(subject) {
        if (!subject.profileId) return;
        await marketplaceRepository.deleteListingsOfOwner(subject.tenantId, subject.profileId);
        await marketplaceRepository.deleteRequestsOfProfile(subject.tenantId, subject.profileId);
      },
    },
  ];

  return {
    name: VOLUNTEERING_FEATURE,
    ...volunteeringServices,
    followUp,
    tellWithdrawn,
    dataSources,
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
        .addDeepLink({ prefix: 'volunteer', dialogId: VOLUNTEER_PROFILE_DIALOG, options: () => ({}) });
    },
    async loadDemoContent(tenantId, sets, now) {
      if (!sets.includes('wuppertal')) return;
      if ((await opportunityRepository.count(tenantId)) === 0) {
        for (const input of wuppertalOpportunities(now)) await opportunities.create(tenantId, input);
      }
      if ((await marketplaceRepository.countListings(tenantId)) === 0) {
        for (const input of wuppertalListings()) await marketplace.createApproved(tenantId, input);
      }
    },
  };
}

function feedbackOptions(rest: string): DeedFeedbackOptions {
  const match = /^(r[0-9a-f]{20})-([1-5])$/.exec(rest);
  return match ? { registrationId: match[1]!, rating: Number(match[2]) } : { registrationId: '', rating: 0 };
}
