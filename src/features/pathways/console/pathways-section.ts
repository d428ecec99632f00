import { z } from 'zod';
import type { PathwayService, PathwayInput } from '../domain/pathway-service.js';
import { DEGREES, FIELDS, GERMAN_LEVELS, PATHWAY_KINDS, SITUATIONS, type Pathway } from '../domain/pathway.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import type { ContentRow, ContentSection, FormValues } from '../../../staff/content/content-section.js';
import { checkbox, choice, choices, localDateTimeValue, optionalChoice, optionalDateTime, optionalEmail, optionalText, optionalUrl, options, requiredText } from '../../../staff/content/form-fields.js';
import type { PersonLookup } from '../../../staff/content/person-lookup.js';
import { translationValues } from '../../../staff/content/content-translations-form.js';
import { keptTranslations } from './pathway-translations-kept.js';

const pathwayForm = z.object({
  title: requiredText(160),
  provider: requiredText(200),
  kind: choice(PATHWAY_KINDS),
  summary: requiredText(1500),
  fields: choices(FIELDS),
  situations: choices(SITUATIONS),
  minDegree: optionalChoice(DEGREES),
  minGerman: optionalChoice(GERMAN_LEVELS),
  duration: requiredText(120),
  pay: requiredText(200),
  partTimePossible: checkbox(),
  childcareFriendly: checkbox(),
  district: optionalText(80),
  online: checkbox(),
  startsAt: optionalDateTime(),
  nextStep: requiredText(500),
  contactName: optionalText(120),
  contactPhone: optionalText(60),
  contactEmail: optionalEmail(),
  contactUrl: optionalUrl(),
});
type PathwayForm = z.infer<typeof pathwayForm>;

function toInput(form: PathwayForm, before?: Pathway): PathwayInput {
  return {
    title: form.title,
    provider: form.provider,
    kind: form.kind,
    summary: form.summary,
    fields: form.fields,
    situations: form.situations,
    // Requirements the console does not edit (catch-up offers, ages) are kept as they were.
    // Never empty: the store drops empty objects, and the chat's ranking reads requirements.minDegree
    // ("none" = no school degree needed, the same as leaving it blank).
    requirements: { ...before?.requirements, minDegree: form.minDegree ?? 'none', minGerman: form.minGerman },
    ...(before?.teachesGermanTo ? { teachesGermanTo: before.teachesGermanTo } : {}),
    duration: form.duration,
    pay: form.pay,
    partTimePossible: form.partTimePossible,
    childcareFriendly: form.childcareFriendly,
    location: { ...(form.district ? { district: form.district } : {}), online: form.online },
    startsAt: form.startsAt,
    nextStep: form.nextStep,
    contact: {
      ...before?.contact,
      // Never empty either: without a contact person the provider is the contact.
      name: form.contactName ?? (form.contactPhone || form.contactEmail || form.contactUrl ? undefined : form.provider),
      phone: form.contactPhone,
      email: form.contactEmail,
      url: form.contactUrl,
    },
  };
}

const checked = (value: boolean): string[] => (value ? ['true'] : []);

function valuesOf(pathway: Pathway): FormValues {
  return {
    title: pathway.title,
    provider: pathway.provider,
    kind: pathway.kind,
    summary: pathway.summary,
    fields: pathway.fields,
    situations: pathway.situations,
    minDegree: pathway.requirements?.minDegree ?? '',
    minGerman: pathway.requirements?.minGerman ?? '',
    duration: pathway.duration,
    pay: pathway.pay,
    partTimePossible: checked(pathway.partTimePossible),
    childcareFriendly: checked(pathway.childcareFriendly),
    district: pathway.location?.district ?? '',
    online: checked(pathway.location?.online ?? false),
    startsAt: localDateTimeValue(pathway.startsAt),
    nextStep: pathway.nextStep,
    contactName: pathway.contact?.name ?? '',
    contactPhone: pathway.contact?.phone ?? '',
    contactEmail: pathway.contact?.email ?? '',
    contactUrl: pathway.contact?.url ?? '',
    ...translationValues(pathway.translations),
  };
}

