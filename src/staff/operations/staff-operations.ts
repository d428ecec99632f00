import type { Request } from 'express';
import type { z } from 'zod';
import type { Translate } from '../../platform/i18n/translator.js';
import { PASSWORD_CHANGE_LIMITS, StaffAccountError, type StaffAccounts } from '../accounts/staff-accounts.js';
import { viewOf, type StaffUserView } from '../accounts/staff-user.js';
import type { AuditLog } from '../audit/audit-log.js';
import { FormError, type ContentSection, type RegistrationTable } from '../content/content-section.js';
import { parseTranslations } from '../content/content-translations-form.js';
import type { ContentTranslations } from '../../platform/i18n/content-translations.js';
import type { ConsoleIntegrations } from '../content/integrations.js';
import type { DocumentSessionStore } from '../http/document-session-store.js';
import type { StaffContext } from '../http/staff-context.js';
import { itemNotFound, staffError } from '../http/staff-error.js';
import type { FailedJobView, FailedJobs } from './failed-jobs.js';
import { newStaffForm, parseForm, passwordForm, type staffChangeForm } from './forms.js';
import type { TranslationKey } from '../../platform/i18n/translation-keys.js';

export { FormError };

const ACCOUNT_ERRORS: Record<StaffAccountError['code'], TranslationKey> = {
  'email-taken': 'console:errors.emailTaken',
  'password-too-short': 'console:errors.passwordTooShort',
  'password-too-long': 'console:errors.passwordTooLong',
  'wrong-password': 'console:errors.wrongPassword',
  'not-found': 'console:errors.notFound',
  'last-admin': 'console:errors.lastAdmin',
  'password-change-locked': 'console:errors.passwordChangeLocked',
  'password-change-locked-now': 'console:errors.passwordChangeLockedNow',
};

/**
 * Every data-changing staff action, shared by the HTML console and the JSON API: validation with
 * field messages, the tenant of the session, and one audit event per change.
 */
export class StaffOperations {
  constructor(
    private readonly accounts: StaffAccounts,
    private readonly audit: AuditLog,
    private readonly sessions: DocumentSessionStore,
    readonly integrations: ConsoleIntegrations,
    private readonly t: Translate,
    private readonly failedJobs?: FailedJobs,
  ) {}

  parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
    return parseForm(schema, body, this.t);
  }

  private accountError(error: unknown): never {
    if (error instanceof StaffAccountError) {
      if (error.code === 'not-found') throw staffError(404, 'NotFound', 'console:errors.staffNotFound', 'no such staff account');
      throw new FormError({ [error.field ?? '_']: this.t(ACCOUNT_ERRORS[error.code]) });
    }
    throw error;
  }

  /**
   * Changes the signed-in person's own password: every other session of the account ends; this one
   * stays (it counts as signed in from the moment of the change). Wrong current passwords are
   * audited; the fifth in a row ends this session and refuses changes for a while (429).
   */
  async changePassword(staff: StaffContext, body: unknown, session: Request['session']): Promise<void> {
    const input = this.parse(passwordForm, body);
    let user;
    try {
      user = await this.accounts.changePassword(staff.user, input.currentPassword, input.newPassword);
    } catch (error) {
      if (error instanceof StaffAccountError) await this.passwordChangeRefused(staff, error, session);
      return this.accountError(error);
    }
    await this.sessions.destroyAllOf(staff.user._id, session.id);
    if (session.staff) session.staff = { ...session.staff, signedInAt: user.passwordChangedAt.getTime() };
    await this.audit.record(staff.tenantId, staff.actor, 'staff.password-changed', { type: 'staff', id: staff.user._id, label: staff.user.email });
  }

  private async passwordChangeRefused(staff: StaffContext, error: StaffAccountError, session: Request['session']): Promise<void> {
    const target = { type: 'staff', id: staff.user._id, label: staff.user.email };
    const wrong = error.code === 'wrong-password' || error.code === 'password-change-locked-now';
    if (wrong || error.code === 'password-change-locked') {
      await this.audit.record(staff.tenantId, staff.actor, 'staff.password-change-failed', target, wrong ? 'wrong current password' : 'refused: locked after wrong current passwords');
    }
    if (error.code === 'password-change-locked') {
      throw staffError(429, 'TooManyRequests', 'console:errors.passwordChangeLocked', 'password changes of this account are refused for 15 minutes after five wrong current passwords');
    }
    if (error.code === 'password-change-locked-now') {
      await this.audit.record(staff.tenantId, staff.actor, 'staff.password-change-locked', target, `until=+${PASSWORD_CHANGE_LIMITS.lockMs / 60_000}min, session ended`);
      // Whoever guesses may hold a stolen session: it ends here.
      await new Promise<void>((resolve, reject) => session.destroy((destroyError) => (destroyError ? reject(destroyError) : resolve())));
      throw staffError(429, 'TooManyRequests', 'console:errors.passwordChangeLockedNow', 'five wrong current passwords: this session is signed out, and password changes of this account are refused for 15 minutes');
    }
  }

  /** The city's accounts for the staff list, each with whether it is locked somewhere now. */
  async listStaff(staff: StaffContext): Promise<StaffUserView[]> {
    return (await this.accounts.listWithLocks(staff.tenantId)).map(({ user, locked }) => viewOf(user, locked));
  }

  /** An admin lifts the account's sign-in locks (every address, the slow-down) and its password-change lock. */
  async unlockStaff(staff: StaffContext, id: string): Promise<StaffUserView> {
    try {
      const user = await this.accounts.unlock(staff.tenantId, id);
      await this.audit.record(staff.tenantId, staff.actor, 'staff.unlocked', { type: 'staff', id: user._id, label: user.email });
      return viewOf(user, false);
    } catch (error) {
      return this.accountError(error);
    }
  }

  async createStaff(staff: StaffContext, body: unknown): Promise<StaffUserView> {
    const input = this.parse(newStaffForm, body);
    try {
      const user = await this.accounts.create({ tenantId: staff.tenantId, ...input });
      await this.audit.record(staff.tenantId, staff.actor, 'staff.created', { type: 'staff', id: user._id, label: user.email }, `role=${user.role}`);
      return viewOf(user);
    } catch (error) {
      return this.accountError(error);
    }
  }

  async updateStaff(staff: StaffContext, id: string, input: z.infer<typeof staffChangeForm>): Promise<StaffUserView> {
    try {
      const user = await this.accounts.update(staff.tenantId, id, input);
      if (!user.active) await this.sessions.destroyAllOf(user._id);
      const changes = Object.entries(input).map(([key, value]) => `${key}=${String(value)}`).join(', ');
      await this.audit.record(staff.tenantId, staff.actor, 'staff.updated', { type: 'staff', id: user._id, label: user.email }, changes);
      return viewOf(user);
    } catch (error) {
      return this.accountError(error);
    }
  }

  section(key: string): ContentSection {
    const section = this.integrations.sections.find((candidate) => candidate.key === key);
    if (!section) throw staffError(404, 'NotFound', 'console:errors.notFoundPage', `no content section ${key}`);
    return section;
  }

  /** The section's fields and their translations, with every field's message at once. */
  private parseContent(section: ContentSection, body: unknown): { input: unknown; translations: ContentTranslations | undefined } {
    const errors: Record<string, string> = {};
    let input: unknown;
    let translations: ContentTranslations | undefined;
    try {
      input = this.parse(section.schema, body);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      Object.assign(errors, error.errors);
    }
    try {
      translations = parseTranslations(section.fields, body, this.t);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      Object.assign(errors, error.errors);
    }
    if (Object.keys(errors).length > 0) throw new FormError(errors);
    return { input, translations };
  }

  async createContent(staff: StaffContext, section: ContentSection, body: unknown): Promise<{ id: string; title: string }> {
    const { input, translations } = this.parseContent(section, body);
    const created = await section.create(staff.tenantId, input, staff.actor, translations);
    await this.audit.record(staff.tenantId, staff.actor, `${section.itemType}.created`, { type: section.itemType, id: created.id, label: created.title });
    return created;
  }

  async updateContent(staff: StaffContext, section: ContentSection, id: string, body: unknown): Promise<void> {
    const { input, translations } = this.parseContent(section, body);
    if (!(await section.update(staff.tenantId, id, input, staff.actor, translations))) throw itemNotFound();
    const title = (input as { title?: unknown }).title;
    await this.audit.record(staff.tenantId, staff.actor, `${section.itemType}.updated`, { type: section.itemType, id, label: typeof title === 'string' ? title : undefined });
  }

  async withdrawContent(staff: StaffContext, section: ContentSection, id: string): Promise<void> {
    if (!(await section.withdraw(staff.tenantId, id, staff.actor))) throw itemNotFound();
    await this.audit.record(staff.tenantId, staff.actor, `${section.itemType}.withdrawn`, { type: section.itemType, id });
  }

  /**
   * Registrations of an item (personal data) for a list, a CSV or a JSON export; exports are
   * recorded in the audit log (who took which list out of the console, and when).
   */
  async registrations(staff: StaffContext, section: ContentSection, id: string, exportFormat?: 'csv' | 'json'): Promise<RegistrationTable> {
    const table = await section.registrations(staff.tenantId, id);
    if (!table) throw itemNotFound();
    if (exportFormat) await this.audit.record(staff.tenantId, staff.actor, `${section.itemType}.registrations-exported`, { type: section.itemType, id }, `format=${exportFormat}, rows=${table.rows.length}`);
    return table;
  }

  /** Jobs that used up their attempts in this city (name, attempts, reason, when; never the job's data). */
  async failedJobList(staff: StaffContext): Promise<FailedJobView[]> {
    return this.failedJobs ? this.failedJobs.list(staff.tenantId) : [];
  }
}
