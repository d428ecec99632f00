import { describe, expect, it } from 'vitest';
import { rankOpportunities, type MatchProfile } from '../../../src/features/volunteering/domain/opportunities/matching.js';
import { BUILT_IN_DISTRICTS, citiesOf, normaliseDistrict } from '../../../src/features/volunteering/domain/volunteers/districts.js';
import { opportunity } from './fixtures.js';

const now = new Date('2026-05-04T10:00:00Z');
const days = (n: number): Date => new Date(now.getTime() + n * 86_400_000);
const anna: MatchProfile = { interests: ['environment', 'kids'], district: 'Elberfeld', slots: ['weekends'], hoursPerMonth: 5, skills: ['Gartenarbeit'] };
const rank = (opportunities: Parameters<typeof rankOpportunities>[0]['opportunities'], profile: MatchProfile | null = anna, taken = new Map<string, number>()) =>
  rankOpportunities({ opportunities, taken, profile, now });

describe('matching good deeds to a volunteer', () => {
  it('ranks a deed that fits interest, district and time above one that fits only the interest, and says why', () => {
    const both = opportunity('near', { title: 'Müllsammeln Elberfeld', district: 'Elberfeld', slots: ['weekends'], interests: ['environment'] });
    const interestOnly = opportunity('far', { title: 'Müllsammeln Ronsdorf', district: 'Ronsdorf', slots: ['weekdays'], interests: ['environment'] });
    const [first, second] = rank([interestOnly, both]);
    expect(first!.opportunity._id).toBe('near');
    expect(first!.reasons).toEqual([
      { kind: 'interest', interest: 'environment' },
      { kind: 'district', district: 'Elberfeld' },
      { kind: 'slot', slot: 'weekends' },
    ]);
    expect(second!.opportunity._id).toBe('far');
    expect(second!.reasons).toEqual([{ kind: 'interest', interest: 'environment' }]);
    expect(first!.score).toBeGreaterThan(second!.score);
  });

  it('puts two matching interests above one, even in another district', () => {
    const twoInterests = opportunity('two', { district: 'Barmen', interests: ['environment', 'kids'] });
    const oneInterestNearby = opportunity('one', { district: 'Elberfeld', interests: ['kids'], slots: [] });
    expect(rank([oneInterestNearby, twoInterests]).map((match) => match.opportunity._id)).toEqual(['two', 'one']);
  });

  it('counts an online deed as reachable from anywhere, but below one in the own district', () => {
    const online = opportunity('online', { district: undefined, online: true });
    const local = opportunity('local', { district: 'Elberfeld' });
    const matches = rank([online, local]);
    expect(matches.map((match) => match.opportunity._id)).toEqual(['local', 'online']);
    expect(matches[1]!.reasons).toContainEqual({ kind: 'online' });
  });

  it('lowers a deed that needs more hours than the person has', () => {
    const heavy = opportunity('heavy', { hoursPerMonth: 20 });
    const light = opportunity('light', { hoursPerMonth: 3 });
    expect(rank([heavy, light]).map((match) => match.opportunity._id)).toEqual(['light', 'heavy']);
  });

  it('matches a wanted skill', () => {
    const garden = opportunity('garden', { skills: ['Gartenarbeit'] });
    const plain = opportunity('plain');
    const [first] = rank([plain, garden]);
    expect(first!.opportunity._id).toBe('garden');
    expect(first!.reasons).toContainEqual({ kind: 'skill', skill: 'Gartenarbeit' });
  });

  it('never offers full, past or withdrawn deeds, nor ones the person already joined', () => {
    const full = opportunity('full', { places: 2 });
    const past = opportunity('past', { startsAt: days(-3), endsAt: days(-3) });
    const endedYesterday = opportunity('ended', { startsAt: days(-2), endsAt: days(-1) });
    const running = opportunity('running', { startsAt: days(-1), endsAt: days(2) });
    const withdrawn = opportunity('withdrawn', { status: 'withdrawn' });
    const joined = opportunity('joined');
    const matches = rankOpportunities({
      opportunities: [full, past, endedYesterday, running, withdrawn, joined],
      taken: new Map([['full', 2]]),
      profile: anna,
      now,
      exclude: new Set(['joined']),
    });
    expect(matches.map((match) => match.opportunity._id)).toEqual(['running']);
    expect(matches[0]!.placesLeft).toBe(2);
  });

  it('without a profile, shows the soonest dated deeds first, then ongoing ones', () => {
    const later = opportunity('later', { startsAt: days(10) });
    const sooner = opportunity('sooner', { startsAt: days(2) });
    const ongoing = opportunity('ongoing');
    const matches = rank([ongoing, later, sooner], null);
    expect(matches.map((match) => match.opportunity._id)).toEqual(['sooner', 'later', 'ongoing']);
    expect(matches.every((match) => match.reasons.length === 0)).toBe(true);
  });
});

