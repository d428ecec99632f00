import { degreeRank, germanRank, type AnswerValues, type Degree, type Field, type GermanLevel, type Pathway, type Situation } from './pathway.js';

/** Why a pathway fits (rendered by the dialog through locales/<lng>/pathways.json `reason.<code>`). */
export type FitReason =
  | { code: 'situation'; situation: Situation }
  | { code: 'field'; fields: Field[] }
  | { code: 'openToAll' }
  | { code: 'noDegreeNeeded' }
  | { code: 'degreeOk' }
  | { code: 'germanOk' }
  | { code: 'improvesGerman'; to: GermanLevel }
  | { code: 'partTime' }
  | { code: 'childcare' }
  | { code: 'online' }
  | { code: 'startsAnytime' }
  | { code: 'startsSoon'; date: Date };

/** What is missing (rendered through `gap.<code>`). */
export type FitGap =
  | { code: 'degree'; required: Degree; catchUp?: string }
  | { code: 'degreeUnknown'; required: Degree }
  | { code: 'german'; required: GermanLevel; support?: string }
  | { code: 'noPartTime' }
  | { code: 'startsLater'; date: Date }
  | { code: 'age'; minAge?: number; maxAge?: number };

export interface RankedPathway {
  pathway: Pathway;
  score: number;
  reasons: FitReason[];
  gaps: FitGap[];
}

/** The weights, named so that a test (and a reader) can see why one pathway outranks another. */
export const WEIGHTS = {
  situationMatch: 30,
  situationOpen: 10,
  situationMismatch: -15,
  fieldMatch: 25,
  fieldOpen: 8,
  fieldMismatch: -10,
  perMissingDegreeLevel: -15,
  perMissingGermanLevel: -12,
  /** A gap that can be closed alongside (degree catch-up, German course included) counts half. */
  closableGapFactor: 0.5,
  degreeUnknown: -4,
  /** A German course for someone below B1 (A1, A2); at B1 it still helps, less urgently. */
  germanCourseForBeginner: 25,
  germanCourseForLearner: 10,
  partTimeNeededAndOffered: 10,
  partTimeNeededNotOffered: -25,
  childcareFriendly: 10,
  onlineForLimitedMobility: 8,
  startsWhenNeeded: 8,
  startsTooLate: -12,
} as const;

const DAY_MS = 86_400_000;

/**
 * The best-fitting pathways first (withdrawn ones never), each with the reasons it fits and what is
 * missing. Unanswered questions neither help nor hurt. Equal scores keep a stable order (title).
 */
export function rankPathways(pathways: readonly Pathway[], answers: AnswerValues, now: Date): RankedPathway[] {
  return pathways
    .filter((pathway) => pathway.status === 'active')
    .map((pathway) => scorePathway(pathway, answers, now))
    .sort((a, b) => b.score - a.score || a.pathway.title.localeCompare(b.pathway.title, 'de'));
}

