import { describe, expect, it } from 'vitest';
import { isDone, isSkip, parseConstraints, parseDegree, parseFields, parseGermanLevel, parseSituation, parseStart } from '../../src/domain/pathways/answer-parsing.js';

describe('understanding typed answers', () => {
  it('takes the many names of one school degree as the same degree', () => {
    for (const said of ['realschule', 'Realschulabschluss', 'Mittlere Reife', 'MSA', 'FOR', 'Fachoberschulreife', 'mittlerer Schulabschluss']) expect(parseDegree(said), said).toBe('realschule');
    for (const said of ['Hauptschule', 'HSA', 'Hauptschulabschluss nach Klasse 9', 'ESA']) expect(parseDegree(said), said).toBe('hauptschule');
    for (const said of ['ohne Abschluss', 'keinen', 'kein Abschluss', 'no degree']) expect(parseDegree(said), said).toBe('none');
    expect(parseDegree('Fachabi')).toBe('fachabitur');
    expect(parseDegree('Fachhochschulreife')).toBe('fachabitur');
    expect(parseDegree('Abitur')).toBe('abitur');
    expect(parseDegree('Abi')).toBe('abitur');
    expect(parseDegree('Banane')).toBeUndefined();
    expect(parseDegree('')).toBeUndefined();
  });

  it('reads German levels from certificates and from plain words', () => {
    expect(parseGermanLevel('b1')).toBe('B1');
    expect(parseGermanLevel('Niveau B 2')).toBe('B2');
    expect(parseGermanLevel('Deutsch ist meine Muttersprache')).toBe('native');
    expect(parseGermanLevel('native')).toBe('native');
    expect(parseGermanLevel('nur ein bisschen')).toBe('A2');
    expect(parseGermanLevel('sehr gut')).toBe('C1');
    expect(parseGermanLevel('gut')).toBe('B2');
    expect(parseGermanLevel('vielleicht')).toBeUndefined();
  });

  it('recognises situations, fields, constraints and start in free text', () => {
    expect(parseSituation('Ich bin gerade mit der Schule fertig')).toBe('school-leaver');
    expect(parseSituation('Nach der Elternzeit will ich wieder einsteigen')).toBe('returning');
    expect(parseSituation('Ich habe 10 Jahre Berufserfahrung')).toBe('experienced');
    expect(parseSituation('Ich möchte eine Umschulung')).toBe('career-change');
    expect(parseFields('Lager und Pflege')).toEqual(['logistik', 'pflege']);
    expect(parseFields('nichts davon')).toEqual([]);
    expect(parseConstraints('Ich habe kein Auto und zwei Kinder')).toEqual(['childcare', 'mobility']);
    expect(parseConstraints('nur Teilzeit')).toEqual(['part-time']);
    expect(parseConstraints('nein, keine')).toBe('none');
    expect(parseStart('sofort')).toBe('now');
    expect(parseStart('in zwei Monaten')).toBe('soon');
    expect(parseStart('nächstes Jahr')).toBe('later');
  });

  it('knows skip and done words, and nothing crashes on empty input', () => {
    expect(isSkip('Überspringen')).toBe(true);
    expect(isSkip('weiß nicht')).toBe(true);
    expect(isSkip('Realschule')).toBe(false);
    expect(isDone('fertig')).toBe(true);
    expect(isDone('Logistik')).toBe(false);
    for (const parse of [parseSituation, parseDegree, parseGermanLevel, parseStart, parseConstraints]) expect(parse(undefined)).toBeUndefined();
    expect(parseFields(undefined)).toEqual([]);
  });
});
