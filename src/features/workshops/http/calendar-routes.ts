import { Router } from 'express';
import type { TenantConfig } from '../../../platform/config/config-types.js';
import { HttpError } from '../../../platform/http/http-error.js';
import { isWorkshopId } from '../domain/workshop-repository.js';
import { calendarFileName } from '../domain/workshop-calendar.js';
import type { Workshop } from '../domain/workshop.js';
import type { WorkshopService } from '../domain/workshop-service.js';

/** `/calendar/<tenant>/workshop-<id>.ics`: a workshop's calendar file, in the city's default language. */
export function calendarRoutes(tenants: ReadonlyMap<string, TenantConfig>, service: WorkshopService, calendarFile: (workshop: Workshop) => string): Router {
  const router = Router();
  router.get('/calendar/:tenantId/:file', async (request, response) => {
    const tenantId = String(request.params.tenantId);
    const match = /^workshop-(.+)\.ics$/.exec(String(request.params.file));
    const workshop = tenants.has(tenantId) && match && isWorkshopId(match[1]!) ? await service.get(tenantId, match[1]!) : null;
    if (!workshop) throw new HttpError(404, 'NotFound', 'No workshop with this id');
    response
      .status(200)
      .type('text/calendar; charset=utf-8')
      .set('content-disposition', `attachment; filename="${calendarFileName(workshop)}"`)
      .set('cache-control', 'public, max-age=300')
      .send(calendarFile(workshop));
  });
  return router;
}