/** Employment pathways (journey 5) through the pathways feature's service; registrations are the people who saved a pathway. */
export function pathwaysSection(service: PathwayService, people: PersonLookup, t: Translate): ContentSection<PathwayForm> {
  const yes = (label: string) => [{ value: 'true', label }];
  const rowOf = (pathway: Pathway, saved: number): ContentRow => ({
    id: pathway._id,
    title: pathway.title,
    status: pathway.status,
    when: pathway.startsAt ?? pathway.updatedAt,
    detail: `${pathway.provider} · ${t(`pathways:kind.${pathway.kind}`)}`,
    registrations: saved,
  });
  return {
    key: 'pathways',
    itemType: 'pathway',
    readPermission: 'pathway-requests',
    title: 'pathwaysConsole:nav',
    schema: pathwayForm,
    fields: [
      { name: 'title', label: 'console:fields.title', type: 'text', required: true, translatable: true, maxLength: 160 },
      { name: 'provider', label: 'pathwaysConsole:fields.provider', type: 'text', required: true },
      { name: 'kind', label: 'pathwaysConsole:fields.kind', type: 'select', required: true, options: options(PATHWAY_KINDS, (value) => t(`pathways:kind.${value}`)) },
      { name: 'summary', label: 'pathwaysConsole:fields.summary', type: 'textarea', required: true, translatable: true, maxLength: 1500 },
      { name: 'fields', label: 'pathwaysConsole:fields.workFields', type: 'checkboxes', options: options(FIELDS, (value) => t(`pathways:field.${value}`)), hint: 'pathwaysConsole:hints.emptyMeansAll' },
      { name: 'situations', label: 'pathwaysConsole:fields.situations', type: 'checkboxes', options: options(SITUATIONS, (value) => t(`pathways:situation.${value}`)), hint: 'pathwaysConsole:hints.emptyMeansAll' },
      { name: 'minDegree', label: 'pathwaysConsole:fields.minDegree', type: 'select', options: options(DEGREES, (value) => t(`pathways:degree.${value}`)) },
      { name: 'minGerman', label: 'pathwaysConsole:fields.minGerman', type: 'select', options: options(GERMAN_LEVELS, (value) => t(`pathways:german.${value}`)) },
      { name: 'duration', label: 'pathwaysConsole:fields.duration', type: 'text', required: true, translatable: true, maxLength: 120 },
      { name: 'pay', label: 'pathwaysConsole:fields.pay', type: 'text', required: true, translatable: true, maxLength: 200 },
      { name: 'partTimePossible', label: 'pathwaysConsole:fields.partTime', type: 'checkboxes', options: yes(t('pathwaysConsole:fields.partTimeYes')) },
      { name: 'childcareFriendly', label: 'pathwaysConsole:fields.childcare', type: 'checkboxes', options: yes(t('pathwaysConsole:fields.childcareYes')) },
      { name: 'district', label: 'console:fields.district', type: 'text' },
      { name: 'online', label: 'console:fields.online', type: 'checkboxes', options: yes(t('console:fields.onlineYes')) },
      { name: 'startsAt', label: 'pathwaysConsole:fields.nextStart', type: 'datetime-local', hint: 'pathwaysConsole:hints.anyTime' },
      { name: 'nextStep', label: 'pathwaysConsole:fields.nextStep', type: 'textarea', required: true, translatable: true, maxLength: 500 },
      { name: 'contactName', label: 'console:fields.contactName', type: 'text' },
      { name: 'contactPhone', label: 'console:fields.contactPhone', type: 'text' },
      { name: 'contactEmail', label: 'console:fields.contactEmail', type: 'email' },
      { name: 'contactUrl', label: 'pathwaysConsole:fields.contactUrl', type: 'url' },
    ],
    async list(tenantId, search) {
      const [pathways, saved] = await Promise.all([service.list(tenantId, { search }), service.savedCounts(tenantId)]);
      return pathways.map((pathway) => rowOf(pathway, saved[pathway._id] ?? 0));
    },
    async get(tenantId, id) {
      const pathway = await service.get(tenantId, id);
      if (!pathway) return null;
      const saved = await service.savedCounts(tenantId);
      return { row: rowOf(pathway, saved[id] ?? 0), values: valuesOf(pathway) };
    },
    async create(tenantId, form, _actor, translations) {
      const pathway = await service.create(tenantId, { ...toInput(form), ...(translations ? { translations } : {}) });
      return { id: pathway._id, title: pathway.title };
    },
    async update(tenantId, id, form, _actor, translations) {
      const before = await service.get(tenantId, id);
      if (!before) return false;
      return (await service.update(tenantId, id, { ...toInput(form, before), translations: keptTranslations(translations, before.translations) })) !== null;
    },
    async withdraw(tenantId, id) {
      return (await service.withdraw(tenantId, id)) !== null;
    },
    async registrations(tenantId, id) {
      if (!(await service.get(tenantId, id))) return null;
      const requests = await service.listRequests(tenantId, id);
      const rows = await Promise.all(
        requests.map(async (request) => {
          // Purpose limitation: no first name from the volunteer profile here (see PersonLookup).
          const person = await people.describeWithoutName(tenantId, request.profileId);
          return [localDateTimeValue(request.savedAt).replace('T', ' '), request.remindAt ? localDateTimeValue(request.remindAt).replace('T', ' ') : '', person.channel, person.language, person.id];
        }),
      );
      return {
        columns: [t('pathwaysConsole:registrations.saved'), t('pathwaysConsole:registrations.reminder'), t('console:registrations.channel'), t('console:registrations.language'), t('console:registrations.person')],
        rows,
      };
    },
  };
}
