import { CONSTRAINTS, FIELDS, type Constraint, type Degree, type Field, type GermanLevel, type Situation, type Start } from './pathway.js';

/**
 * Lenient understanding of typed answers (German and English): "realschule", "Mittlere Reife", "MSA"
 * and "FOR" are one degree. Each parser returns undefined when it does not understand the text, so
 * that the dialog asks again with the options.
 */

export function normaliseAnswer(text: string | undefined): string {
  return (text ?? '')
    .toLocaleLowerCase('de')
    .replace(/ß/g, 'ss')
    .replace(/[„“”"'’.,;:!?()/+&-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const has = (text: string, patterns: readonly RegExp[]): boolean => patterns.some((pattern) => pattern.test(text));

/** "überspringen", "skip", "weiß nicht", "egal", "keine Angabe" */
export function isSkip(text: string | undefined): boolean {
  const said = normaliseAnswer(text);
  return /^(skip|überspringen|ueberspringen|weiter|egal|keine angabe|weiss nicht|weiß nicht|k ?a|no answer|don t know|dont know|not sure|pass|next|nächste frage)$/.test(said);
}

/** "fertig", "done", "das war's", "nichts weiter" */
export function isDone(text: string | undefined): boolean {
  return /^(fertig|done|finish(ed)?|das wars?|das war s|nichts (mehr|weiter)|ok|okay|weiter|that s all|no more)$/.test(normaliseAnswer(text));
}

const SITUATION_PATTERNS: Array<[Situation, RegExp[]]> = [
  ['school-leaver', [/school/, /schul(e|abg|abschl|zeit)/, /schüler/, /abgänger/, /abgaenger/, /\bschule\b/, /\bazubi\b/, /graduat/, /\bleaver/]],
  ['returning', [/pause/, /elternzeit/, /wieder ?einst/, /wiedereinstieg/, /zurück/, /zurueck/, /\bbreak\b/, /return/, /lange nicht/, /arbeitslos/, /unemploy/]],
  ['career-change', [/umschul/, /neu orientier/, /neuorientier/, /wechsel/, /anderen beruf/, /change/, /umsteig/, /quereinst/, /neuanfang/, /neustart/]],
  ['experienced', [/erfahr/, /experien/, /berufserf/, /gearbeitet/, /arbeite schon/, /job/, /beruf/, /worked/, /working/]],
];

export function parseSituation(text: string | undefined): Situation | undefined {
  const said = normaliseAnswer(text);
  if (!said) return undefined;
  return SITUATION_PATTERNS.find(([, patterns]) => has(said, patterns))?.[0];
}

const FIELD_PATTERNS: Record<Field, RegExp[]> = {
  handwerk: [/handwerk/, /craft/, /trade/, /bau\b/, /\bbau/, /maler/, /tischler/, /schreiner/, /elektr/, /sanitär/, /sanitaer/, /dachdeck/, /maurer/, /kfz/, /werkstatt/],
  technik: [/techni/, /tech\b/, /mechatron/, /metall/, /industrie/, /maschin/, /produktion/, /fertigung/, /engineer/, /manufactur/],
  logistik: [/logisti/, /lager/, /versand/, /warehouse/, /spedition/, /fahrer/, /driver/, /paket/, /stapler/, /transport/],
  gastronomie: [/gastro/, /küche/, /kueche/, /koch/, /kochen/, /restaurant/, /hotel/, /service/, /kitchen/, /cook/, /catering/, /kantine/],
  pflege: [/pflege/, /kranken/, /altenpfl/, /senior/, /care\b/, /nursing/, /health/, /gesundheit/, /medizin/, /arztpraxis/],
  handel: [/handel/, /verkauf/, /einzelhandel/, /supermarkt/, /kasse/, /retail/, /\bsales?\b/, /shop/, /laden/],
  buero: [/büro/, /buero/, /office/, /verwaltung/, /kaufm/, /admin/, /sekretar/, /empfang/],
  it: [/\bit\b/, /informatik/, /computer/, /software/, /program/, /digital/, /edv/, /fachinformatik/],
  gruen: [/grün/, /gruen/, /garten/, /garden/, /landschaft/, /pflanz/, /natur/, /umwelt/, /forst/, /green/],
  soziales: [/sozial/, /social/, /kinder/, /kita/, /erzieh/, /child/, /jugend/, /betreuung/, /pädagog/, /paedagog/],
  reinigung: [/reinig/, /putz/, /clean/, /hauswirtschaft/, /gebäudereinig/, /housekeep/],
};

/** Several fields in one text ("Logistik und Pflege"); empty when nothing is understood. */
export function parseFields(text: string | undefined): Field[] {
  const said = normaliseAnswer(text);
  if (!said) return [];
  return FIELDS.filter((field) => has(said, FIELD_PATTERNS[field]));
}

export function parseDegree(text: string | undefined): Degree | undefined {
  const said = normaliseAnswer(text);
  if (!said) return undefined;
  if (has(said, [/ohne/, /\bkein(en)?\b/, /\bnone\b/, /\bno (school )?(degree|qualification)/, /\bnothing\b/, /nicht geschafft/, /abgebrochen/, /^none$/])) return 'none';
  // Fachoberschulreife (FOR) is the degree after class 10, not the Fachabitur.
  if (has(said, [/fachoberschulreife/])) return 'realschule';
  if (has(said, [/fach ?abi/, /fachhochschulreife/, /\bfhr\b/, /fach ?hochschul/, /\bfos\b/, /fachoberschul/])) return 'fachabitur';
  if (has(said, [/\babi\b/, /abitur/, /allgemeine hochschulreife/, /\bahr\b/, /a ?levels?/, /high ?school diploma/, /matura/, /gymnasium/])) return 'abitur';
  if (has(said, [/real ?schul/, /mittlere[rn]? reife/, /mittlere[rn]? schulabschluss/, /\bmsa\b/, /\bfor\b/, /sekundarabschluss i\b/, /gcse/, /secondary/, /10 ?b\b/, /10\. klasse/, /zehnte/])) return 'realschule';
  if (has(said, [/haupt ?schul/, /\bhsa\b/, /\besa\b/, /erste[rn]? (allgemeinbildende[rn]? )?schulabschluss/, /berufsreife/, /\bbbr\b/, /9 ?a\b/, /9\. klasse/, /neunte/, /basic/])) return 'hauptschule';
  return undefined;
}

export function parseGermanLevel(text: string | undefined): GermanLevel | undefined {
  const said = normaliseAnswer(text);
  if (!said) return undefined;
  const cefr = /\b([abc])\s?([12])\b/.exec(said);
  if (cefr) return `${cefr[1]!.toUpperCase()}${cefr[2]}` as GermanLevel;
  if (has(said, [/mutter ?sprach/, /\bnative\b/, /muttersprachl/, /erstsprache/, /first language/, /deutsch(e|er)? bin/, /aufgewachsen/, /\bmother tongue\b/])) return 'native';
  if (has(said, [/fliessend/, /fließend/, /fluent/, /sehr gut/, /very good/, /perfekt/, /perfect/])) return 'C1';
  if (has(said, [/kaum/, /gar nicht/, /\bkein(e)?\b/, /\bnone\b/, /not at all/, /anfänger/, /anfaenger/, /beginner/])) return 'A1';
  if (has(said, [/wenig/, /bisschen/, /etwas/, /a little/, /some\b/, /basic/])) return 'A2';
  if (has(said, [/mittel/, /ganz ok/, /intermediate/, /\bokay\b/, /\bok\b/])) return 'B1';
  if (has(said, [/\bgut\b/, /\bgood\b/, /well/])) return 'B2';
  return undefined;
}

const CONSTRAINT_PATTERNS: Record<Constraint, RegExp[]> = {
  childcare: [/kind/, /child/, /betreuung/, /kita/, /alleinerz/, /eltern/, /parent/, /pflege von angeh/],
  mobility: [/mobil/, /auto/, /\bcar\b/, /führerschein/, /fuehrerschein/, /licen[cs]e/, /bus/, /bahn/, /öpnv/, /oepnv/, /rollstuhl/, /wheelchair/, /weit fahren/, /travel/],
  'part-time': [/teilzeit/, /part ?time/, /halbtags/, /stunden/, /hours/, /nur vormittags/, /mornings/],
};

/** Several constraints in one text; `none` when the person says there are none. */
export function parseConstraints(text: string | undefined): Constraint[] | 'none' | undefined {
  const said = normaliseAnswer(text);
  if (!said) return undefined;
  const found = CONSTRAINTS.filter((constraint) => has(said, CONSTRAINT_PATTERNS[constraint]));
  if (found.length > 0) return found;
  if (has(said, [/^(nein|keine?|nichts|none|no|nope)\b/, /keine einschr/, /no (constraints|limits)/, /flexibel/, /flexible/])) return 'none';
  return undefined;
}

export function parseStart(text: string | undefined): Start | undefined {
  const said = normaliseAnswer(text);
  if (!said) return undefined;
  if (has(said, [/sofort/, /\bjetzt\b/, /gleich/, /\bnow\b/, /immediately/, /asap/, /morgen/, /nächste woche/, /naechste woche/, /right away/])) return 'now';
  if (has(said, [/später/, /spaeter/, /later/, /sommer/, /summer/, /nächstes jahr/, /naechstes jahr/, /next year/, /herbst/, /\bin (4|5|6|sechs|fünf|vier) monat/])) return 'later';
  if (has(said, [/bald/, /soon/, /monat/, /month/, /wochen/, /weeks/])) return 'soon';
  return undefined;
}
