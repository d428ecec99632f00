import { z } from 'zod';
import type { OpportunityService } from '../domain/opportunities/opportunity-service.js';
import type { Opportunity, OpportunityInput } from '../domain/opportunities/opportunity.js';
import { INTERESTS, TIME_SLOTS } from '../domain/volunteers/volunteer-profile.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { matchesSearch, type ContentRow, type ContentSection, type FormValues } from '../../../staff/content/content-section.js';
import { checkbox, choices, integer, localDateTimeValue, optionalDateTime, optionalEmail, optionalInteger, optionalText, options, requiredText } from '../../../staff/content/form-fields.js';
import type { PersonLookup } from '../../../staff/content/person-lookup.js';
import { translationValues } from '../../../staff/content/content-translations-form.js';

const deedForm = z
  .object({
    title: requiredText(120),
    organisation: requiredText(120),
    description: requiredText(2000),
    district: optionalText(80),
    online: checkbox(),
    startsAt: optionalDateTime(),
    endsAt: optionalDateTime(),
    timeNeeded: requiredText(120),
    hoursPerMonth: optionalInteger(0, 200),
    slots: choices(TIME_SLOTS),
    interests: choices(INTERESTS),
    skills: optionalText(600),
    places: integer(1, 10_000),
    contactName: requiredText(120),
    contactEmail: optionalEmail(),
    contactPhone: optionalText(60),
  })
  .superRefine((input, context) => {
    if (input.endsAt && !input.startsAt) context.addIssue({ code: 'custom', path: ['startsAt'], message: 'console:errors.required' });
    if (input.endsAt && input.startsAt && input.endsAt <= input.startsAt) context.addIssue({ code: 'custom', path: ['endsAt'], message: 'console:errors.endsBeforeStart' });
    if (!input.online && !input.district) context.addIssue({ code: 'custom', path: ['district'], message: 'console:errors.districtOrOnline' });
  });
type DeedForm = z.infer<typeof deedForm>;

function toInput(form: DeedForm): OpportunityInput {
  return {
    title: form.title,
    organisation: form.organisation,
    description: form.description,
    district: form.district,
    online: form.online,
    startsAt: form.startsAt,
    endsAt: form.endsAt,
    timeNeeded: form.timeNeeded,
    hoursPerMonth: form.hoursPerMonth,
    slots: form.slots,
    interests: form.interests,
    skills: (form.skills ?? '')
      .split(',')
      .map((skill) => skill.trim())
      .filter(Boolean)
      .slice(0, 20)
      .map((skill) => skill.slice(0, 60)),
    places: form.places,
    contact: { name: form.contactName, ...(form.contactEmail ? { email: form.contactEmail } : {}), ...(form.contactPhone ? { phone: form.contactPhone } : {}) },
  };
}

function valuesOf(deed: Opportunity): FormValues {
  return {
    title: deed.title,
    organisation: deed.organisation,
    description: deed.description,
    district: deed.district ?? '',
    online: deed.online ? ['true'] : [],
    startsAt: localDateTimeValue(deed.startsAt),
    endsAt: localDateTimeValue(deed.endsAt),
    timeNeeded: deed.timeNeeded,
    hoursPerMonth: deed.hoursPerMonth === undefined ? '' : String(deed.hoursPerMonth),
    slots: deed.slots,
    interests: deed.interests,
    skills: deed.skills.join(', '),
    places: String(deed.places),
    contactName: deed.contact.name,
    contactEmail: deed.contact.email ?? '',
    contactPhone: deed.contact.phone ?? '',
    ...translationValues(deed.translations),
  };
}

