import { describe, expect, it } from 'vitest';
import { rankPathways, scorePathway, WEIGHTS } from '../../../src/features/pathways/domain/ranking.js';
import type { AnswerValues } from '../../../src/features/pathways/domain/pathway.js';
import { dortmundPathways } from '../../../src/features/pathways/demo/pathways-dortmund.js';
import { NOW, pathway } from './pathway-fixtures.js';

const ids = (answers: AnswerValues, pathways = demo()) => rankPathways(pathways, answers, NOW).map((entry) => entry.pathway._id);
const days = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

function demo() {
  return dortmundPathways(NOW).map(({ id, input }) => pathway(id, { ...input }));
}

describe('ranking pathways', () => {
  it('puts a pathway for the person’s situation and field above one for neither, and says why', () => {
    const warehouse = pathway('lager', { fields: ['logistik'], situations: ['experienced'] });
    const kitchen = pathway('kueche', { fields: ['gastronomie'], situations: ['school-leaver'] });
    const [first, second] = rankPathways([kitchen, warehouse], { situation: 'experienced', fields: ['logistik'] }, NOW);
    expect(first!.pathway._id).toBe('lager');
    expect(first!.reasons).toEqual(expect.arrayContaining([{ code: 'situation', situation: 'experienced' }, { code: 'field', fields: ['logistik'] }]));
    expect(first!.score - second!.score).toBe(WEIGHTS.situationMatch + WEIGHTS.fieldMatch - WEIGHTS.situationMismatch - WEIGHTS.fieldMismatch);
  });

  it('ranks a missing degree that can be caught up alongside above one that cannot, and names where', () => {
    const withCatchUp = pathway('mit', { fields: ['handwerk'], requirements: { minDegree: 'hauptschule', degreeCatchUp: 'VHS Dortmund, Abendkurs' } });
    const without = pathway('ohne', { fields: ['handwerk'], requirements: { minDegree: 'hauptschule' } });
    const [first, second] = rankPathways([without, withCatchUp], { degree: 'none', fields: ['handwerk'] }, NOW);
    expect(first!.pathway._id).toBe('mit');
    expect(first!.gaps).toContainEqual({ code: 'degree', required: 'hauptschule', catchUp: 'VHS Dortmund, Abendkurs' });
    expect(second!.gaps).toContainEqual({ code: 'degree', required: 'hauptschule' });
    expect(first!.score - second!.score).toBe(-WEIGHTS.perMissingDegreeLevel * WEIGHTS.closableGapFactor);
  });

  it('counts each missing German level, and a German course up for someone who is learning', () => {
    const needsB2 = pathway('b2', { requirements: { minGerman: 'B2' } });
    const needsA2 = pathway('a2', { requirements: { minGerman: 'A2' } });
    const course = pathway('kurs', { kind: 'sprachkurs', teachesGermanTo: 'B2' });
    const ranked = rankPathways([needsB2, needsA2, course], { german: 'A2' }, NOW);
    expect(ranked.map((entry) => entry.pathway._id)).toEqual(['kurs', 'a2', 'b2']);
    expect(ranked[0]!.reasons).toContainEqual({ code: 'improvesGerman', to: 'B2' });
    expect(ranked[2]!.gaps).toContainEqual({ code: 'german', required: 'B2' });
    expect(ranked[2]!.score).toBe(2 * WEIGHTS.perMissingGermanLevel);
  });

  it('prefers part-time and childcare-friendly pathways for a parent who can only work part-time', () => {
    const fullTime = pathway('voll', { fields: ['gastronomie'] });
    const partTime = pathway('teil', { fields: ['gastronomie'], partTimePossible: true, childcareFriendly: true });
    const [first, second] = rankPathways([fullTime, partTime], { fields: ['gastronomie'], constraints: ['part-time', 'childcare'] }, NOW);
    expect(first!.pathway._id).toBe('teil');
    expect(first!.reasons).toEqual(expect.arrayContaining([{ code: 'partTime' }, { code: 'childcare' }]));
    expect(second!.gaps).toContainEqual({ code: 'noPartTime' });
  });

  it('prefers what starts soon for someone who wants to start now', () => {
    const soon = pathway('bald', { startsAt: days(20) });
    const late = pathway('spaet', { startsAt: days(200) });
    const ranked = rankPathways([late, soon], { start: 'now' }, NOW);
    expect(ranked.map((entry) => entry.pathway._id)).toEqual(['bald', 'spaet']);
    expect(ranked[1]!.gaps).toContainEqual({ code: 'startsLater', date: days(200) });
    // Someone who starts later does not mind.
    expect(scorePathway(late, { start: 'later' }, NOW).score).toBe(scorePathway(soon, { start: 'later' }, NOW).score);
  });

  it('never shows a withdrawn pathway, and keeps a stable order for equal scores', () => {
    const withdrawn = pathway('weg', { status: 'withdrawn', title: 'A' });
    const b = pathway('b', { title: 'B' });
    const c = pathway('c', { title: 'C' });
    expect(ids({}, [c, withdrawn, b])).toEqual(['b', 'c']);
  });

  it('gives a school leaver apprenticeships and orientation in their field from the Dortmund demo', () => {
    const top = ids({ situation: 'school-leaver', fields: ['handwerk', 'technik'], degree: 'hauptschule', german: 'native', start: 'later' }).slice(0, 3);
    expect(top).toEqual(expect.arrayContaining(['do-azubi-elektro', 'do-ausb-kfz-brackel']));
    expect(top).not.toContain('do-helfer-lager');
  });

  it('gives an experienced warehouse worker jobs and a retraining in logistics from the Dortmund demo', () => {
    const top = ids({ situation: 'experienced', fields: ['logistik'], degree: 'hauptschule', german: 'B1', constraints: [], start: 'now' }).slice(0, 3);
    expect(top).toEqual(expect.arrayContaining(['do-helfer-lager', 'do-umschulung-lagerlogistik']));
    expect(top).not.toContain('do-azubi-elektro');
  });
});
