import { randomUUID } from 'node:crypto';
import { Schema } from 'mongoose';
import type { CollectionDefinition, DocumentCollection, DocumentStore, Filter } from '../../platform/store/document-store.js';
import type { PersonalDataSource } from '../../foundation/privacy/personal-data.js';
import type { JobData } from '../../platform/scheduler/job-scheduler.js';

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
  /** Whom the e-mail is addressed to, if one was planned (SMTP set and an address known). */
  emailedTo?: string;
  /** When the e-mail went out (absent while it waits for, or failed in, the mail job). */
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

/** The scheduler job that sends a notice's e-mail (keyed by the notice id, retried with back-off). */
export const STAFF_NOTICE_MAIL_JOB = 'staff-notice-mail';

/** One planned staff e-mail: the job's data. */
export interface StaffNoticeMail extends JobData {
  noticeId: string;
  to: string;
  subject: string;
  text: string;
}

/** Plans the sending of a notice's e-mail (the app: a `staff-notice-mail` job). */
export type QueueStaffMail = (mail: StaffNoticeMail) => Promise<void>;

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

  /** With a mailer, `queueMail` plans each e-mail; it is sent later by `sendMail` (the job). */
  constructor(
    store: DocumentStore,
    private readonly mailer: StaffMailer | null,
    private readonly clock: () => Date,
    private readonly queueMail?: QueueStaffMail,
  ) {
    if (mailer && !queueMail) throw new Error('StaffNoticeService: a mailer needs a queue for its e-mails');
    this.notices = store.collection<StaffNotice>(staffNoticesCollection);
  }

  /**
   * Stores the notice and, if SMTP is set, plans its e-mail: the person's action never waits for
   * the mail server, and a failing one is retried by the scheduler.
   */
  async record(tenantId: string, input: StaffNoticeInput): Promise<StaffNotice> {
    const { emailTo, emailText, ...fields } = input;
    const mailing = this.mailer && this.queueMail && emailTo ? this.queueMail : null;
    const notice = await this.notices.insertOne({
      _id: `sn-${randomUUID()}`,
      tenantId,
      ...fields,
      ...(mailing && emailTo ? { emailedTo: emailTo } : {}),
      createdAt: this.clock(),
    });
    if (mailing && emailTo) {
      await mailing({
        tenantId,
        ...(notice.profileId ? { profileId: notice.profileId } : {}),
        noticeId: notice._id,
        to: emailTo,
        subject: input.subject,
        text: emailText ?? input.subject,
      });
    }
    return notice;
  }

  /**
   * Sends a planned e-mail (the job's handler). Throws when the mail server fails, so that the job
   * is retried; a notice that is gone (erased) or already mailed (a second run) is left alone.
   */
  async sendMail(mail: StaffNoticeMail): Promise<void> {
    if (!this.mailer) return;
    const notice = await this.get(mail.tenantId, mail.noticeId);
    if (!notice || notice.emailedAt) return;
    await this.mailer.send({ to: mail.to, subject: mail.subject, text: mail.text });
    await this.notices.updateOne({ tenantId: mail.tenantId, _id: notice._id }, { $set: { emailedAt: this.clock() } });
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