/** Good deeds (journey 3) through the volunteering feature's OpportunityService. */
export function deedsSection(service: OpportunityService, people: PersonLookup, t: Translate): ContentSection<DeedForm> {
  const rowOf = (deed: Opportunity, registered: number): ContentRow => ({
    id: deed._id,
    title: deed.title,
    status: deed.status,
    when: deed.startsAt ?? deed.updatedAt,
    detail: `${deed.organisation} · ${deed.online ? 'online' : (deed.district ?? '')} · ${registered}/${deed.places}`,
    registrations: registered,
  });
  const find = async (tenantId: string, id: string) => {
    const opportunity = await service.findOpportunity(tenantId, id);
    return opportunity ? { opportunity, registrations: await service.registrationsOfOpportunity(tenantId, id) } : null;
  };
  return {
    key: 'deeds',
    itemType: 'deed',
    title: 'volunteeringConsole:nav',
    schema: deedForm,
    fields: [
      { name: 'title', label: 'console:fields.title', type: 'text', required: true, translatable: true, maxLength: 120 },
      { name: 'organisation', label: 'volunteeringConsole:fields.organisation', type: 'text', required: true },
      { name: 'description', label: 'console:fields.description', type: 'textarea', required: true, translatable: true, maxLength: 2000 },
      { name: 'district', label: 'console:fields.district', type: 'text', hint: 'volunteeringConsole:hints.districtOrOnline' },
      { name: 'online', label: 'console:fields.online', type: 'checkboxes', options: [{ value: 'true', label: t('console:fields.onlineYes') }] },
      { name: 'startsAt', label: 'console:fields.startsAt', type: 'datetime-local', hint: 'volunteeringConsole:hints.ongoing' },
      { name: 'endsAt', label: 'console:fields.endsAt', type: 'datetime-local' },
      { name: 'timeNeeded', label: 'volunteeringConsole:fields.timeNeeded', type: 'text', required: true, hint: 'volunteeringConsole:hints.timeNeeded', translatable: true, maxLength: 120 },
      { name: 'hoursPerMonth', label: 'volunteeringConsole:fields.hoursPerMonth', type: 'number' },
      { name: 'slots', label: 'volunteeringConsole:fields.slots', type: 'checkboxes', options: options(TIME_SLOTS, (value) => t(`volunteering:slots.${value}`)) },
      { name: 'interests', label: 'volunteeringConsole:fields.interests', type: 'checkboxes', options: options(INTERESTS, (value) => t(`volunteering:interests.${value}`)) },
      { name: 'skills', label: 'volunteeringConsole:fields.skills', type: 'text', hint: 'volunteeringConsole:hints.commaList' },
      { name: 'places', label: 'volunteeringConsole:fields.places', type: 'number', required: true },
      { name: 'contactName', label: 'console:fields.contactName', type: 'text', required: true },
      { name: 'contactEmail', label: 'console:fields.contactEmail', type: 'email' },
      { name: 'contactPhone', label: 'console:fields.contactPhone', type: 'text' },
    ],
    async list(tenantId, search) {
      const entries = await service.listWithRegistrations(tenantId);
      return entries
        .filter(({ opportunity }) => matchesSearch(search, opportunity.title, opportunity.organisation, opportunity.description, opportunity.district))
        .map(({ opportunity, registrations }) => rowOf(opportunity, registrations.filter((registration) => registration.status === 'registered').length))
        .sort((a, b) => (b.when?.getTime() ?? 0) - (a.when?.getTime() ?? 0));
    },
    async get(tenantId, id) {
      const entry = await find(tenantId, id);
      return entry ? { row: rowOf(entry.opportunity, entry.registrations.filter((registration) => registration.status === 'registered').length), values: valuesOf(entry.opportunity) } : null;
    },
    async create(tenantId, form, _actor, translations) {
      const deed = await service.create(tenantId, { ...toInput(form), ...(translations ? { translations } : {}) });
      return { id: deed._id, title: deed.title };
    },
    async update(tenantId, id, form, _actor, translations) {
      return (await service.update(tenantId, id, { ...toInput(form), translations })) !== null;
    },
    async withdraw(tenantId, id) {
      return (await service.withdrawOpportunity(tenantId, id)) !== null;
    },
    async registrations(tenantId, id) {
      const entry = await find(tenantId, id);
      if (!entry) return null;
      const rows = await Promise.all(
        entry.registrations.map(async (registration) => {
          const person = await people.describe(tenantId, registration.profileId);
          return [
            t(`console:status.${registration.status}`),
            localDateTimeValue(registration.registeredAt).replace('T', ' '),
            person.name,
            person.channel,
            person.language,
            registration.feedback ? String(registration.feedback.rating) : '',
            person.id,
          ];
        }),
      );
      return {
        columns: [t('console:registrations.status'), t('console:registrations.since'), t('volunteeringConsole:registrations.name'), t('console:registrations.channel'), t('console:registrations.language'), t('volunteeringConsole:registrations.rating'), t('console:registrations.person')],
        rows,
      };
    },
  };
}

/** The newest "Ich mache mit" registrations of a city, for the dashboard. */
export async function recentDeedRegistrations(service: OpportunityService, tenantId: string): Promise<Array<{ itemId: string; title: string; at: Date }>> {
  const recent = await service.recentRegistrations(tenantId, 10);
  return recent.map(({ registration, opportunity }) => ({ itemId: registration.opportunityId, title: opportunity?.title ?? '–', at: registration.registeredAt }));
}
