import { WaterfallDialog, type Dialog, type DialogTurnResult, type FoundChoice, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { buttonValueOf, choicePromptOptions, createChoicePrompt, type ButtonChoice } from '../../../bot/choices.js';
import { turnServices, type TurnServices } from '../../../bot/turn-services.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { consented, consentedOf } from '../../../../dialogs/consent-check.js';
import { citiesOf, normaliseDistrict } from '../domain/volunteers/districts.js';
import type { VolunteerAnswer } from '../domain/volunteers/volunteer-profile-repository.js';
import { CONTACT_DETAIL_MAX, INTERESTS, TIME_SLOTS, type ContactWay, type VolunteerField, type VolunteerProfile } from '../domain/volunteers/volunteer-profile.js';
import type { VolunteeringServices } from '../volunteering-services.js';
import { valuesOf, createTextPrompt, isSkipAnswer, skipButton, hoursOf, MAX_ANSWER, textWithButtons } from './volunteering-prompts.js';
import type { TranslationKey } from '../../../platform/i18n/translation-keys.js';
import { typedList } from '../../../platform/text/typed-input.js';

/** The dialog that asks (or asks again) one question of the volunteer profile. */
export function questionDialogId(field: VolunteerField): string {
  return `volunteer.q.${field}`;
}

export interface QuestionOptions {
  /** Asked again from the summary or "Mein Profil" (multi-selects start from the current answer). */
  editing?: boolean;
}

/** The contact question can start at the address or number (after "Ich mache mit", the way is chosen already). */
export interface ContactQuestionOptions extends QuestionOptions {
  way?: Exclude<ContactWay, 'chat'>;
}

interface MultiSelectOptions extends QuestionOptions {
  selected?: string[];
}

const TEXT_PROMPT = 'volunteer.q.text';
const NAME_PROMPT = 'volunteer.q.namePrompt';
const DISTRICT_PROMPT = 'volunteer.q.districtPrompt';
const HOURS_PROMPT = 'volunteer.q.hoursPrompt';
const DETAIL_PROMPT = 'volunteer.q.detailPrompt';
const CHOICE_PROMPT = 'volunteer.q.choice';

const NAME = /^[\p{L}][\p{L}\p{M}' .-]{0,39}$/u;
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,190}\.[a-z]{2,}$/i;
const PHONE = /^\+?[\d][\d\s/()-]{5,24}$/;
const HOUR_BUTTONS = [
  { value: 'h2', hours: 2 },
  { value: 'h5', hours: 5 },
  { value: 'h10', hours: 10 },
  { value: 'h20', hours: 20 },
] as const;

/** Every single-question dialog of the volunteer profile; each writes its answer to the store at once. */
export function volunteerQuestionDialogs(deps: BotDeps, services: VolunteeringServices): Dialog[] {
  const skipItem = (t: Translate): ButtonChoice => skipButton(t, deps);
  const isSkip = (text: string, t: Translate): boolean => isSkipAnswer(text, t, deps);

  async function save(step: WaterfallStepContext, field: VolunteerField, answer: VolunteerAnswer): Promise<DialogTurnResult> {
    const who = await consented(step);
    if (!who) return step.cancelAllDialogs();
    const { turn, profile } = who;
    await services.volunteers.saveAnswer(turn.tenant.id, profile._id, field, answer, services.clock());
    return step.endDialog({ saved: field });
  }

  async function current(turn: TurnServices): Promise<VolunteerProfile | null> {
    const profile = consentedOf(turn);
    return profile ? services.volunteers.find(turn.tenant.id, profile._id) : null;
  }

  // Name (optional)

  const nameDialog = new WaterfallDialog(questionDialogId('name'), [
    async (step) => {
      const { t } = turnServices(step.context);
      return step.prompt(NAME_PROMPT, textWithButtons(t('volunteering:q.name'), t('volunteering:q.nameRetry'), [skipItem(t)]));
    },
    async (step) => {
      const { t } = turnServices(step.context);
      const text = String(step.result).trim().replace(/\s+/g, ' ');
      return save(step, 'name', { firstName: isSkip(text, t) ? undefined : text });
    },
  ]);

  // City and district (buttons of the tenant's districts, free text accepted and tidied up)

  // "Keine Angabe" is also what "weiß nicht", "egal", "no idea" mean: those are no district.
  const noAnswerSynonyms = [...deps.translator.inAllLocales('volunteering:noAnswer'), ...deps.translator.inAllLocales('volunteering:noAnswerWords').flatMap((words) => words.split('|'))];
  const districtItems = (t: Translate, districts: readonly string[]): ButtonChoice[] => [
    ...districts.map((district, index) => ({ value: `d${index}`, title: district })),
    { value: 'none', title: t('volunteering:noAnswer'), synonyms: noAnswerSynonyms },
  ];

  const districtDialog = new WaterfallDialog(questionDialogId('district'), [
    async (step) => {
      const turn = turnServices(step.context);
      const cities = citiesOf(turn.tenant);
      if (cities.length === 1) return step.next({ value: 'c0' } satisfies Partial<FoundChoice>);
      return step.prompt(
        CHOICE_PROMPT,
        choicePromptOptions(turn.t('volunteering:q.city'), turn.t('volunteering:q.cityRetry'), [
          ...cities.map((city, index) => ({ value: `c${index}`, title: city.city })),
          { value: 'other', title: turn.t('volunteering:q.otherCity') },
        ]),
      );
    },
    async (step) => {
      const turn = turnServices(step.context);
      const cities = citiesOf(turn.tenant);
      const choice = (step.result as FoundChoice).value;
      const city = choice === 'other' ? undefined : cities[Number(choice.slice(1))];
      valuesOf(step)['city'] = city?.city;
      valuesOf(step)['districts'] = city?.districts ?? [];
      const districts = city?.districts ?? [];
      const question = city ? turn.t('volunteering:q.district', { city: city.city }) : turn.t('volunteering:q.districtOtherCity');
      return step.prompt(DISTRICT_PROMPT, { ...textWithButtons(question, turn.t('volunteering:q.districtRetry'), districtItems(turn.t, districts)), validations: districts });
    },
    async (step) => {
      const turn = turnServices(step.context);
      const districts = valuesOf(step)['districts'] as string[];
      const text = String(step.result);
      const pressed = buttonValueOf(text, districtItems(turn.t, districts));
      if (pressed === 'none') return save(step, 'district', { city: valuesOf(step)['city'] as string | undefined, district: undefined });
      const district = pressed ? districts[Number(pressed.slice(1))] : normaliseDistrict(text, districts);
      return save(step, 'district', { city: valuesOf(step)['city'] as string | undefined, district: district ?? undefined });
    },
  ]);

  // The validator needs the district list: it is handed over as the prompt's `validations`.
  const districtValidatorPrompt = createTextPrompt(DISTRICT_PROMPT, (text, prompt) => {
    const districts = (prompt.options.validations as string[] | undefined) ?? [];
    const t = turnServices(prompt.context).t;
    if (buttonValueOf(text, districtItems(t, districts))) return true;
    return text.length <= 60 && normaliseDistrict(text, districts) !== null;
  });

  // Interests and time slots: several at once, by buttons and a "fertig" button, or as a typed list

  function multiSelect<Id extends string>(
    field: 'interests' | 'availability',
    ids: readonly Id[],
    keys: { prompt: TranslationKey; title: (id: Id) => TranslationKey; words: (id: Id) => TranslationKey },
    currentOf: (profile: VolunteerProfile | null) => string[],
    answerOf: (values: string[]) => VolunteerAnswer,
  ): WaterfallDialog {
    const dialogId = questionDialogId(field);
    const isId = (value: string): value is Id => (ids as readonly string[]).includes(value);
    const synonymsOf = (id: Id): string[] => [
      ...deps.translator.inAllLocales(keys.title(id)),
      ...deps.translator.inAllLocales(keys.words(id)).flatMap((words) => words.split('|')),
    ];
    const items = (t: Translate, selected: readonly string[]): ButtonChoice[] => [
      ...ids.map((id) => ({ value: id, title: `${selected.includes(id) ? '✓ ' : ''}${t(keys.title(id))}`, synonyms: synonymsOf(id) })),
      { value: 'done', title: t('volunteering:done'), synonyms: deps.translator.inAllLocales('volunteering:done') },
    ];
    const fromTypedList = (text: string): string[] => {
      const parts = typedList(text).map((part) => part.toLocaleLowerCase('de'));
      const found = new Set<string>();
      for (const part of parts) {
        for (const id of ids) {
          const words = synonymsOf(id).map((word) => word.toLocaleLowerCase('de'));
          if (words.some((word) => word === part || (word.length >= 4 && part.includes(word)))) found.add(id);
        }
      }
      return [...found];
    };
    return new WaterfallDialog(dialogId, [
      async (step) => {
        const turn = turnServices(step.context);
        const options = (step.options ?? {}) as MultiSelectOptions;
        const selected = options.selected ?? (options.editing ? currentOf(await current(turn)) : []);
        valuesOf(step)['selected'] = selected;
        const chosen = selected.filter(isId).map((id) => turn.t(keys.title(id))).join(', ');
        const text = `${turn.t(keys.prompt)}${selected.length > 0 ? `\n\n${turn.t('volunteering:selected', { list: chosen })}` : ''}`;
        return step.prompt(TEXT_PROMPT, textWithButtons(text, turn.t('volunteering:notUnderstoodList'), items(turn.t, selected)));
      },
      async (step) => {
        const turn = turnServices(step.context);
        const options = (step.options ?? {}) as MultiSelectOptions;
        const selected = valuesOf(step)['selected'] as string[];
        const text = String(step.result);
        const pressed = buttonValueOf(text, items(turn.t, selected));
        if (pressed === 'done') {
          if (selected.length > 0) return save(step, field, answerOf(selected));
          await step.context.sendActivity(turn.t('volunteering:pickAtLeastOne'));
          return step.replaceDialog(dialogId, { ...options, selected });
        }
        if (pressed) {
          const next = selected.includes(pressed) ? selected.filter((id) => id !== pressed) : [...selected, pressed];
          return step.replaceDialog(dialogId, { ...options, selected: ids.filter((id) => next.includes(id)) });
        }
        const typed = fromTypedList(text);
        if (typed.length > 0) return save(step, field, answerOf(ids.filter((id) => typed.includes(id))));
        await step.context.sendActivity(turn.t('volunteering:notUnderstoodList'));
        return step.replaceDialog(dialogId, { ...options, selected });
      },
    ]);
  }

  const interestsDialog = multiSelect(
    'interests',
    INTERESTS,
    { prompt: 'volunteering:q.interests', title: (id) => `volunteering:interests.${id}`, words: (id) => `volunteering:interestWords.${id}` },
    (profile) => profile?.interests ?? [],
    (values) => ({ interests: values as VolunteerProfile['interests'] }),
  );
  const availabilityDialog = multiSelect(
    'availability',
    TIME_SLOTS,
    { prompt: 'volunteering:q.availability', title: (id) => `volunteering:slots.${id}`, words: (id) => `volunteering:slotWords.${id}` },
    (profile) => profile?.slots ?? [],
    (values) => ({ slots: values as VolunteerProfile['slots'] }),
  );

  // Skills (optional, a typed list)

  const skillsDialog = new WaterfallDialog(questionDialogId('skills'), [
    async (step) => {
      const { t } = turnServices(step.context);
      return step.prompt(TEXT_PROMPT, textWithButtons(t('volunteering:q.skills'), t('volunteering:q.skillsRetry'), [skipItem(t)]));
    },
    async (step) => {
      const { t } = turnServices(step.context);
      const text = String(step.result).trim();
      if (isSkip(text, t)) return save(step, 'skills', { skills: [] });
      const skills = typedList(text)
        .map((skill) => skill.replace(/\s+/g, ' ').slice(0, 60))
        .filter((skill) => skill.length > 0)
        .slice(0, 10);
      return save(step, 'skills', { skills });
    },
  ]);

  // Hours per month

  const hourItems = (t: Translate): ButtonChoice[] => [
    ...HOUR_BUTTONS.map(({ value }) => ({ value, title: t(`volunteering:hours.${value}`) })),
    { value: 'unknown', title: t('volunteering:hours.unknown'), synonyms: deps.translator.inAllLocales('volunteering:hours.unknown') },
  ];

  const hoursDialog = new WaterfallDialog(questionDialogId('hours'), [
    async (step) => {
      const { t } = turnServices(step.context);
      return step.prompt(HOURS_PROMPT, textWithButtons(t('volunteering:q.hours'), t('volunteering:q.hoursRetry'), hourItems(t)));
    },
    async (step) => {
      const { t } = turnServices(step.context);
      const text = String(step.result);
      const pressed = buttonValueOf(text, hourItems(t));
      if (pressed === 'unknown') return save(step, 'hours', { hoursPerMonth: undefined });
      const hours = HOUR_BUTTONS.find((button) => button.value === pressed)?.hours ?? hoursOf(text);
      return save(step, 'hours', { hoursPerMonth: hours ?? undefined });
    },
  ]);
  const hoursPrompt = createTextPrompt(HOURS_PROMPT, (text, prompt) => {
    return buttonValueOf(text, hourItems(turnServices(prompt.context).t)) !== undefined || hoursOf(text) !== null;
  });

  // Preferred contact (and the address or number when it is not the chat)

  const contactDialog = new WaterfallDialog(questionDialogId('contact'), [
    async (step) => {
      const { t } = turnServices(step.context);
      const preset = (step.options as ContactQuestionOptions | undefined)?.way;
      if (preset) return step.next({ value: preset } satisfies Partial<FoundChoice>);
      return step.prompt(
        CHOICE_PROMPT,
        choicePromptOptions(t('volunteering:q.contact'), t('volunteering:q.contactRetry'), [
          { value: 'chat', title: t('volunteering:contact.chat') },
          { value: 'email', title: t('volunteering:contact.email') },
          { value: 'phone', title: t('volunteering:contact.phone') },
        ]),
      );
    },
    async (step) => {
      const { t } = turnServices(step.context);
      const way = (step.result as FoundChoice).value as ContactWay;
      valuesOf(step)['way'] = way;
      if (way === 'chat') return step.next();
      return step.prompt(DETAIL_PROMPT, {
        ...textWithButtons(t(`volunteering:q.${way}`), t(`volunteering:q.${way}Retry`), [{ value: 'chat', title: t('volunteering:contact.chatInstead') }]),
        validations: { way },
      });
    },
    async (step) => {
      const { t } = turnServices(step.context);
      const way = valuesOf(step)['way'] as ContactWay;
      const detail = typeof step.result === 'string' ? step.result.trim() : undefined;
      if (way === 'chat' || !detail || buttonValueOf(detail, [{ value: 'chat', title: t('volunteering:contact.chatInstead') }]) === 'chat') {
        return save(step, 'contact', { contact: 'chat', contactDetail: undefined });
      }
      return save(step, 'contact', { contact: way, contactDetail: detail });
    },
  ]);
  const detailPrompt = createTextPrompt(DETAIL_PROMPT, (raw, prompt) => {
    const text = raw.trim();
    if (buttonValueOf(text, [{ value: 'chat', title: turnServices(prompt.context).t('volunteering:contact.chatInstead') }])) return true;
    // Within the stored limit: a longer address would not fit the profile (it is asked again instead).
    if (text.length > CONTACT_DETAIL_MAX) return false;
    return (prompt.options.validations as { way?: string } | undefined)?.way === 'email' ? EMAIL.test(text) : PHONE.test(text);
  });

  const namePrompt = createTextPrompt(NAME_PROMPT, (text, prompt) => {
    const trimmed = text.trim().replace(/\s+/g, ' ');
    return NAME.test(trimmed) || isSkip(trimmed, turnServices(prompt.context).t);
  });

  return [
    nameDialog,
    districtDialog,
    interestsDialog,
    skillsDialog,
    availabilityDialog,
    hoursDialog,
    contactDialog,
    createTextPrompt(TEXT_PROMPT, (text) => text.trim().length > 0 && text.length <= MAX_ANSWER),
    namePrompt,
    districtValidatorPrompt,
    hoursPrompt,
    detailPrompt,
    createChoicePrompt(CHOICE_PROMPT),
  ];
}
