import { z } from 'zod';
import type { WorkshopService, WorkshopChanges, Availability } from '../domain/workshop-service.js';
import type { Workshop } from '../domain/workshop.js';
import { SUPPORTED_LOCALES } from '../../../platform/config/config-types.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { matchesSearch, type ContentRow, type ContentSection, type FormValues } from '../../../staff/content/content-section.js';
import { integer, localDateTimeValue, optionalEmail, optionalPhone, optionalInteger, optionalText, optionalUrl, options, requiredDateTime, requiredText } from '../../../staff/content/form-fields.js';
import type { PersonLookup } from '../../../staff/content/person-lookup.js';
import { translationValues } from '../../../staff/content/content-translations-form.js';

const workshopForm = z
  .object({
    title: requiredText(200),
    description: requiredText(4000),
    seriesTitle: optionalText(200),
    seriesPart: optionalInteger(1, 99),
    startsAt: requiredDateTime(),
    endsAt: requiredDateTime(),
    placeName: optionalText(200),
    placeAddress: optionalText(300),
    onlineUrl: optionalUrl(),
    capacity: integer(1, 10_000),
    language: z.preprocess((value) => (value === '' || value === undefined ? 'de' : value), z.enum(SUPPORTED_LOCALES, { error: 'console:errors.choose' })),
    targetGroup: requiredText(300),
    organiserName: requiredText(200),
    organiserEmail: optionalEmail(),
    organiserPhone: optionalPhone(),
    materialUrl: optionalUrl(),
  })
  .superRefine((input, context) => {
    if (input.endsAt <= input.startsAt) context.addIssue({ code: 'custom', path: ['endsAt'], message: 'console:errors.endsBeforeStart' });
    if (!input.placeName && !input.onlineUrl) context.addIssue({ code: 'custom', path: ['placeName'], message: 'console:errors.placeOrLink' });
    if (input.placeName && !input.placeAddress) context.addIssue({ code: 'custom', path: ['placeAddress'], message: 'console:errors.required' });
    if (input.seriesTitle && input.seriesPart === undefined) context.addIssue({ code: 'custom', path: ['seriesPart'], message: 'console:errors.required' });
  });
type WorkshopForm = z.infer<typeof workshopForm>;

function toChanges(input: WorkshopForm, seriesId: string | undefined, previousOrganiser?: Workshop['organiser']): Required<Pick<WorkshopChanges, 'title' | 'description' | 'startsAt' | 'endsAt' | 'capacity' | 'language' | 'targetGroup' | 'organiser'>> & WorkshopChanges {
  // Merge: fields the form does not know (none today) stay; the form's fields are set or cleared.
  const { email: _email, phone: _phone, ...organiserRest } = previousOrganiser ?? { name: input.organiserName };
  return {
    title: input.title,
    description: input.description,
    series: input.seriesTitle && input.seriesPart && seriesId ? { id: seriesId, title: input.seriesTitle, part: input.seriesPart } : null,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    place: input.placeName && input.placeAddress ? { name: input.placeName, address: input.placeAddress } : null,
    onlineUrl: input.onlineUrl ?? null,
    capacity: input.capacity,
    language: input.language,
    targetGroup: input.targetGroup,
    organiser: {
      ...organiserRest,
      name: input.organiserName,
      ...(input.organiserEmail ? { email: input.organiserEmail } : {}),
      ...(input.organiserPhone ? { phone: input.organiserPhone } : {}),
    },
    materialUrl: input.materialUrl ?? null,
  };
}

function valuesOf(workshop: Workshop): FormValues {
  return {
    title: workshop.title,
    description: workshop.description,
    seriesTitle: workshop.series?.title ?? '',
    seriesPart: workshop.series ? String(workshop.series.part) : '',
    startsAt: localDateTimeValue(workshop.startsAt),
    endsAt: localDateTimeValue(workshop.endsAt),
    placeName: workshop.place?.name ?? '',
    placeAddress: workshop.place?.address ?? '',
    onlineUrl: workshop.onlineUrl ?? '',
    capacity: String(workshop.capacity),
    language: workshop.language,
    targetGroup: workshop.targetGroup,
    organiserName: workshop.organiser.name,
    organiserEmail: workshop.organiser.email ?? '',
    organiserPhone: workshop.organiser.phone ?? '',
    materialUrl: workshop.materialUrl ?? '',
    ...translationValues(workshop.translations),
  };
}

