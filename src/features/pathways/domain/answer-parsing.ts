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

/**
 * The text is one of `skipWords` ("überspringen", "weiß nicht", "egal", "skip", …: the locales'
 * `pathways:skipWords`, in every language), compared as normaliseAnswer does ("k.A." is "k a").
 */
export function isSkip(text: string | undefined, skipWords: readonly string[]): boolean {
  const said = normaliseAnswer(text);
  return said.length > 0 && skipWords.some((word) => normaliseAnswer(word) === said);
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

/** Words that turn the term after them into its opposite ("kein Auto", "not very good"). */
const NEGATION = String.raw`(?:kein|keine|keinen|keiner|keins|ohne|nicht|no|not|without|never|nie|don t have|do not have|dont have|haven t|have not|hab(?:e)? nicht)`;
/** Up to two words between the negation and its term, but never across "und", "aber", ... */
const GAP = String.raw`(?:(?!(?:und|and|aber|but|oder|or|sondern)\b)[\p{L}\d]+ ){0,2}`;

/** After a term: "Abi nicht geschafft", "Hauptschule abgebrochen". */
const FAILED = String.raw`(?:nicht geschafft|nicht bestanden|abgebrochen|not (?:finished|completed|passed)|dropped out)`;

function negation(term: string, flags: string): RegExp {
  const word = String.raw`[\p{L}]*(?:${term})[\p{L}\d]*`;
  return new RegExp(String.raw`\b${NEGATION} ${GAP}${word}|\b${word} (?:[\p{L}]+ )?${FAILED}`, flags);
}

/** True when `term` (a regular expression source) is said in the negative ("kein Auto", "keine Kinderbetreuung"). */
function negated(said: string, term: string): boolean {
  return negation(term, 'u').test(said);
}

/** Removes negated mentions of `term` ("kein Abitur") so that only what the person has is left. */
function withoutNegated(said: string, term: string): string {
  return said.replace(negation(term, 'gu'), ' ').replace(/\s+/g, ' ').trim();
}

const DEGREE_TERMS: Array<[Exclude<Degree, 'none'>, string]> = [
  ['abitur', String.raw`abi\b|abitur|allgemeine hochschulreife|a ?levels?|high ?school diploma|matura`],
  ['fachabitur', String.raw`fach ?abi|fachhochschulreife|fhr\b|fos\b`],
  ['realschule', String.raw`real ?schul|mittlere[rn]? (?:reife|schulabschluss)|msa\b|fachoberschulreife`],
  ['hauptschule', String.raw`haupt ?schul|hsa\b|esa\b|erste[rn]? (?:allgemeinbildende[rn]? )?schulabschluss|berufsreife`],
];

/** Positive mentions only: call with the text from which negated degrees were removed. */
function positiveDegree(said: string, original: string): Degree | undefined {
  // Fachoberschulreife (FOR) is the degree after class 10, not the Fachabitur.
  if (has(said, [/fachoberschulreife/])) return 'realschule';
  if (has(said, [/fach ?abi/, /fachhochschulreife/, /\bfhr\b/, /fach ?hochschul/, /\bfos\b/, /fachoberschul/])) return 'fachabitur';
  if (has(said, [/\babi\b/, /abitur/, /allgemeine hochschulreife/, /\bahr\b/, /\ba ?levels?\b/, /high ?school diploma/, /matura/, /gymnasium/])) return 'abitur';
  // "FOR" only as the abbreviation: written in capitals, or the whole (short) answer.
  const saysFor = /\bFOR\b/.test(original) || /^(?:die |the |meine |my |habe |ich habe )?for$/.test(said);
  if (saysFor || has(said, [/real ?schul/, /mittlere[rn]? reife/, /mittlere[rn]? schulabschluss/, /\bmsa\b/, /sekundarabschluss i\b/, /gcse/, /\b10 ?b\b/, /\b10 ?klasse/, /klasse 10\b/, /zehnte/])) return 'realschule';
  if (has(said, [/haupt ?schul/, /\bhsa\b/, /\besa\b/, /erste[rn]? (allgemeinbildende[rn]? )?schulabschluss/, /berufsreife/, /\bbbr\b/, /\b9 ?a\b/, /\b9 ?klasse/, /klasse 9\b/, /neunte/])) return 'hauptschule';
  return undefined;
}

/**
 * The highest school degree. Negated degrees are left out first ("kein Abitur, aber Realschule" is
 * Realschule); an answer that only says which degree the person does not have is asked again,
 * except that without a Hauptschulabschluss there is no degree at all.
 */
export function parseDegree(text: string | undefined): Degree | undefined {
  const said = normaliseAnswer(text);
  if (!said) return undefined;
  let rest = said;
  const missing: Degree[] = [];
  for (const [degree, term] of DEGREE_TERMS) {
    if (!negated(rest, term)) continue;
    missing.push(degree);
    rest = withoutNegated(rest, term);
  }
  const positive = positiveDegree(rest, text ?? '');
  if (positive) return positive;
  if (has(rest, [/\bohne\b/, /\bkein(e|en)? ?(schul)?(abschluss|abschluß)?$/, /\bkein(en)? (schul)?abschluss/, /^(none|nothing|nichts|keinen?)$/, /\bno (school )?(degree|qualification|certificate)/, /nicht geschafft/, /abgebrochen/])) return 'none';
  if (missing.includes('hauptschule')) return 'none';
  return undefined;
}

export function parseGermanLevel(text: string | undefined): GermanLevel | undefined {
  const said = normaliseAnswer(text);
  if (!said) return undefined;
  const cefr = /\b([abc])\s?([12])\b/.exec(said);
  if (cefr) return `${cefr[1]!.toUpperCase()}${cefr[2]}` as GermanLevel;
  if (has(said, [/kaum/, /gar nicht/, /überhaupt nicht/, /ueberhaupt nicht/, /\bkein(e|en)? (wort )?deutsch/, /\bno german/, /^(kein(e|s)?|none|nichts|nothing)$/, /not at all/, /anfänger/, /anfaenger/, /beginner/])) return 'A1';
  // "nicht (so) gut", "not very good": a little.
  if (has(said, [/\bnicht (so |sehr |besonders |wirklich |ganz )?(gut|toll)\b/, /\bnot (very |that |so |really |too )?(good|well)\b/, /\bnicht (so )?viel\b/, /\bnot (very )?much\b/])) return 'A2';
  // Any other negation ("nicht meine Muttersprache", "noch nicht fließend") says too little: ask again.
  if (new RegExp(String.raw`\b${NEGATION}\b`, 'u').test(said)) return undefined;
  if (has(said, [/mutter ?sprach/, /\bnative\b/, /muttersprachl/, /erstsprache/, /first language/, /deutsch(e|er)? bin/, /aufgewachsen/, /\bmother tongue\b/])) return 'native';
  if (has(said, [/fliessend/, /fließend/, /fluent/, /sehr gut/, /very good/, /very well/, /perfekt/, /perfect/])) return 'C1';
  if (has(said, [/wenig/, /bisschen/, /etwas/, /a little/, /some\b/, /basic/])) return 'A2';
  if (has(said, [/mittel/, /ganz ok/, /intermediate/, /\bokay\b/, /\bok\b/])) return 'B1';
  if (has(said, [/\bgut\b/, /\bgood\b/, /well/])) return 'B2';
  return undefined;
}

/**
 * What counts as a constraint: children only when they are not denied ("keine Kinder"); a car or a
 * licence only when missing ("kein Auto"); part-time only when said so (hours alone say nothing).
 */
const CONSTRAINT_NEEDS: Record<Constraint, { mentions?: string; needs: RegExp[] }> = {
  childcare: {
    mentions: String.raw`\bkind(?! of\b)|\bchild|\bkids?\b|\bbab(?:y|ies)\b`,
    needs: [/betreuung/, /childcare/, /kita/, /alleinerz/, /single (mum|mom|dad|parent)/, /pflege von angeh/, /angehörige pflege/, /angehoerige pflege/, /care for (my )?(mother|father|parent|relative)/],
  },
  mobility: {
    mentions: String.raw`auto|car\b|führerschein|fuehrerschein|licen[cs]e|mobil\b|fahrrad|bike`,
    needs: [/mobilit/, /eingeschränkt mobil/, /eingeschraenkt mobil/, /\bimmobil/, /bus\b/, /\bbahn\b/, /öpnv/, /oepnv/, /public transport/, /rollstuhl/, /wheelchair/, /nicht (so )?weit fahren/, /can ?not travel/, /can t travel/, /kann nicht (weit )?fahren/],
  },
  'part-time': {
    needs: [/teilzeit/, /part ?time/, /halbtags/, /nur vormittags/, /nur nachmittags/, /(only|just) (in the )?mornings/, /wenige stunden/, /few hours/, /nur \d+ stunden/, /only \d+ hours/, /minijob/],
  },
};

/** Statements that rule a constraint out ("Vollzeit", "ich habe ein Auto", "keine Kinder"). */
const NO_CONSTRAINT = [/^(nein|keine?|nichts|none|no|nope)\b/, /keine einschr/, /no (constraints|limits|restrictions)/, /flexibel/, /flexible/, /vollzeit/, /full ?time/, /\b(ein|einen|mein|meinen|an|my|a) (eigenes? |own )?(auto|car|führerschein|fuehrerschein|licen[cs]e)\b/];

/** Several constraints in one text; `none` when the person says there are none. */
export function parseConstraints(text: string | undefined): Constraint[] | 'none' | undefined {
  const said = normaliseAnswer(text);
  if (!said) return undefined;
  const found = CONSTRAINTS.filter((constraint) => {
    const { mentions, needs } = CONSTRAINT_NEEDS[constraint];
    const needsTerms = needs.some((pattern) => pattern.test(said) && !negated(said, pattern.source));
    if (constraint === 'childcare') return needsTerms || (!!mentions && new RegExp(mentions).test(said) && !negated(said, mentions));
    if (constraint === 'mobility') return needsTerms || (!!mentions && negated(said, mentions));
    return needsTerms;
  });
  if (found.length > 0) return found;
  const deniesSome = CONSTRAINTS.some((constraint) => {
    const { mentions } = CONSTRAINT_NEEDS[constraint];
    return !!mentions && negated(said, mentions);
  });
  if (deniesSome || has(said, NO_CONSTRAINT)) return 'none';
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
