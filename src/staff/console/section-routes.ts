import type { Request, Response, Router } from 'express';
import { can } from '../accounts/staff-user.js';
import { toCsv, type ContentSection } from '../content/content-section.js';
import { handle } from '../http/async-handler.js';
import { submitOnce } from '../http/form-nonces.js';
import { noticeOf, param } from '../http/request-helpers.js';
import { requirePermission } from '../http/session-auth.js';
import { itemNotFound } from '../http/staff-error.js';
import { staffOf } from '../http/staff-context.js';
import type { ConsoleRouterDeps } from './console-router-deps.js';
import { FormError } from '../operations/staff-operations.js';
import { TRANSLATION_LOCALES } from '../../platform/i18n/content-translations.js';
import { RIGHT_TO_LEFT } from '../../platform/i18n/date-locales.js';
import { translationInput } from '../content/content-translations-form.js';

/** List, search, create, edit, withdraw and registrations (with CSV) of one kind of content. */
export function addSectionRoutes(router: Router, section: ContentSection, deps: ConsoleRouterDeps): void {
  const { views, operations } = deps;
  const t = views.t;
  const base = `/${section.key}`;
  const title = t(section.title);
  const guard = requirePermission('content');
  const readGuard = requirePermission('content', section.readPermission);
  const showForm = (res: Response, data: { id?: string; values: Record<string, unknown>; errors?: Record<string, string>; status?: string; notice?: string }, status = 200): void =>
    views.render(
      res,
      'content-form',
      {
        title: data.id ? `${title}: ${t('console:content.edit')}` : `${title}: ${t('console:content.new')}`,
        section,
        action: data.id ? `/console${base}/${data.id}` : `/console${base}`,
        errors: {},
        readOnly: !can(staffOf(res).role, 'content'),
        translationLocales: TRANSLATION_LOCALES,
        rightToLeft: RIGHT_TO_LEFT,
        translationInput,
        ...data,
      },
      status,
    );
  const formValues = (body: Record<string, unknown> | undefined): Record<string, unknown> => {
    const values: Record<string, unknown> = {};
    for (const field of section.fields) values[field.name] = body?.[field.name];
    for (const [name, value] of Object.entries(body ?? {})) if (name.startsWith('tr.')) values[name] = value;
    return values;
  };

  router.get(
    base,
    readGuard,
    handle(async (req, res) => {
      const search = typeof req.query['q'] === 'string' ? req.query['q'].slice(0, 100) : undefined;
      const rows = await section.list(staffOf(res).tenantId, search);
      views.render(res, 'content-list', { title, section, rows, search, canEdit: can(staffOf(res).role, 'content'), notice: noticeOf(req, t, ['withdrawn']) });
    }),
  );
  router.get(`${base}/new`, guard, (_req, res) => showForm(res, { values: {} }));
  router.post(
    base,
    guard,
    handle(async (req, res) => {
      try {
        await submitOnce(deps.nonces, req, res, `/console${base}`, async () => {
          const created = await operations.createContent(staffOf(res), section, req.body);
          return `/console${base}/${encodeURIComponent(created.id)}?notice=created`;
        });
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        showForm(res, { values: formValues(req.body), errors: error.errors }, 422);
      }
    }),
  );
  router.get(
    `${base}/:id`,
    readGuard,
    handle(async (req, res) => {
      const item = await section.get(staffOf(res).tenantId, param(req, 'id'));
      if (!item) throw itemNotFound();
      showForm(res, { id: item.row.id, values: item.values, status: item.row.status, notice: noticeOf(req, t, ['created', 'saved']) });
    }),
  );
  router.post(
    `${base}/:id`,
    guard,
    handle(async (req, res) => {
      const id = param(req, 'id');
      try {
        await operations.updateContent(staffOf(res), section, id, req.body);
        res.redirect(303, `/console${base}/${encodeURIComponent(id)}?notice=saved`);
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        showForm(res, { id, values: formValues(req.body), errors: error.errors }, 422);
      }
    }),
  );
  router.post(
    `${base}/:id/withdraw`,
    guard,
    handle(async (req, res) => {
      await operations.withdrawContent(staffOf(res), section, param(req, 'id'));
      res.redirect(303, `/console${base}?notice=withdrawn`);
    }),
  );
  const registrations = async (req: Request, res: Response, exportFormat?: 'csv') => {
    const id = param(req, 'id');
    return { id, table: await operations.registrations(staffOf(res), section, id, exportFormat) };
  };
  router.get(
    `${base}/:id/registrations`,
    readGuard,
    handle(async (req, res) => {
      const { id, table } = await registrations(req, res);
      views.render(res, 'registrations', { title: `${title}: ${t('console:content.registrations')}`, section, id, table });
    }),
  );
  router.get(
    `${base}/:id/registrations.csv`,
    readGuard,
    handle(async (req, res) => {
      const { id, table } = await registrations(req, res, 'csv');
      res
        .set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${section.key}-${id.replace(/[^\w-]/g, '_')}-registrations.csv"`, 'Cache-Control': 'no-store' })
        .send('\uFEFF' + toCsv(table));
    }),
  );
}