/** Workshops (journey 6) through the workshops feature's service; "withdraw" cancels, and everyone registered is told. */
export function workshopsSection(service: WorkshopService, people: PersonLookup, t: Translate): ContentSection<WorkshopForm> {
  // All workshops of a city, past and cancelled included (the service lists only upcoming ones).
  const rowOf = (workshop: Workshop, availability: Availability): ContentRow => ({
    id: workshop._id,
    title: workshop.title,
    status: workshop.status,
    when: workshop.startsAt,
    detail: [workshop.series ? `${workshop.series.title} · ${workshop.series.part}` : '', `${availability.registered}/${availability.capacity}`, t('workshopsConsole:waiting', { count: availability.waiting })].filter(Boolean).join(' · '),
    registrations: availability.registered + availability.waiting,
  });
  return {
    key: 'workshops',
    itemType: 'workshop',
    title: 'workshopsConsole:nav',
    schema: workshopForm,
    fields: [
      // Translations get the German fields' limits: the chat and the calendar file show them alike. Place
      // and organiser stay German: names people look for on a door or a bell.
      { name: 'title', label: 'console:fields.title', type: 'text', required: true, translatable: true, maxLength: 200 },
      { name: 'description', label: 'console:fields.description', type: 'textarea', required: true, translatable: true, maxLength: 4000 },
      { name: 'seriesTitle', label: 'workshopsConsole:fields.seriesTitle', type: 'text', hint: 'workshopsConsole:hints.seriesTitle', translatable: true, maxLength: 200 },
      { name: 'seriesPart', label: 'workshopsConsole:fields.seriesPart', type: 'number' },
      { name: 'startsAt', label: 'console:fields.startsAt', type: 'datetime-local', required: true },
      { name: 'endsAt', label: 'console:fields.endsAt', type: 'datetime-local', required: true },
      { name: 'placeName', label: 'workshopsConsole:fields.placeName', type: 'text', hint: 'workshopsConsole:hints.placeOrLink' },
      { name: 'placeAddress', label: 'workshopsConsole:fields.placeAddress', type: 'text' },
      { name: 'onlineUrl', label: 'workshopsConsole:fields.onlineUrl', type: 'url' },
      { name: 'capacity', label: 'workshopsConsole:fields.capacity', type: 'number', required: true },
      { name: 'language', label: 'workshopsConsole:fields.language', type: 'select', required: true, options: options(SUPPORTED_LOCALES, (value) => t(`console:languages.${value}`)) },
      { name: 'targetGroup', label: 'workshopsConsole:fields.targetGroup', type: 'text', required: true, translatable: true, maxLength: 300 },
      { name: 'organiserName', label: 'workshopsConsole:fields.organiserName', type: 'text', required: true },
      { name: 'organiserEmail', label: 'workshopsConsole:fields.organiserEmail', type: 'email' },
      { name: 'organiserPhone', label: 'workshopsConsole:fields.organiserPhone', type: 'text', hint: 'workshopsConsole:hints.organiserPhone' },
      { name: 'materialUrl', label: 'workshopsConsole:fields.materialUrl', type: 'url', hint: 'workshopsConsole:hints.materialUrl' },
    ],
    async list(tenantId, search) {
      const shown = (await service.listAll(tenantId)).filter((workshop) => matchesSearch(search, workshop.title, workshop.description, workshop.series?.title, workshop.place?.name));
      // One count of the registrations of every workshop shown, not two per workshop.
      const availability = await service.availabilityOf(tenantId, shown);
      return shown.map((workshop) => rowOf(workshop, availability.get(workshop._id)!));
    },
    async get(tenantId, id) {
      const workshop = await service.get(tenantId, id);
      return workshop ? { row: rowOf(workshop, await service.availability(workshop)), values: valuesOf(workshop) } : null;
    },
    async create(tenantId, input, _actor, translations) {
      const changes = toChanges(input, input.seriesTitle ? await service.seriesIdFor(tenantId, input.seriesTitle) : undefined);
      const workshop = await service.create(tenantId, {
        title: changes.title,
        description: changes.description,
        startsAt: changes.startsAt,
        endsAt: changes.endsAt,
        capacity: changes.capacity,
        language: changes.language,
        targetGroup: changes.targetGroup,
        organiser: changes.organiser,
        ...(changes.series ? { series: changes.series } : {}),
        ...(changes.place ? { place: changes.place } : {}),
        ...(changes.onlineUrl ? { onlineUrl: changes.onlineUrl } : {}),
        ...(changes.materialUrl ? { materialUrl: changes.materialUrl } : {}),
        ...(translations ? { translations } : {}),
      });
      return { id: workshop._id, title: workshop.title };
    },
    async update(tenantId, id, input, _actor, translations) {
      const current = await service.get(tenantId, id);
      if (!current) return false;
      const seriesId = input.seriesTitle ? await service.seriesIdFor(tenantId, input.seriesTitle, current.series) : undefined;
      // The form carries every translation: none sent means none any more.
      const result = await service.update(tenantId, id, { ...toChanges(input, seriesId, current.organiser), translations: translations ?? null });
      return result.status === 'updated';
    },
    async withdraw(tenantId, id) {
      const result = await service.cancelWorkshop(tenantId, id);
      return result.status !== 'not-found';
    },
    async registrations(tenantId, id) {
      const workshop = await service.get(tenantId, id);
      if (!workshop) return null;
      const { registered, waiting } = await service.participants(tenantId, id);
      const rows = await Promise.all(
        [...registered, ...waiting].map(async (registration) => {
          // Purpose limitation: no first name from the volunteer profile here (see PersonLookup).
          const person = await people.describeWithoutName(tenantId, registration.profileId);
          const since = registration.status === 'waiting' ? registration.waitingSince : registration.registeredAt;
          return [t(`console:status.${registration.status}`), since ? localDateTimeValue(since).replace('T', ' ') : '', person.channel, person.language, person.id];
        }),
      );
      return { columns: [t('console:registrations.status'), t('console:registrations.since'), t('console:registrations.channel'), t('console:registrations.language'), t('console:registrations.person')], rows };
    },
  };
}
