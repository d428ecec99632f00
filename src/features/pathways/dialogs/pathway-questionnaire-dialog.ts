import { WaterfallDialog, type Choice, type Dialog, type DialogTurnResult, type FoundChoice, type PromptOptions, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { BotDeps } from '../../../bot/bot-deps.js';
import { choicePromptOptions, type ButtonChoice } from '../../../bot/choices.js';
import { turnServices } from '../../../bot/turn-services.js';
import { consented, consentedOf } from '../../../../dialogs/consent-check.js';
import { isDone, parseConstraints, parseDegree, parseFields, parseGermanLevel, parseSituation, parseStart } from '../domain/answer-parsing.js';
import {
  CONSTRAINTS,
  DEGREES,
  FIELDS,
  GERMAN_LEVELS,
  QUESTIONS,
  SITUATIONS,
  STARTS,
  isAnswered,
  type AnswerValues,
  type Constraint,
  type Field,
  type QuestionId,
} from '../domain/pathway.js';
import type { PathwayService } from '../domain/pathway-service.js';
import { createLenientPrompt, SKIP } from './pathway-prompts.js';
import { familyKey, type TranslationKey } from '../../../platform/i18n/translation-keys.js';
import type { Translate } from '../../../platform/i18n/translator.js';

export const PATHWAY_QUESTIONNAIRE_DIALOG = 'pathwayQuestionnaire';
export const PATHWAY_MULTI_DIALOG = 'pathwayMultiChoice';
/** Set by the results dialog: where the questionnaire goes when it is done. */
export const PATHWAY_RESULTS_DIALOG = 'pathwayResults';

const SINGLE_PROMPT = 'pathwayQuestionnaire.single';
const MULTI_PROMPT = 'pathwayQuestionnaire.multi';

export interface QuestionnaireOptions {
  /** Ask every question again ("change my answers"); otherwise only unanswered ones. */
  change?: boolean;
}

interface QuestionnaireState {
  answers: AnswerValues;
  skipped: QuestionId[];
  ask: QuestionId[];
  pending?: QuestionId;
  profileId: string;
}

type MultiQuestion = 'fields' | 'constraints';
interface MultiOptions {
  question: MultiQuestion;
  selected: string[];
}
/** What the multi-choice dialog returns. */
interface MultiResult {
  values?: string[];
  skipped?: boolean;
}

const NONE = 'none';
const DONE = 'done';

/**
 * The guided questionnaire of "Wege in Arbeit": situation, fields (several), school degree,
 * German, constraints (several), earliest start. Each question can be skipped; answered (or
 * skipped) ones are not asked again unless the person changes their answers. Typed answers are
 * understood leniently ("Mittlere Reife", "B1", "kein Auto").
 */
export function pathwayQuestionnaireDialog(deps: BotDeps, pathways: PathwayService): Dialog[] {
  const state = (step: WaterfallStepContext): QuestionnaireState => step.values as QuestionnaireState;
  // "überspringen", "weiß nicht", "skip": typed in any language the bot speaks.
  const skipWords = deps.translator.inAllLocales('pathways:skipWords').flatMap((words) => words.split('|'));

  async function begin(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const who = await consented(step, 'pathways:needConsent');
    if (!who) return step.endDialog();
    const { turn, profile } = who;
    const stored = await pathways.getAnswers(turn.tenant.id, profile._id);
    const change = (step.options as QuestionnaireOptions | undefined)?.change ?? false;
    const values = state(step);
    values.profileId = profile._id;
    values.answers = stored ? { situation: stored.situation, fields: stored.fields, degree: stored.degree, german: stored.german, constraints: stored.constraints, start: stored.start } : {};
    values.skipped = change ? [] : [...(stored?.skipped ?? [])];
    values.ask = change ? [...QUESTIONS] : QUESTIONS.filter((question) => !isAnswered(stored, question));
    if (values.ask.length > 0 && (!stored || change)) await step.context.sendActivity(turn.t('pathways:intro'));
    return step.next();
  }

  /**
   * Records the answer to the question asked in the previous step, and stores the answers at once:
   * a person who leaves in the middle (/human, /menu) keeps what they told us.
   */
  async function record(step: WaterfallStepContext): Promise<void> {
    const values = state(step);
    const question = values.pending;
    values.pending = undefined;
    if (!question) return;
    takeAnswer(step, values, question);
    const turn = turnServices(step.context);
    // Not after "delete me" in another tab: nothing is stored again for someone who left.
    if (!consentedOf(turn) || turn.profile?._id !== values.profileId) return;
    await pathways.saveAnswers(turn.tenant.id, values.profileId, values.answers, values.skipped);
  }

  function takeAnswer(step: WaterfallStepContext, values: QuestionnaireState, question: QuestionId): void {
    const skip = (): void => {
      delete values.answers[question];
      if (!values.skipped.includes(question)) values.skipped.push(question);
    };
    const keep = (): void => {
      values.skipped = values.skipped.filter((skipped) => skipped !== question);
    };
    if (question === 'fields' || question === 'constraints') {
      const result = step.result as MultiResult | undefined;
      if (!result || result.skipped) return skip();
      keep();
      if (question === 'fields') values.answers.fields = result.values as Field[];
      else values.answers.constraints = result.values as Constraint[];
      return;
    }
    const value = (step.result as FoundChoice | undefined)?.value;
    if (!value || value === SKIP) return skip();
    keep();
    (values.answers as Record<string, string>)[question] = value;
  }

  function askStep(question: QuestionId) {
    return async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
      await record(step);
      const values = state(step);
      if (!values.ask.includes(question)) return step.next();
      values.pending = question;
      const { t } = turnServices(step.context);
      if (question === 'fields' || question === 'constraints') {
        return step.beginDialog(PATHWAY_MULTI_DIALOG, { question, selected: [] } satisfies MultiOptions);
      }
      const items: ButtonChoice[] = singleChoices(t, question, (key) => deps.translator.inAllLocales(key));
      return step.prompt(SINGLE_PROMPT, {
        ...choicePromptOptions(t(`pathways:question.${question}`), `${t('pathways:retry')}\n${t(`pathways:question.${question}`)}`, [...items, { value: SKIP, title: t('pathways:actions.skip') }]),
        validations: { question },
      });
    };
  }

  async function finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await record(step);
    // record() stored the answers already (after each answer).
    if (!consentedOf(turnServices(step.context))) return step.endDialog();
    return step.replaceDialog(PATHWAY_RESULTS_DIALOG, {});
  }

  // ---- several answers to one question (fields, constraints) ----

  async function askMulti(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { t } = turnServices(step.context);
    const { question, selected } = step.options as MultiOptions;
    const all: readonly string[] = question === 'fields' ? FIELDS : CONSTRAINTS;
    const label = (value: string): string => t(familyKey(question === 'fields' ? 'pathways:field.' : 'pathways:constraint.', value));
    const items: ButtonChoice[] = all.filter((value) => !selected.includes(value)).map((value) => ({ value, title: label(value) }));
    if (selected.length > 0) items.push({ value: DONE, title: t('pathways:actions.done') });
    else {
      if (question === 'constraints') items.push({ value: NONE, title: t('pathways:actions.none') });
      items.push({ value: SKIP, title: t('pathways:actions.skip') });
    }
    const text = selected.length > 0 ? t(`pathways:question.${question}More`, { chosen: selected.map(label).join(', ') }) : t(`pathways:question.${question}`);
    return step.prompt(MULTI_PROMPT, { ...choicePromptOptions(text, `${t('pathways:multiRetry')}\n${text}`, items), validations: { question } });
  }

  async function addMulti(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { question, selected } = step.options as MultiOptions;
    const value = (step.result as FoundChoice).value;
    if (value === SKIP) return step.endDialog({ skipped: true } satisfies MultiResult);
    if (value === DONE) return step.endDialog({ values: selected } satisfies MultiResult);
    if (value === NONE) return step.endDialog({ values: [] } satisfies MultiResult);
    const added = value.startsWith('multi:') ? value.slice('multi:'.length).split(',') : [value];
    const all: readonly string[] = question === 'fields' ? FIELDS : CONSTRAINTS;
    const next = all.filter((candidate) => selected.includes(candidate) || added.includes(candidate));
    if (next.length === all.length) return step.endDialog({ values: next } satisfies MultiResult);
    return step.replaceDialog(PATHWAY_MULTI_DIALOG, { question, selected: next } satisfies MultiOptions);
  }

  const parseSingle = (question: QuestionId, text: string): string | undefined => {
    switch (question) {
      case 'situation':
        return parseSituation(text);
      case 'degree':
        return parseDegree(text);
      case 'german':
        return parseGermanLevel(text);
      case 'start':
        return parseStart(text);
      default:
        return undefined;
    }
  };

  const questionOf = (options: PromptOptions): QuestionId | undefined => (options.validations as { question?: QuestionId } | undefined)?.question;

  const parseMulti = (text: string, options: PromptOptions): string | undefined => {
    const offered = ((options.choices ?? []) as Choice[]).map((choice) => choice.value);
    if (offered.includes(DONE) && isDone(text)) return DONE;
    if (questionOf(options) === 'fields') {
      const fields = parseFields(text);
      return fields.length > 0 ? `multi:${fields.join(',')}` : undefined;
    }
    const constraints = parseConstraints(text);
    if (constraints === 'none') return offered.includes(NONE) ? NONE : DONE;
    return constraints ? `multi:${constraints.join(',')}` : undefined;
  };

  return [
    new WaterfallDialog(PATHWAY_QUESTIONNAIRE_DIALOG, [
      begin,
      askStep('situation'),
      askStep('fields'),
      askStep('degree'),
      askStep('german'),
      askStep('constraints'),
      askStep('start'),
      finish,
    ]),
    new WaterfallDialog(PATHWAY_MULTI_DIALOG, [askMulti, addMulti]),
    // The prompt's options name the question, so one prompt serves every single-answer question.
    createLenientPrompt(SINGLE_PROMPT, (text, options) => {
      const question = questionOf(options);
      return question ? parseSingle(question, text) : undefined;
    }, skipWords),
    createLenientPrompt(MULTI_PROMPT, parseMulti, skipWords),
  ];
}

/** The buttons of a single-answer question; `inAllLocales`: its titles in every language are understood when typed. */
export function singleChoices(t: Translate, question: QuestionId, inAllLocales?: (key: TranslationKey) => string[]): ButtonChoice[] {
  const choice = (value: string, key: TranslationKey): ButtonChoice => ({ value, title: t(key), ...(inAllLocales ? { synonyms: inAllLocales(key) } : {}) });
  switch (question) {
    case 'situation':
      return SITUATIONS.map((value) => choice(value, `pathways:situation.${value}`));
    case 'degree':
      return DEGREES.map((value) => choice(value, `pathways:degree.${value}`));
    case 'german':
      return GERMAN_LEVELS.map((value) => choice(value, `pathways:german.${value}`));
    case 'start':
      return STARTS.map((value) => choice(value, `pathways:start.${value}`));
    default:
      return [];
  }
}
