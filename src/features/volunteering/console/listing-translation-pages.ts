import type { Request, Response, Router } from 'express';
import type { AuditLog } from '../../../staff/audit/audit-log.js';
import type { ConsolePageKit } from '../../../staff/console/console-contribution.js';
import { FormError } from '../../../staff/content/content-section.js';
import { translationInput } from '../../../staff/content/content-translations-form.js';
import { handle } from '../../../staff/http/async-handler.js';
import { noticeOf, param } from '../../../staff/http/request-helpers.js';
import { requirePermission } from '../../../staff/http/session-auth.js';
import { staffOf, type StaffContext } from '../../../staff/http/staff-context.js';
import { staffError } from '../../../staff/http/staff-error.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { LISTING_LANGUAGES, translationLocalesOf } from '../domain/marketplace/listing-translations.js';
import type { ListingView, MarketplaceAdmin } from './marketplace-admin.js';
import { listingFormValues, parseListingTranslations } from './listing-translations-form.js';

const LISTING_VIEW = '/features/volunteering/console/views/marketplace-listing';

const listingUnknown = () => staffError(404, 'NotFound', 'marketplaceConsole:errors.listingUnknown', 'no such listing in this city');

/** Staff translate a listing (page and admin API alike); the audit event names the languages, never the texts (they quote the poster). */
export function listingTranslationAction(admin: MarketplaceAdmin, audit: AuditLog, t: Translate) {
  return async (staff: StaffContext, id: string, body: unknown): Promise<ListingView> => {
    const current = await admin.find(staff.tenantId, id);
    if (!current) throw listingUnknown();
    const change = parseListingTranslations(body, current.language, t);
    const listing = await admin.translate(staff.tenantId, id, change, staff.actor);
    if (!listing) throw listingUnknown();
    const languages = Object.keys(listing.translations ?? {}).join(',') || 'none';
    await audit.recordCitizenItem(staff.tenantId, staff.actor, 'listing.translated', { type: 'listing', id }, { language: listing.language, translations: languages });
    return listing;
  };
}

/** /console/marketplace/<id>: one listing with its "Übersetzungen" (pending and approved alike). */
export function addListingTranslationPages(router: Router, kit: ConsolePageKit, admin: MarketplaceAdmin): void {
  const { views, t } = kit;
  const translate = listingTranslationAction(admin, kit.audit, t);
  const guard = requirePermission('marketplace');
  const show = async (req: Request, res: Response, data: { values?: Record<string, unknown>; errors?: Record<string, string> } = {}, status = 200): Promise<void> => {
    const listing = await admin.find(staffOf(res).tenantId, param(req, 'id'));
    if (!listing) throw listingUnknown();
    // After a failed save the form shows what was typed, for the language chosen in it.
    const values = data.values ?? listingFormValues(listing);
    const language = typeof values['language'] === 'string' && (LISTING_LANGUAGES as readonly string[]).includes(values['language']) ? (values['language'] as ListingView['language']) : listing.language;
    views.render(
      res,
      LISTING_VIEW,
      {
        title: t('marketplaceConsole:translate.title'),
        listing,
        languages: LISTING_LANGUAGES,
        translationLocales: translationLocalesOf(language),
        translationInput,
        values,
        errors: data.errors ?? {},
        notice: noticeOf(req, t, ['translated'], 'marketplaceConsole:notices.'),
      },
      status,
    );
  };
  router.get('/marketplace/:id', guard, handle(async (req, res) => show(req, res)));
  router.post(
    '/marketplace/:id/translations',
    guard,
    handle(async (req, res) => {
      const id = param(req, 'id');
      try {
        await translate(staffOf(res), id, req.body);
        res.redirect(303, `/console/marketplace/${encodeURIComponent(id)}?notice=translated`);
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        await show(req, res, { values: (req.body ?? {}) as Record<string, unknown>, errors: error.errors }, 422);
      }
    }),
  );
}

/** PUT /api/admin/marketplace/listings/:id/translations with `{ translations: { en: { title, description } }, language? }`. */
export function addListingTranslationApi(router: Router, kit: ConsolePageKit, admin: MarketplaceAdmin): void {
  const translate = listingTranslationAction(admin, kit.audit, kit.t);
  router.put('/marketplace/listings/:id/translations', requirePermission('marketplace'), handle(async (req, res) => void res.json(await translate(staffOf(res), param(req, 'id'), req.body))));
}
