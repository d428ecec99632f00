import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import type { CollectionDefinition, DocumentCollection, DocumentStore, Filter } from '../../store/document-store.js';
import type { PersonalDataSource } from '../privacy/personal-data.js';

export const STAFF_NOTICE_KINDS = ['registration', 'withdrawal', 'contactAdded', 'brokeringRequest', 'listingSubmitted', 'handoff'] as const;
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];

/**
 * Something staff should know (a new registration, a brokering request, a listing to review, a
 * person who asked to talk to someone), kept for the staff console, and e-mailed when SMTP is set.
 */
export interface StaffNotice {
  _id: string;
  tenantId: string;
  kind: StaffNoticeKind;
  /** The person it concerns (erased with them). */
  profileId?: string;
  opportunityId?: string;
  registrationId?: string;
  listingId?: string;
  requestId?: string;
  /** One line for the console list, e.g. the deed's title. */
  subject: string;
  /** Where the e-mail went, if one went. */
  emailedTo?: string;
  emailedAt?: Date;
  readAt?: Date;
  createdAt: Date;
}

const staffNoticeSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    kind: { type: String, required: true, enum: STAFF_NOTICE_KINDS },
    profileId: { type: String },
    opportunityId: { type: String },
    registrationId: { type: String },
    listingId: { type: String },
    requestId: { type: String },
    subject: { type: String, required: true, maxlength: 300 },
    emailedTo: { type: String, maxlength: 200 },
    emailedAt: { type: Date },
    readAt: { type: Date },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const staffNoticesCollection: CollectionDefinition = {
  name: 'staffNotices',
  schema: staffNoticeSchema,
  indexes: [{ fields: { tenantId: 1, createdAt: -1 } }, { fields: { tenantId: 1, profileId: 1 } }],
};

/** Sends one staff e-mail; the feature builds it from SMTP_URL with nodemailer. */
export interface StaffMailer {
  send(mail: { to: string; subject: string; text: string }): Promise<void>;
}

export interface StaffNoticeInput extends Omit<StaffNotice, '_id' | 'tenantId' | 'createdAt' | 'emailedTo' | 'emailedAt' | 'readAt'> {
  /** Who gets the e-mail (tenant's staff address or the deed's contact); none: console only. */
  emailTo?: string;
  /** The e-mail's text (composed by the caller in the tenant's language). */
  emailText?: string;
}

export interface NoticeQuery {
  unreadOnly?: boolean;
  kind?: StaffNoticeKind;
  kinds?: readonly StaffNoticeKind[];
}

export class StaffNoticeService {
  private readonly notices: DocumentCollection<StaffNotice>;

  constructor(
    store: DocumentStore,
    private readonly mailer: StaffMailer | null,
    private readonly clock: () => Date,
    private readonly onMailError: (error: unknown) => void = () => undefined,
  ) {
    this.notices = store.collection<StaffNotice>(staffNoticesCollection);
  }

  /** Stores the notice, then mails it if SMTP is set; a failing mail server never fails the person's action. */
  async record(tenantId: string, input: StaffNoticeInput): Promise<StaffNotice> {
    const { emailTo, emailText, ...fields } = input;
    const notice = await this.notices.insertOne({ _id: `sn-${randomUUID()}`, tenantId, ...fields, createdAt: this.clock() });
    if (!this.mailer || !emailTo) return notice;
    try {
      await this.mailer.send({ to: emailTo, subject: input.subject, text: emailText ?? input.subject });
      return (await this.notices.updateOne({ tenantId, _id: notice._id }, { $set: { emailedTo: emailTo, emailedAt: this.clock() } })) ?? notice;
    } catch (error) {
      this.onMailError(error);
      return notice;
    }
  }

  /** Newest first; `kinds` limits the kinds (e.g. to what a staff role may see). */
  list(tenantId: string, options: NoticeQuery & { limit?: number } = {}): Promise<StaffNotice[]> {
    return this.notices.find(this.filterOf(tenantId, options), { sort: { createdAt: -1 }, limit: options.limit ?? 200 });
  }

  count(tenantId: string, options: NoticeQuery = {}): Promise<number> {
    return this.notices.count(this.filterOf(tenantId, options));
  }

  get(tenantId: string, id: string): Promise<StaffNotice | null> {
    return this.notices.findOne({ tenantId, _id: id });
  }

  async markRead(tenantId: string, id: string): Promise<boolean> {
    return (await this.notices.updateOne({ tenantId, _id: id }, { $set: { readAt: this.clock() } })) !== null;
  }

  private filterOf(tenantId: string, options: NoticeQuery): Filter {
    const filter: Filter = { tenantId };
    if (options.unreadOnly) filter['readAt'] = { $exists: false };
    if (options.kind) filter['kind'] = options.kind;
    else if (options.kinds) filter['kind'] = { $in: options.kinds };
    return filter;
  }

  ofProfile(tenantId: string, profileId: string): Promise<StaffNotice[]> {
    return this.notices.find({ tenantId, profileId }, { sort: { createdAt: 1 } });
  }

  deleteOfProfile(tenantId: string, profileId: string): Promise<number> {
    return this.notices.deleteMany({ tenantId, profileId });
  }
}

/** Notices that name a person go with the person's data. */
export function staffNoticesDataSource(notices: StaffNoticeService): PersonalDataSource {
  return {
    section: 'staffNotices',
    async export(subject) {
      if (!subject.profileId) return null;
      const found = await notices.ofProfile(subject.tenantId, subject.profileId);
      return found.length > 0 ? found : null;
    },
    async erase(subject) {
      if (subject.profileId) await notices.deleteOfProfile(subject.tenantId, subject.profileId);
    },
  };
}
