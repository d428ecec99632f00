import type { Activity } from 'botbuilder-core';
import { actionButton } from '../../../bot/action-buttons.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import type { Locale } from '../../../platform/config/config-types.js';
import { deedTitle } from './deed-texts.js';
import type { MarketplaceListing } from '../domain/marketplace/marketplace.js';
import type { ReviewOutcome } from '../domain/marketplace/marketplace-service.js';
import type { Opportunity, OpportunityRegistration } from '../domain/opportunities/opportunity.js';

const FOLLOW_UP_RATINGS = [1, 2, 3, 4, 5] as const;

/** "How was it?" after a dated deed: five ratings and "more deeds". */
export function deedFollowUpMessages(t: Translate, locale: Locale, opportunity: Pick<Opportunity, 'title' | 'translations'>, registration: Pick<OpportunityRegistration, '_id'>): Partial<Activity>[] {
  return [
    {
      type: 'message',
      text: t('volunteering:followUp.question', { title: deedTitle(opportunity, locale) }),
      suggestedActions: {
        to: [],
        actions: [
          ...FOLLOW_UP_RATINGS.map((rating) => actionButton(t(`volunteering:followUp.rating${rating}`), `deedrate-${registration._id}-${rating}`)),
          actionButton(t('volunteering:followUp.more'), 'deeds'),
        ],
      },
    },
  ];
}

/** Staff withdrew a deed the person registered for. */
export function deedWithdrawnMessages(t: Translate, locale: Locale, opportunity: Pick<Opportunity, 'title' | 'translations'>): Partial<Activity>[] {
  return [{ type: 'message', text: t('volunteering:deeds.cancelledByOrganiser', { title: deedTitle(opportunity, locale) }), suggestedActions: { to: [], actions: [actionButton(t('volunteering:deeds.showOthers'), 'deeds')] } }];
}

/** Staff approved or rejected the person's marketplace listing. */
export function listingReviewMessages(t: Translate, listing: Pick<MarketplaceListing, '_id' | 'title'>, outcome: ReviewOutcome): Partial<Activity>[] {
  return [
    outcome.event === 'approved'
      ? { type: 'message', text: t('marketplace:review.approved', { title: listing.title }), suggestedActions: { to: [], actions: [actionButton(t('marketplace:review.show'), `market-${listing._id}`)] } }
      : { type: 'message', text: t('marketplace:review.rejected', { title: listing.title, reason: outcome.reason }) },
  ];
}
