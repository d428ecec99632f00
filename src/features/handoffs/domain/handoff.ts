import type { Locale } from '../../../platform/config/config-types.js';
import type { StoredDocument } from '../../../platform/store/document-store.js';
import type { ChannelId } from '../../../foundation/profiles/profile.js';
import type { AnswerValues } from '../../pathways/index.js';

export const HANDOFF_TOPICS = ['pathways', 'volunteering', 'workshops', 'privacy', 'other'] as const;
export type HandoffTopic = (typeof HANDOFF_TOPICS)[number];

export type HandoffStatus = 'open' | 'claimed' | 'closed';

export interface HandoffMessage {
  from: 'person' | 'staff';
  text: string;
  at: Date;
  /** The name staff sign with (shown to the person). */
  staffName?: string;
}

/** What the person allowed us to pass on to a counsellor (a copy at the time of the request). */
export interface SharedAnswers {
  questionnaire?: AnswerValues;
  savedPathways?: Array<{ id: string; title: string; offered: boolean }>;
}

/** A person asked to talk to a human; staff see it in the console and answer into the same chat. */
export interface HandoffRequest extends StoredDocument {
  profileId: string;
  topic: HandoffTopic;
  /** What the person typed as the topic, when it was not one of the buttons. */
  topicText?: string;
  /** The pathway the request was made from, if any. */
  pathwayId?: string;
  /** The conversation: the person's first message (only with consent) and every reply after. */
  messages: HandoffMessage[];
  /** True when the person allowed sharing their answers (and their message) with a counsellor. */
  consentToShare: boolean;
  sharedAnswers?: SharedAnswers;
  channel: ChannelId;
  language: Locale;
  status: HandoffStatus;
  claimedBy?: string;
  claimedAt?: Date;
  closedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

/** Who answers from the staff console. */
export interface StaffAuthor {
  id: string;
  /** The name shown to the person, e.g. "Frau Yilmaz (Jobcenter-Lotsin)". */
  name: string;
}
