import type { StoredDocument } from '../../../platform/store/document-store.js';
import type { ContentTranslations } from '../../../platform/i18n/content-translations.js';

/** What kind of step into work a pathway is. */
export const PATHWAY_KINDS = [
  'ausbildung',
  'einstiegsqualifizierung',
  'helferjob',
  'weiterbildung',
  'umschulung',
  'orientierung',
  'sprachkurs',
  'beschaeftigung',
] as const;
export type PathwayKind = (typeof PATHWAY_KINDS)[number];

/** Where a person stands (questionnaire, first question). */
export const SITUATIONS = ['school-leaver', 'experienced', 'returning', 'career-change'] as const;
export type Situation = (typeof SITUATIONS)[number];

/** Fields of work a person may be interested in (several). */
export const FIELDS = ['handwerk', 'technik', 'logistik', 'gastronomie', 'pflege', 'handel', 'buero', 'it', 'gruen', 'soziales', 'reinigung'] as const;
export type Field = (typeof FIELDS)[number];

/** School degrees in ascending order: a pathway's minimum is met by this one or any later. */
export const DEGREES = ['none', 'hauptschule', 'realschule', 'fachabitur', 'abitur'] as const;
export type Degree = (typeof DEGREES)[number];

/** German levels of the CEFR in ascending order, then "native". */
export const GERMAN_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export type GermanLevel = (typeof GERMAN_LEVELS)[number];

/** What limits a person (several). */
export const CONSTRAINTS = ['childcare', 'mobility', 'part-time'] as const;
export type Constraint = (typeof CONSTRAINTS)[number];

/** When a person can start at the earliest. */
export const STARTS = ['now', 'soon', 'later'] as const;
export type Start = (typeof STARTS)[number];

export const degreeRank = (degree: Degree): number => DEGREES.indexOf(degree);
export const germanRank = (level: GermanLevel): number => GERMAN_LEVELS.indexOf(level);

export interface PathwayRequirements {
  /** Lowest school degree accepted; none: no degree needed. */
  minDegree?: Degree;
  /** Where the missing degree can be caught up alongside (e.g. "VHS Dortmund, Abendkurs"). */
  degreeCatchUp?: string;
  /** Lowest German level needed. */
  minGerman?: GermanLevel;
  /** German support that comes with the pathway (e.g. "berufsbezogener Deutschkurs inklusive"). */
  germanSupport?: string;
  minAge?: number;
  maxAge?: number;
}

export interface PathwayContact {
  name?: string;
  phone?: string;
  email?: string;
  url?: string;
  address?: string;
}

/** One realistic next step into work, offered by a school–company cooperation, an agency, a company... */
export interface Pathway extends StoredDocument {
  title: string;
  provider: string;
  kind: PathwayKind;
  /** Two or three sentences about what one does there. */
  summary: string;
  /** Fields of work it leads into; empty: open to every field (orientation, language courses). */
  fields: Field[];
  /** Situations it is meant for; empty: everyone. */
  situations: Situation[];
  requirements: PathwayRequirements;
  /** For language courses: the level the course leads to. */
  teachesGermanTo?: GermanLevel;
  /** e.g. "3 Jahre", "6–12 Monate". */
  duration: string;
  /** Pay or funding, e.g. "Ausbildungsvergütung ab 1.000 € im Monat", "kostenlos mit Bildungsgutschein". */
  pay: string;
  partTimePossible: boolean;
  /** Times that fit with children (e.g. school hours, Teilzeitausbildung with childcare help). */
  childcareFriendly: boolean;
  location: { district?: string; online: boolean };
  /** The next start; unset: start at any time. */
  startsAt?: Date;
  nextStep: string;
  contact: PathwayContact;
  /**
   * The texts of PATHWAY_TRANSLATED and REQUIREMENT_TRANSLATED in other languages, as staff wrote
   * them (`{ en: { title, degreeCatchUp } }`); names (provider, contact, district) stay German.
   */
  translations?: ContentTranslations;
  status: 'active' | 'withdrawn';
  createdAt: Date;
  updatedAt: Date;
}

/** The pathway's own texts a person reads in their language when staff translated them. */
export const PATHWAY_TRANSLATED = ['title', 'summary', 'duration', 'pay', 'nextStep'] as const;

/**
 * The texts of `requirements` a person reads (where to catch up a degree, which German support
 * comes with it); their translations sit beside the others, under the same names.
 */
export const REQUIREMENT_TRANSLATED = ['degreeCatchUp', 'germanSupport'] as const;

export type TranslatedPathwayField = (typeof PATHWAY_TRANSLATED)[number] | (typeof REQUIREMENT_TRANSLATED)[number];

/** A person's "Meine Wege" entry: a pathway they saved, maybe with a reminder. */
export interface PathwayRequest extends StoredDocument {
  profileId: string;
  pathwayId: string;
  savedAt: Date;
  /** When "Erinnere mich" asked for a reminder. */
  remindAt?: Date;
  /** When that reminder went out (so a second run of the job sends nothing). */
  remindedAt?: Date;
}

/** The questionnaire's answers of one person; a skipped question is listed in `skipped`. */
export interface PathwayAnswers extends StoredDocument {
  profileId: string;
  situation?: Situation;
  fields?: Field[];
  degree?: Degree;
  german?: GermanLevel;
  constraints?: Constraint[];
  start?: Start;
  skipped: QuestionId[];
  updatedAt: Date;
}

export const QUESTIONS = ['situation', 'fields', 'degree', 'german', 'constraints', 'start'] as const;
export type QuestionId = (typeof QUESTIONS)[number];

/** The answers without storage fields, e.g. for ranking and for a handoff snapshot. */
export type AnswerValues = Pick<PathwayAnswers, 'situation' | 'fields' | 'degree' | 'german' | 'constraints' | 'start'>;

export function isAnswered(answers: Partial<PathwayAnswers> | null | undefined, question: QuestionId): boolean {
  if (!answers) return false;
  return answers[question] !== undefined || (answers.skipped ?? []).includes(question);
}
