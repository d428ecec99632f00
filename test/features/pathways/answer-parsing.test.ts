import { describe, expect, it } from 'vitest';
import { isDone, isSkip, parseConstraints, parseDegree, parseFields, parseGermanLevel, parseSituation, parseStart } from '../../../src/features/pathways/domain/answer-parsing.js';
import { allTexts } from '../../support/texts.js';

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
    const skipWords = allTexts('de')
      .inAllLocales('pathways:skipWords')
      .flatMap((words) => words.split('|'));
    for (const said of ['Überspringen', 'ueberspringen', 'weiß nicht', 'Weiss nicht', 'k.A.', 'egal', 'skip', "don't know", 'Nächste Frage!']) expect(isSkip(said, skipWords), said).toBe(true);
    expect(isSkip('Realschule', skipWords)).toBe(false);
    expect(isSkip('', skipWords)).toBe(false);
    expect(isDone('fertig')).toBe(true);
    expect(isDone('Logistik')).toBe(false);
    for (const parse of [parseSituation, parseDegree, parseGermanLevel, parseStart, parseConstraints]) expect(parse(undefined)).toBeUndefined();
    expect(parseFields(undefined)).toEqual([]);
  });
});

describe('negations and misleading words in typed answers', () => {
  it('reads a negated German level as low or asks again, never as good or native', () => {
    expect(parseGermanLevel('nicht gut')).toBe('A2');
    expect(parseGermanLevel('nicht so gut')).toBe('A2');
    expect(parseGermanLevel('not very good')).toBe('A2');
    expect(parseGermanLevel('Deutsch ist nicht meine Muttersprache')).toBeUndefined();
    expect(parseGermanLevel('noch nicht fließend')).toBeUndefined();
    expect(parseGermanLevel('Ich spreche kein Deutsch')).toBe('A1');
    expect(parseGermanLevel('Deutsch ist meine Muttersprache')).toBe('native');
    expect(parseGermanLevel('fließend')).toBe('C1');
  });

  it('counts children, a car or a licence only when they limit the person, and hours never mean part-time', () => {
    expect(parseConstraints('Ich habe keine Kinder')).toBe('none');
    expect(parseConstraints('Ich habe ein Auto')).toBe('none');
    expect(parseConstraints('Ich habe einen Führerschein')).toBe('none');
    expect(parseConstraints('Vollzeit, 40 Stunden')).toBe('none');
    expect(parseConstraints('kein Auto')).toEqual(['mobility']);
    expect(parseConstraints('Ich habe keinen Führerschein')).toEqual(['mobility']);
    expect(parseConstraints('Kinderbetreuung nötig')).toEqual(['childcare']);
    expect(parseConstraints('Ich habe keine Kinder, aber kein Auto')).toEqual(['mobility']);
    expect(parseConstraints('Ich habe ein Auto und zwei Kinder')).toEqual(['childcare']);
    expect(parseConstraints('I don’t have a car')).toEqual(['mobility']);
    expect(parseConstraints('nur 20 Stunden, also Teilzeit')).toEqual(['part-time']);
    expect(parseConstraints('Banane')).toBeUndefined();
  });

  it('leaves out degrees the person does not have, and takes “for” as the FOR only when meant so', () => {
    expect(parseDegree('kein Abitur, aber Realschule')).toBe('realschule');
    expect(parseDegree('kein Abitur')).toBeUndefined();
    expect(parseDegree('keinen Hauptschulabschluss')).toBe('none');
    expect(parseDegree('Abi abgebrochen, habe die Mittlere Reife')).toBe('realschule');
    expect(parseDegree('I went to school for 10 years')).toBeUndefined();
    expect(parseDegree('Ich habe die FOR')).toBe('realschule');
    expect(parseDegree('for')).toBe('realschule');
    expect(parseDegree('Abschluss nach der 10. Klasse')).toBe('realschule');
  });
});