describe('typed districts', () => {
  const wuppertal = BUILT_IN_DISTRICTS.wuppertal.districts;
  it.each([
    ['elberfeld', 'Elberfeld'],
    ['  ELBERFELD ', 'Elberfeld'],
    ['elberfeld west', 'Elberfeld-West'],
    ['uellendahl', 'Uellendahl-Katernberg'],
    ['langerfeld beyenburg', 'Langerfeld-Beyenburg'],
    ['Ölberg', 'Ölberg'],
    ['sonnborn', 'Sonnborn'],
  ])('"%s" → "%s"', (typed, expected) => {
    expect(normaliseDistrict(typed, wuppertal)).toBe(expected);
  });

  it('knows Dortmund umlauts typed without them', () => {
    expect(normaliseDistrict('hoerde', BUILT_IN_DISTRICTS.dortmund.districts)).toBe('Hörde');
    expect(normaliseDistrict('LUETGENDORTMUND', BUILT_IN_DISTRICTS.dortmund.districts)).toBe('Lütgendortmund');
  });

  it('refuses what is no place name', () => {
    expect(normaliseDistrict('42', wuppertal)).toBeNull();
    expect(normaliseDistrict('<script>alert(1)</script>', wuppertal)).toBeNull();
    expect(normaliseDistrict('🙂', wuppertal)).toBeNull();
    expect(normaliseDistrict('x'.repeat(80), wuppertal)).toBeNull();
  });

  it('takes a short unknown name as a neighbourhood, but a sentence is no place', () => {
    expect(normaliseDistrict('unter barmen mitte', wuppertal)).toBe('Unter Barmen Mitte');
    expect(normaliseDistrict('ich weiß es wirklich nicht', wuppertal)).toBeNull();
    expect(normaliseDistrict('da wo der Zoo ist', wuppertal)).toBeNull();
  });
});

describe('matching skills', () => {
  it('does not find a short wanted skill inside a longer word ("IT" in "Gartenarbeit")', () => {
    const it_ = opportunity('it', { skills: ['IT'] });
    const [match] = rank([it_], { ...anna, skills: ['Gartenarbeit'] });
    expect(match!.reasons.filter((reason) => reason.kind === 'skill')).toEqual([]);
  });

  it('finds short skills as whole words and longer ones inside compounds', () => {
    const [it_] = rank([opportunity('it', { skills: ['IT'] })], { ...anna, skills: ['IT-Support'] });
    expect(it_!.reasons).toContainEqual({ kind: 'skill', skill: 'IT' });
    const [garden] = rank([opportunity('garden', { skills: ['Garten'] })], anna);
    expect(garden!.reasons).toContainEqual({ kind: 'skill', skill: 'Garten' });
  });
});

describe('the districts a tenant offers', () => {
  it('uses the tenant\'s own list first, else the lists of its demo cities', () => {
    expect(citiesOf({ name: 'Solingen', districts: ['Ohligs', 'Wald'], demoContent: ['wuppertal'] })).toEqual([{ city: 'Solingen', districts: ['Ohligs', 'Wald'] }]);
    expect(citiesOf({ name: 'Wuppertal', districts: [], demoContent: ['wuppertal'] }).map((city) => city.city)).toEqual(['Wuppertal']);
    expect(citiesOf({ name: 'KoSI-Lab', districts: [], demoContent: ['wuppertal', 'dortmund'] }).map((city) => city.city)).toEqual(['Wuppertal', 'Dortmund']);
    expect(citiesOf({ name: 'Hagen', districts: [], demoContent: [] })).toEqual([{ city: 'Hagen', districts: [] }]);
  });
});
