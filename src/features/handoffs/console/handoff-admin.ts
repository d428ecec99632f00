import { staffError } from '../../../staff/http/staff-error.js';
import { HandoffError, type HandoffService } from '../domain/handoff-service.js';
import type { HandoffRequest } from '../domain/handoff.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import type { Actor } from '../../../staff/audit/audit-log.js';
import { familyKey } from '../../../platform/i18n/translation-keys.js';
import type { StaffNameLookup } from '../../../staff/console/console-contribution.js';

/** How a staff reply reached the person. */
export type HandoffDelivery = 'sent' | 'unreachable' | 'failed';

export interface HandoffMessageView {
  from: 'person' | 'staff';
  text: string;
  at: Date;
  author?: string;
}

export interface HandoffView {
  id: string;
  topic: string;
  status: string;
  createdAt: Date;
  claimedBy?: string;
  /** Whether the person agreed to share their answers (without consent only channel and language show). */
  shared: boolean;
  /** The answers the person agreed to share, as label → value. */
  answers: Array<{ label: string; value: string }>;
  messages: HandoffMessageView[];
}

export interface HandoffAdmin {
  list(tenantId: string, status?: 'open' | 'all'): Promise<HandoffView[]>;
  get(tenantId: string, id: string): Promise<HandoffView | null>;
  /** How many requests wait (open or claimed), and the oldest `limit` of them. */
  waiting(tenantId: string, limit: number): Promise<{ count: number; oldest: HandoffView[] }>;
  claim(tenantId: string, id: string, actor: Actor): Promise<HandoffView | null>;
  /** Delivers the reply in the person's chat (or keeps it for the web chat); 'unreachable' when blocked. */
  reply(tenantId: string, id: string, text: string, actor: Actor): Promise<{ view: HandoffView; delivery: HandoffDelivery } | null>;
  close(tenantId: string, id: string, actor: Actor): Promise<HandoffView | null>;
}

const list = (values: readonly string[] | undefined, label: (value: string) => string): string => (values ?? []).map(label).join(', ');

/** The shared answers as label → value, in the staff's language. */
function answersOf(request: HandoffRequest, t: Translate): HandoffView['answers'] {
  const answers: HandoffView['answers'] = [
    { label: t('handoffConsole:channel'), value: t(`console:channels.${request.channel}`) },
    { label: t('handoffConsole:language'), value: t(`console:languages.${request.language}`) },
  ];
  if (!request.consentToShare) return answers;
  const questionnaire = request.sharedAnswers?.questionnaire;
  if (questionnaire) {
    if (questionnaire.situation) answers.push({ label: t('handoffConsole:sharedAnswers.situation'), value: t(`pathways:situation.${questionnaire.situation}`) });
    if (questionnaire.fields?.length) answers.push({ label: t('handoffConsole:sharedAnswers.fields'), value: list(questionnaire.fields, (value) => t(familyKey('pathways:field.', value))) });
    if (questionnaire.degree) answers.push({ label: t('handoffConsole:sharedAnswers.degree'), value: t(`pathways:degree.${questionnaire.degree}`) });
    if (questionnaire.german) answers.push({ label: t('handoffConsole:sharedAnswers.german'), value: t(`pathways:german.${questionnaire.german}`) });
    if (questionnaire.constraints?.length) answers.push({ label: t('handoffConsole:sharedAnswers.constraints'), value: list(questionnaire.constraints, (value) => t(familyKey('pathways:constraint.', value))) });
    if (questionnaire.start) answers.push({ label: t('handoffConsole:sharedAnswers.start'), value: t(`pathways:start.${questionnaire.start}`) });
  }
  const saved = request.sharedAnswers?.savedPathways;
  if (saved?.length) answers.push({ label: t('handoffConsole:sharedAnswers.savedPathways'), value: saved.map((pathway) => pathway.title).join(', ') });
  return answers;
}

/** The handoff inbox through the handoffs feature's service: replies reach the person in their chat. */
export function handoffAdmin(service: HandoffService, t: Translate, staffName: StaffNameLookup): HandoffAdmin {
  const view = async (request: HandoffRequest): Promise<HandoffView> => ({
    id: request._id,
    topic: request.topic === 'other' && request.topicText ? request.topicText : t(`handoff:topic.${request.topic}`),
    status: request.status,
    createdAt: request.createdAt,
    ...(request.claimedBy ? { claimedBy: (await staffName(request.tenantId, request.claimedBy)) ?? request.claimedBy } : {}),
    shared: request.consentToShare,
    answers: answersOf(request, t),
    messages: request.messages.map((message) => ({ from: message.from, text: message.text, at: message.at, ...(message.staffName ? { author: message.staffName } : {}) })),
  });
  const refusals = async <T>(action: () => Promise<T>): Promise<T | null> => {
    try {
      return await action();
    } catch (error) {
      if (error instanceof HandoffError) {
        if (error.code === 'not-found') return null;
        if (error.code === 'claimed-by-other') throw staffError(409, 'Conflict', 'handoffConsole:errors.claimedByOther', 'another staff member has taken over this request');
        throw staffError(422, 'BadArgument', 'handoffConsole:errors.handoffRefused', error.code);
      }
      throw error;
    }
  };
  return {
    async list(tenantId, status = 'open') {
      const requests = status === 'all' ? await service.list(tenantId) : await service.listOpen(tenantId);
      return Promise.all(requests.map(view));
    },
    async waiting(tenantId, limit) {
      const [count, oldest] = await Promise.all([service.countOpen(tenantId), service.listOpen(tenantId, { limit })]);
      return { count, oldest: await Promise.all(oldest.map(view)) };
    },
    async get(tenantId, id) {
      const request = await service.get(tenantId, id);
      return request ? view(request) : null;
    },
    async claim(tenantId, id, actor) {
      const request = await refusals(() => service.claim(tenantId, id, actor.id));
      return request ? view(request) : null;
    },
    async reply(tenantId, id, text, actor) {
      // 'failed' (saved in the thread, not sent) comes from the service: the reply must not be sent again by hand.
      const result = await refusals(() => service.reply(tenantId, id, { id: actor.id, name: actor.name ?? '' }, text));
      return result ? { view: await view(result.request), delivery: result.delivery } : null;
    },
    async close(tenantId, id, actor) {
      const request = await refusals(() => service.close(tenantId, id, actor.id));
      return request ? view(request) : null;
    },
  };
}
