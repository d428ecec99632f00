import type { StoredDocument } from '../../../../platform/store/document-store.js';
import type { Locale } from '../../../../platform/config/config-types.js';
import type { ContentTranslations } from '../../../../platform/i18n/content-translations.js';

export const LISTING_KINDS = ['offer', 'need'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

export const POSTER_TYPES = ['company', 'organisation', 'volunteer'] as const;
export type PosterType = (typeof POSTER_TYPES)[number];

/** Categories of the Marktplatz (titles in locales/<lng>/marketplace.json). */
export const LISTING_CATEGORIES = ['craft', 'advice', 'rooms', 'digital', 'transport', 'education', 'events', 'other'] as const;
export type ListingCategory = (typeof LISTING_CATEGORIES)[number];

/** Who may ask for a contact: everyone, or only one kind of poster. */
export const CONTACT_AUDIENCES = ['everyone', 'companies', 'organisations', 'volunteers'] as const;
export type ContactAudience = (typeof CONTACT_AUDIENCES)[number];

export type ListingStatus = 'pending' | 'approved' | 'rejected';

/** The kind of asker a listing's audience admits ('everyone' admits every kind). */
const AUDIENCE_OF: Record<PosterType, ContactAudience> = { company: 'companies', organisation: 'organisations', volunteer: 'volunteers' };

export function mayContact(audience: ContactAudience, askerType: PosterType | undefined): boolean {
  return audience === 'everyone' || (askerType !== undefined && AUDIENCE_OF[askerType] === audience);
}

/** An offer or need on the "Marktplatz für gute Geschäfte"; shown only once staff approved it. */
export interface MarketplaceListing extends StoredDocument {
  kind: ListingKind;
  posterType: PosterType;
  /** Company or organisation name (a volunteer's listing shows none). */
  posterName?: string;
  title: string;
  description: string;
  category: ListingCategory;
  district?: string;
  contactAudience: ContactAudience;
  status: ListingStatus;
  rejectionReason?: string;
  /** The person who posted it through the bot (absent for staff-entered or demo listings). */
  ownerProfileId?: string;
  /**
   * The language title and description are written in: the poster's chat language (staff may
   * correct it). Absent: German (staff-entered, demo and older listings).
   */
  language?: Locale;
  /** Title and description in other languages, as staff translated them. */
  translations?: ContentTranslations;
  createdAt: Date;
  updatedAt: Date;
  reviewedAt?: Date;
}

export type ListingInput = Pick<MarketplaceListing, 'kind' | 'posterType' | 'posterName' | 'title' | 'description' | 'category' | 'district' | 'contactAudience' | 'language'>;

/** The fields a person reads in their language when staff translated them. */
export const LISTING_TRANSLATED = ['title', 'description'] as const;
export type ListingTranslatedField = (typeof LISTING_TRANSLATED)[number];

/** The longest title and description a listing (and each of its translations) may have. */
export const LISTING_TEXT_LIMITS: Readonly<Record<ListingTranslatedField, number>> = { title: 120, description: 1500 };

/** The language a listing is written in (German unless recorded otherwise). */
export const originalLanguageOf = (listing: Pick<MarketplaceListing, 'language'>): Locale => listing.language ?? 'de';

/**
 * "Kontakt anfragen": staff broker the contact. The listing's owner sees the asker's name and message
 * only if the asker agreed (`shareWithOwner`, recorded with its time).
 */
export interface BrokeringRequest extends StoredDocument {
  listingId: string;
  profileId: string;
  message?: string;
  /** First name to pass on, if the asker gave one. */
  firstName?: string;
  shareWithOwner: boolean;
  consentAt?: Date;
  /** As whom the person asks (asked when the listing admits only one kind of asker). */
  askerType?: PosterType;
  status: 'open' | 'done';
  createdAt: Date;
  /** Asked again after staff had marked the earlier request done. */
  reopenedAt?: Date;
}