export function scorePathway(pathway: Pathway, answers: AnswerValues, now: Date): RankedPathway {
  const reasons: FitReason[] = [];
  const gaps: FitGap[] = [];
  let score = 0;
  const requirements = pathway.requirements ?? {};

  // Situation.
  if (answers.situation) {
    if (pathway.situations.length === 0) score += WEIGHTS.situationOpen;
    else if (pathway.situations.includes(answers.situation)) {
      score += WEIGHTS.situationMatch;
      reasons.push({ code: 'situation', situation: answers.situation });
    } else score += WEIGHTS.situationMismatch;
  }

  // Fields of interest.
  if (answers.fields && answers.fields.length > 0) {
    const common = pathway.fields.filter((field) => answers.fields!.includes(field));
    if (pathway.fields.length === 0) {
      score += WEIGHTS.fieldOpen;
      reasons.push({ code: 'openToAll' });
    } else if (common.length > 0) {
      score += WEIGHTS.fieldMatch;
      reasons.push({ code: 'field', fields: common });
    } else score += WEIGHTS.fieldMismatch;
  }

  // School degree.
  const minDegree = requirements.minDegree;
  if (!minDegree || minDegree === 'none') {
    if (answers.degree === 'none' || answers.degree === undefined) reasons.push({ code: 'noDegreeNeeded' });
  } else if (answers.degree === undefined) {
    score += WEIGHTS.degreeUnknown;
    gaps.push({ code: 'degreeUnknown', required: minDegree });
  } else {
    const missing = degreeRank(minDegree) - degreeRank(answers.degree);
    if (missing > 0) {
      const closable = !!requirements.degreeCatchUp;
      score += missing * WEIGHTS.perMissingDegreeLevel * (closable ? WEIGHTS.closableGapFactor : 1);
      gaps.push({ code: 'degree', required: minDegree, ...(closable ? { catchUp: requirements.degreeCatchUp } : {}) });
    } else reasons.push({ code: 'degreeOk' });
  }

  // German.
  const minGerman = requirements.minGerman;
  if (answers.german) {
    if (minGerman) {
      const missing = germanRank(minGerman) - germanRank(answers.german);
      if (missing > 0) {
        const closable = !!requirements.germanSupport;
        score += missing * WEIGHTS.perMissingGermanLevel * (closable ? WEIGHTS.closableGapFactor : 1);
        gaps.push({ code: 'german', required: minGerman, ...(closable ? { support: requirements.germanSupport } : {}) });
      } else reasons.push({ code: 'germanOk' });
    }
    if (pathway.kind === 'sprachkurs' && pathway.teachesGermanTo && germanRank(pathway.teachesGermanTo) > germanRank(answers.german)) {
      score += germanRank(answers.german) < germanRank('B1') ? WEIGHTS.germanCourseForBeginner : WEIGHTS.germanCourseForLearner;
      reasons.push({ code: 'improvesGerman', to: pathway.teachesGermanTo });
    }
  } else if (minGerman && minGerman !== 'A1') {
    gaps.push({ code: 'german', required: minGerman, ...(requirements.germanSupport ? { support: requirements.germanSupport } : {}) });
  }

  // Constraints.
  const constraints = answers.constraints ?? [];
  if (constraints.includes('part-time')) {
    if (pathway.partTimePossible) {
      score += WEIGHTS.partTimeNeededAndOffered;
      reasons.push({ code: 'partTime' });
    } else {
      score += WEIGHTS.partTimeNeededNotOffered;
      gaps.push({ code: 'noPartTime' });
    }
  }
  if (constraints.includes('childcare') && pathway.childcareFriendly) {
    score += WEIGHTS.childcareFriendly;
    reasons.push({ code: 'childcare' });
  }
  if (constraints.includes('mobility') && pathway.location.online) {
    score += WEIGHTS.onlineForLimitedMobility;
    reasons.push({ code: 'online' });
  }

  // Start.
  const startsAt = pathway.startsAt;
  if (answers.start === 'now' || answers.start === 'soon') {
    const horizonDays = answers.start === 'now' ? 45 : 120;
    if (!startsAt || startsAt.getTime() <= now.getTime()) {
      score += WEIGHTS.startsWhenNeeded;
      reasons.push({ code: 'startsAnytime' });
    } else if (startsAt.getTime() - now.getTime() <= horizonDays * DAY_MS) {
      score += WEIGHTS.startsWhenNeeded;
      reasons.push({ code: 'startsSoon', date: startsAt });
    } else {
      score += WEIGHTS.startsTooLate;
      gaps.push({ code: 'startsLater', date: startsAt });
    }
  }

  // Age limits are shown, not guessed: we do not ask for the age.
  if (requirements.minAge !== undefined || requirements.maxAge !== undefined) {
    gaps.push({ code: 'age', ...(requirements.minAge !== undefined ? { minAge: requirements.minAge } : {}), ...(requirements.maxAge !== undefined ? { maxAge: requirements.maxAge } : {}) });
  }

  return { pathway, score, reasons, gaps };
}
