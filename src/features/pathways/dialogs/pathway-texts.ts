import type { Locale } from '../../../platform/config/config-types.js';
import { DATE_LOCALES } from '../../../platform/i18n/date-locales.js';
import type { Translate } from '../../../platform/i18n/translator.js';
import { QUESTIONS, type AnswerValues, type Pathway, type PathwayAnswers, type QuestionId, type TranslatedPathwayField } from '../domain/pathway.js';
import type { FitGap, FitReason, RankedPathway } from '../domain/ranking.js';
import { ALL_TRANSLATED, pathwayIn } from './pathway-translated.js';


/** Dates as people in the city read them. */
export function formatDate(date: Date, locale: Locale): string {
  return date.toLocaleDateString(DATE_LOCALES[locale] ?? locale, { timeZone: 'Europe/Berlin', day: 'numeric', month: 'long', year: 'numeric' });
}

/** One answer as text ("Realschulabschluss / MSA", "Handwerk & Bau, Logistik"). */
export function answerText(t: Translate, question: QuestionId, answers: AnswerValues): string | undefined {
  switch (question) {
    case 'situation':
      return answers.situation && t(`pathways:situationShort.${answers.situation}`);
    case 'fields':
      return answers.fields?.map((field) => t(`pathways:field.${field}`)).join(', ');
    case 'degree':
      return answers.degree && t(`pathways:degree.${answers.degree}`);
    case 'german':
      return answers.german && t(`pathways:german.${answers.german}`);
    case 'constraints':
      if (!answers.constraints) return undefined;
      return answers.constraints.length === 0 ? t('pathways:summary.noConstraints') : answers.constraints.map((constraint) => t(`pathways:constraint.${constraint}`)).join(', ');
    case 'start':
      return answers.start && t(`pathways:start.${answers.start}`);
  }
}

/** The stored answers, one line per question ("Schulabschluss: übersprungen"). */
export function answersSummary(t: Translate, answers: Partial<PathwayAnswers>): string {
  return QUESTIONS.flatMap((question) => {
    const value = answerText(t, question, answers) ?? ((answers.skipped ?? []).includes(question) ? t('pathways:summary.skipped') : undefined);
    return value === undefined || value === '' ? [] : [`• ${t(`pathways:summary.${question}`, { value })}`];
  }).join('\n');
}

export function whereText(t: Translate, pathway: Pathway): string {
  const { district, online } = pathway.location ?? { online: false };
  if (district && online) return t('pathways:districtAndOnline', { district });
  return district ?? (online ? t('pathways:online') : '');
}

export function reasonText(t: Translate, locale: Locale, reason: FitReason): string {
  switch (reason.code) {
    case 'situation':
      return t('pathways:reason.situation', { situation: t(`pathways:situationShort.${reason.situation}`) });
    case 'field':
      return t('pathways:reason.field', { fields: reason.fields.map((field) => t(`pathways:field.${field}`)).join(', ') });
    case 'improvesGerman':
      return t('pathways:reason.improvesGerman', { to: reason.to });
    case 'startsSoon':
      return t('pathways:reason.startsSoon', { date: formatDate(reason.date, locale) });
    default:
      return t(`pathways:reason.${reason.code}`);
  }
}

export function gapText(t: Translate, locale: Locale, gap: FitGap): string {
  switch (gap.code) {
    case 'degree':
      return gap.catchUp
        ? t('pathways:gap.degreeCatchUp', { required: t(`pathways:degree.${gap.required}`), catchUp: gap.catchUp })
        : t('pathways:gap.degree', { required: t(`pathways:degree.${gap.required}`) });
    case 'degreeUnknown':
      return t('pathways:gap.degreeUnknown', { required: t(`pathways:degree.${gap.required}`) });
    case 'german':
      return gap.support ? t('pathways:gap.germanSupport', { required: gap.required, support: gap.support }) : t('pathways:gap.german', { required: gap.required });
    case 'noPartTime':
      return t('pathways:gap.noPartTime');
    case 'startsLater':
      return t('pathways:gap.startsLater', { date: formatDate(gap.date, locale) });
    case 'age':
      return ageText(t, gap.minAge, gap.maxAge);
  }
}

function ageText(t: Translate, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return t('pathways:gap.ageRange', { min, max });
  return min !== undefined ? t('pathways:gap.ageMin', { min }) : t('pathways:gap.ageMax', { max: max ?? '' });
}

/**
 * A gap names the catch-up offer or the German support in German (the ranking copies them): the
 * person reads the pathway's own text in their language instead.
 */
