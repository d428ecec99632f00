import type { Request, Response, Router } from 'express';
import { BroadcastError, type AudienceSize, type Broadcast } from '../domain/broadcast.js';
import { can } from '../../../staff/accounts/staff-user.js';
import { BroadcastConsole, type BroadcastConsoleDeps } from './broadcast-console.js';
import { parseComposer, valuesOfBroadcast, emptyComposerValues, type ComposerResult } from './broadcast-form.js';
import { broadcastNotFound, problemOf } from './broadcast-problems.js';
import { doneOf, sizeLines, statusLabel } from './broadcast-page.js';
import type { FormValues } from '../../../staff/content/content-section.js';
import { handle } from '../../../staff/http/async-handler.js';
import { submitOnce } from '../../../staff/http/form-nonces.js';
import { param } from '../../../staff/http/request-helpers.js';
import { requirePermission } from '../../../staff/http/session-auth.js';
import { staffOf } from '../../../staff/http/staff-context.js';
import { staffError } from '../../../staff/http/staff-error.js';
import { addBroadcastControlRoutes } from './broadcast-control-routes.js';
import { addBroadcastSettingsRoutes } from './broadcast-settings-routes.js';
import { translateErrors } from '../../../staff/operations/forms.js';

/** How many broadcasts the list shows (newest first). */
const LIST_LIMIT = 50;

/**
 * The broadcast pages at /console/broadcasts: list and composer here; a broadcast's page with its
 * actions and live progress in broadcast-control-routes.ts; the city's settings and the staff
 * member's own test chat in broadcast-settings-routes.ts. Editors and admins only.
 */
export function addBroadcastRoutes(router: Router, deps: BroadcastConsoleDeps): void {
  const bc = new BroadcastConsole(deps);
  // Fixed paths first: /broadcasts/settings and /broadcasts/my-chat are no broadcast ids.
  addBroadcastSettingsRoutes(router, bc);
  addComposerRoutes(router, bc);
  addBroadcastControlRoutes(router, bc);
}

/** Audit details of a saved broadcast: what kind of message, never who receives it. */
function detailsOf(broadcast: Broadcast): string {
  return [`topic=${broadcast.topic}`, `languages=${Object.keys(broadcast.texts).join(',')}`, `button=${broadcast.button?.kind ?? 'none'}`, `longText=${broadcast.longText}`].join('; ');
}

