import type { Request, RequestHandler } from 'express';
import { isLocale, isPlainObject } from './client-activity.js';
import type { ConversationRepository } from './conversation-repository.js';
import type { ConversationService } from './conversation-service.js';
import { badArgument, DirectLineError, route } from './directline-error.js';
import type { DirectLineTokens } from './directline-tokens.js';
import type { TenantDirectory } from './tenant-keys.js';
import type { UserTickets } from './user-tickets.js';

export interface TokenRouteDeps {
  tenants: TenantDirectory;
  tickets: UserTickets;
  tokens: DirectLineTokens;
  conversations: ConversationRepository;
  service: ConversationService;
}

interface TokenRequest {
  tenant?: string;
  ticket?: string;
  conversationId?: string;
  start?: string;
  locale?: string;
}

/** Deep-link payloads use Telegram's start alphabet, so one poster link works on both channels. */
const START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * POST /webchat/token: what the demo page and the embedded widget call instead of holding a secret.
 * The browser keeps a signed ticket (its user id) in localStorage and its conversation id in
 * sessionStorage; it gets back a token for that conversation when it is its own, else for a new one.
 * A deep link (`start`) always begins a new conversation, whose greeting carries the payload.
 */
export function createTokenRoute(deps: TokenRouteDeps): RequestHandler {
  return route(async (req, res) => {
    const input = parseTokenRequest(req);
    const keys = input.tenant === undefined ? deps.tenants.first : deps.tenants.get(input.tenant);
    if (!keys) throw new DirectLineError(404, 'UnknownTenant', 'there is no web chat for this tenant');
    const tenantId = keys.tenant.id;
    const knownUser = input.ticket === undefined ? undefined : await deps.tickets.verify(keys, input.ticket);
    const { ticket, userId } = await deps.tickets.issue(keys, knownUser);

    const resumable = input.conversationId !== undefined && input.start === undefined ? await deps.conversations.find(input.conversationId) : null;
    const conversation =
      resumable && resumable.tenantId === tenantId && resumable.userId === userId
        ? resumable
        : await deps.service.create({ tenantId, userId, ...(input.start ? { start: input.start } : {}), ...(input.locale ? { locale: input.locale } : {}) });
    const issued = await deps.tokens.issue({ tenantId, conversationId: conversation._id, userId });
    res.set('Cache-Control', 'no-store').json({
      token: issued.token,
      expires_in: issued.expires_in,
      conversationId: conversation._id,
      ticket,
      domain: `${req.protocol}://${req.get('host') ?? 'localhost'}/v3/directline`,
      // The widget speaks the city's default language until the person chooses one.
      tenant: { id: tenantId, name: keys.tenant.name, locale: keys.tenant.defaultLocale },
    });
  });
}

function parseTokenRequest(req: Request): TokenRequest {
  const body: unknown = req.body ?? {};
  if (!isPlainObject(body)) throw badArgument('the body must be a JSON object');
  const text = (field: string, max: number): string | undefined => {
    const value = body[field];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' || value.length > max) throw badArgument(`${field} must be a string of at most ${max} characters`);
    return value;
  };
  const input: TokenRequest = {};
  const tenant = text('tenant', 64);
  const ticket = text('ticket', 2000);
  const conversationId = text('conversationId', 200);
  const start = text('start', 64);
  const locale = text('locale', 35);
  if (start !== undefined && !START_PAYLOAD.test(start)) throw badArgument('start must be 1-64 letters, digits, _ or -');
  if (locale !== undefined && !isLocale(locale)) throw badArgument('locale must be a language tag such as de-DE');
  if (tenant !== undefined) input.tenant = tenant;
  if (ticket !== undefined) input.ticket = ticket;
  if (conversationId !== undefined) input.conversationId = conversationId;
  if (start !== undefined) input.start = start;
  if (locale !== undefined) input.locale = locale;
  return input;
}