function gapIn(gap: FitGap, shown: Pathway): FitGap {
  if (gap.code === 'degree' && gap.catchUp) return { ...gap, catchUp: shown.requirements.degreeCatchUp ?? gap.catchUp };
  if (gap.code === 'german' && gap.support) return { ...gap, support: shown.requirements.germanSupport ?? gap.support };
  return gap;
}

/**
 * The short card of a result: title, provider, why it fits, what is missing, the next step; in the
 * person's language, with the German-only note when one of its texts has no translation.
 */
export function resultCard(t: Translate, locale: Locale, ranked: RankedPathway, n: number): string {
  const inLanguage = pathwayIn(ranked.pathway, locale);
  const { pathway } = inLanguage;
  const lines = [t('pathways:card', { n, title: pathway.title, provider: pathway.provider, kind: t(`pathways:kind.${pathway.kind}`), where: whereText(t, pathway) })];
  const reasons = ranked.reasons.slice(0, 3).map((reason) => reasonText(t, locale, reason));
  if (reasons.length > 0) lines.push(t('pathways:fitsBecause', { reasons: reasons.join(', ') }));
  const gaps = ranked.gaps.filter((gap) => gap.code !== 'age');
  if (gaps.length > 0) lines.push(t('pathways:missing', { gaps: gaps.map((gap) => gapText(t, locale, gapIn(gap, pathway))).join('; ') }));
  lines.push(t('pathways:nextStepLine', { nextStep: pathway.nextStep }));
  const shownTexts: TranslatedPathwayField[] = ['title', 'nextStep'];
  if (gaps.some((gap) => gap.code === 'degree' && gap.catchUp)) shownTexts.push('degreeCatchUp');
  if (gaps.some((gap) => gap.code === 'german' && gap.support)) shownTexts.push('germanSupport');
  if (inLanguage.germanOnly(shownTexts)) lines.push('', t('common:onlyInGerman'));
  return lines.join('\n');
}

/** Everything about one pathway, in the person's language (with the German-only note when needed). */
export function pathwayDetails(t: Translate, locale: Locale, stored: Pathway): string {
  const inLanguage = pathwayIn(stored, locale);
  const { pathway } = inLanguage;
  const requirements = pathway.requirements ?? {};
  const contactOf = pathway.contact ?? {};
  const needs = [
    requirements.minDegree && requirements.minDegree !== 'none' ? t('pathways:requirement.degree', { degree: t(`pathways:degree.${requirements.minDegree}`) }) : undefined,
    requirements.minGerman ? t('pathways:requirement.german', { level: requirements.minGerman }) : undefined,
    requirements.minAge !== undefined || requirements.maxAge !== undefined ? t('pathways:requirement.age', { age: ageText(t, requirements.minAge, requirements.maxAge) }) : undefined,
  ].filter((need): need is string => !!need);
  const contact = [contactOf.name, contactOf.phone, contactOf.email, contactOf.url, contactOf.address].filter(Boolean).join(', ');
  return [
    t('pathways:details.header', { title: pathway.title, provider: pathway.provider, kind: t(`pathways:kind.${pathway.kind}`) }),
    pathway.summary,
    ...(inLanguage.germanOnly(ALL_TRANSLATED) ? ['', t('common:onlyInGerman'), ''] : []),
    t('pathways:details.where', { where: whereText(t, pathway) }),
    t('pathways:details.duration', { duration: pathway.duration }),
    t('pathways:details.pay', { pay: pathway.pay }),
    t('pathways:details.start', { start: pathway.startsAt ? formatDate(pathway.startsAt, locale) : t('pathways:details.startAnytime') }),
    t('pathways:details.requirements', { requirements: needs.length > 0 ? needs.join(', ') : t('pathways:details.noRequirements') }),
    ...(requirements.degreeCatchUp ? [`  ${requirements.degreeCatchUp}`] : []),
    ...(requirements.germanSupport ? [`  ${requirements.germanSupport}`] : []),
    t('pathways:details.partTime', { value: t(pathway.partTimePossible ? 'pathways:yes' : 'pathways:no') }),
    t('pathways:details.nextStep', { nextStep: pathway.nextStep }),
    ...(contact ? [t('pathways:details.contact', { contact })] : []),
  ].join('\n');
}

/** The reminder a person asked for, in their language (with the German-only note when needed). */
export function reminderText(t: Translate, locale: Locale, stored: Pathway): string {
  const inLanguage = pathwayIn(stored, locale);
  const text = t('pathways:reminder', { title: inLanguage.pathway.title, nextStep: inLanguage.pathway.nextStep });
  return inLanguage.germanOnly(['title', 'nextStep']) ? `${text}\n\n${t('common:onlyInGerman')}` : text;
}