function addComposerRoutes(router: Router, bc: BroadcastConsole): void {
  const t = bc.t;
  const guard = requirePermission('broadcasts');
  const pageOf = (id: string): string => `/console/broadcasts/${encodeURIComponent(id)}`;

  router.get(
    '/broadcasts',
    guard,
    handle(async (req, res) => {
      const staff = staffOf(res);
      const items = await bc.broadcasts.list(staff.tenantId, { limit: LIST_LIMIT });
      const rows = await Promise.all(
        items.map(async (broadcast) => {
          const progress = broadcast.fannedOutAt ? await bc.broadcasts.progress(staff.tenantId, broadcast._id) : undefined;
          return {
            id: broadcast._id,
            title: broadcast.title,
            topic: bc.topicTitle(broadcast.topic),
            status: statusLabel(bc, broadcast.status),
            sendAt: broadcast.sendAt,
            sent: progress ? `${progress.sent} / ${progress.total}` : '–',
            done: progress ? doneOf(progress) : 0,
          };
        }),
      );
      bc.render(res, 'broadcasts', { title: t('broadcastsConsole:nav'), rows, limit: LIST_LIMIT, canSettings: can(staff.role, 'staff'), notice: bc.noticeOf(req.query['notice']) });
    }),
  );

  const showComposer = async (res: Response, data: { id?: string; values: FormValues; errors?: Record<string, string>; size?: AudienceSize; problem?: string }, status = 200): Promise<void> => {
    const staff = staffOf(res);
    const options = await bc.composerOptions(staff.tenantId, data.values);
    bc.render(
      res,
      'broadcast-form',
      {
        title: data.id ? t('broadcastsConsole:composer.editTitle') : t('broadcastsConsole:composer.newTitle'),
        action: data.id ? pageOf(data.id) : '/console/broadcasts',
        ...options,
        ...data,
        errors: translateErrors(data.errors ?? {}, t),
        sizeLines: data.size ? sizeLines(bc, data.size) : [],
      },
      status,
    );
  };

  /** "Zielgruppe zählen": the audience of the typed filter, the form as it was (nothing saved). */
  const count = async (res: Response, parsed: ComposerResult, id?: string): Promise<void> => {
    const audience = parsed.ok ? { topic: parsed.input.topic, filter: parsed.input.audience } : parsed.audience;
    if (!audience) {
      const errors = parsed.ok ? {} : Object.fromEntries(Object.entries(parsed.errors).filter(([field]) => field === 'topic' || field.startsWith('audience.')));
      return showComposer(res, { id, values: parsed.values, errors }, 422);
    }
    const size = await bc.broadcasts.audienceSize(staffOf(res).tenantId, audience.topic, audience.filter);
    await showComposer(res, { id, values: parsed.values, size });
  };

  const refused = async (res: Response, error: unknown, values: FormValues, id?: string): Promise<void> => {
    if (!(error instanceof BroadcastError)) throw error;
    if (error.code === 'not-found') throw broadcastNotFound();
    const problem = problemOf(error, t, bc.defaultLocale(staffOf(res).tenantId));
    await showComposer(res, { id, values, errors: problem.errors, problem: problem.problem }, problem.status);
  };

  router.get('/broadcasts/new', guard, handle(async (_req, res) => showComposer(res, { values: emptyComposerValues() })));

  router.post(
    '/broadcasts',
    guard,
    handle(async (req, res) => {
      const staff = staffOf(res);
      const parsed = parseComposer(req.body, bc.composerContext(staff.tenantId));
      if (req.body?.intent === 'count') return count(res, parsed);
      if (!parsed.ok) return showComposer(res, { values: parsed.values, errors: parsed.errors }, 422);
      try {
        await submitOnce(bc.nonces, req, res, '/console/broadcasts', async () => {
          const created = await bc.broadcasts.create(staff.tenantId, bc.refOf(staff), parsed.input);
          await bc.record(staff, 'created', created, detailsOf(created));
          return `${pageOf(created._id)}?notice=created`;
        });
      } catch (error) {
        await refused(res, error, parsed.values);
      }
    }),
  );

  const editable = async (req: Request, res: Response): Promise<Broadcast> => {
    const broadcast = await bc.broadcasts.get(staffOf(res).tenantId, param(req, 'id'));
    if (!broadcast) throw broadcastNotFound();
    if (broadcast.status !== 'draft' && broadcast.status !== 'awaiting-approval') throw staffError(409, 'Conflict', 'broadcastsConsole:errors.not-editable', 'only drafts can be edited');
    return broadcast;
  };

  router.get(
    '/broadcasts/:id/edit',
    guard,
    handle(async (req, res) => {
      const broadcast = await editable(req, res);
      await showComposer(res, { id: broadcast._id, values: valuesOfBroadcast(broadcast, bc.composerContext(staffOf(res).tenantId)) });
    }),
  );

  router.post(
    '/broadcasts/:id',
    guard,
    handle(async (req, res) => {
      const staff = staffOf(res);
      const id = param(req, 'id');
      const parsed = parseComposer(req.body, bc.composerContext(staff.tenantId));
      if (req.body?.intent === 'count') return count(res, parsed, id);
      if (!parsed.ok) return showComposer(res, { id, values: parsed.values, errors: parsed.errors }, 422);
      try {
        const updated = await bc.broadcasts.update(staff.tenantId, id, bc.refOf(staff), parsed.input);
        await bc.record(staff, 'updated', updated, detailsOf(updated));
        res.redirect(303, `${pageOf(id)}?notice=saved`);
      } catch (error) {
        await refused(res, error, parsed.values, id);
      }
    }),
  );
}
