import type { Interest, TimeSlot } from '../volunteers/volunteer-profile.js';
import { foldPlace } from '../volunteers/districts.js';
import { isPast, type Opportunity } from './opportunity.js';

/** What matching needs to know about a person (all optional: someone without a profile gets the soonest). */
export interface MatchProfile {
  interests: readonly Interest[];
  district?: string;
  slots: readonly TimeSlot[];
  hoursPerMonth?: number;
  skills: readonly string[];
}

export type MatchReason =
  | { kind: 'interest'; interest: Interest }
  | { kind: 'district'; district: string }
  | { kind: 'online' }
  | { kind: 'slot'; slot: TimeSlot }
  | { kind: 'skill'; skill: string };

export interface OpportunityMatch {
  opportunity: Opportunity;
  score: number;
  /** Why it fits, most important first: "passt zu: Umwelt, Elberfeld, Wochenende". */
  reasons: MatchReason[];
  placesLeft: number;
}

export interface MatchInput {
  opportunities: readonly Opportunity[];
  /** Active registrations per opportunity id. */
  taken: ReadonlyMap<string, number>;
  profile: MatchProfile | null;
  now: Date;
  /** Deeds the person already registered for. */
  exclude?: ReadonlySet<string>;
}

/** Points per kind of fit; an interest weighs most, then the district, then the time. */
export const MATCH_WEIGHTS = {
  interest: 3,
  district: 3,
  online: 1,
  slot: 2,
  skill: 1,
  tooManyHours: -2,
  otherTimes: -1,
} as const;

/**
 * The good deeds a person can still join, best first. Never withdrawn, full or past ones. Ties go
 * to the deed that comes sooner (dated before ongoing), then by title, so the order is stable.
 */
export function rankOpportunities(input: MatchInput): OpportunityMatch[] {
  const matches: OpportunityMatch[] = [];
  for (const opportunity of input.opportunities) {
    if (opportunity.status !== 'open' || isPast(opportunity, input.now) || input.exclude?.has(opportunity._id)) continue;
    const placesLeft = opportunity.places - (input.taken.get(opportunity._id) ?? 0);
    if (placesLeft <= 0) continue;
    const { score, reasons } = scoreOpportunity(opportunity, input.profile);
    matches.push({ opportunity, score, reasons, placesLeft });
  }
  return matches.sort(
    (a, b) =>
      b.score - a.score ||
      startTime(a.opportunity) - startTime(b.opportunity) ||
      a.opportunity.title.localeCompare(b.opportunity.title, 'de') ||
      a.opportunity._id.localeCompare(b.opportunity._id),
  );
}

export function scoreOpportunity(opportunity: Opportunity, profile: MatchProfile | null): { score: number; reasons: MatchReason[] } {
  if (!profile) return { score: 0, reasons: [] };
  const reasons: MatchReason[] = [];
  let score = 0;
  for (const interest of opportunity.interests) {
    if (profile.interests.includes(interest)) {
      score += MATCH_WEIGHTS.interest;
      reasons.push({ kind: 'interest', interest });
    }
  }
  if (profile.district && opportunity.district && foldPlace(profile.district) === foldPlace(opportunity.district)) {
    score += MATCH_WEIGHTS.district;
    reasons.push({ kind: 'district', district: opportunity.district });
  } else if (opportunity.online) {
    score += MATCH_WEIGHTS.online;
    reasons.push({ kind: 'online' });
  }
  const commonSlots = opportunity.slots.filter((slot) => profile.slots.includes(slot));
  if (commonSlots.length > 0) {
    score += MATCH_WEIGHTS.slot;
    for (const slot of commonSlots) reasons.push({ kind: 'slot', slot });
  } else if (profile.slots.length > 0 && opportunity.slots.length > 0) {
    score += MATCH_WEIGHTS.otherTimes;
  }
  for (const wanted of opportunity.skills) {
    if (profile.skills.some((skill) => skillsMatch(skill, wanted))) {
      score += MATCH_WEIGHTS.skill;
      reasons.push({ kind: 'skill', skill: wanted });
    }
  }
  if (profile.hoursPerMonth !== undefined && opportunity.hoursPerMonth !== undefined && opportunity.hoursPerMonth > profile.hoursPerMonth) {
    score += MATCH_WEIGHTS.tooManyHours;
  }
  return { score, reasons };
}

const wordsOf = (text: string): string[] => text.toLocaleLowerCase('de').split(/[^\p{L}\p{N}+#]+/u).filter(Boolean);

/**
 * Whether a person's skill meets a wanted one. Longer terms may sit inside each other (German
 * compounds: "Garten" in "Gartenarbeit"); short ones (up to three letters: "IT", "PC") only as a
 * whole word, so "IT" is not found inside "Gartenarbeit".
 */
export function skillsMatch(have: string, wanted: string): boolean {
  const a = wordsOf(have);
  const b = wordsOf(wanted);
  if (a.length === 0 || b.length === 0) return false;
  const joinedA = a.join(' ');
  const joinedB = b.join(' ');
  if (joinedA === joinedB) return true;
  const wholeWords = (outer: string[], inner: string[]): boolean => outer.some((_, index) => inner.every((word, offset) => outer[index + offset] === word));
  if (wholeWords(a, b) || wholeWords(b, a)) return true;
  if (joinedA.length <= 3 || joinedB.length <= 3) return false;
  return joinedA.includes(joinedB) || joinedB.includes(joinedA);
}

function startTime(opportunity: Opportunity): number {
  return opportunity.startsAt ? opportunity.startsAt.getTime() : Number.MAX_SAFE_INTEGER;
}
