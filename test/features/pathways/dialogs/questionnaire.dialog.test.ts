import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PathwayAnswersRepository, PathwayRepository, PathwayRequestRepository } from '../../../../src/features/pathways/domain/pathway-repository.js';
import { profileIdFor } from '../../../../src/foundation/profiles/profile-repository.js';
import { agreeToPrivacy, de, reply, startDialogTestKit, textsOf, type DialogChat, type DialogTestKit } from '../../../support/dialog-test-kit.js';

/** The button titles of one group of answers, in the order of the German texts. */
const titlesOf = (group: string, values: readonly string[]): string[] => values.map((value) => de(`pathways:${group}.${value}`));
const SITUATIONS = ['school-leaver', 'experienced', 'returning', 'career-change'];
const FIELDS = ['handwerk', 'technik', 'logistik', 'gastronomie', 'pflege', 'handel', 'buero', 'it', 'gruen', 'soziales', 'reinigung'];
const DEGREES = ['none', 'hauptschule', 'realschule', 'fachabitur', 'abitur'];
const GERMAN = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'];
const CONSTRAINTS = ['childcare', 'mobility', 'part-time'];
const STARTS = ['now', 'soon', 'later'];

describe('the "Wege in Arbeit" questionnaire (dialog test, Dortmund demo content)', () => {
  let kit: DialogTestKit;
  let chat: DialogChat;

  beforeEach(async () => {
    kit = await startDialogTestKit({ tenant: 'dortmund' });
    chat = kit.chat();
    await agreeToPrivacy(kit, chat, 'de');
  });
  afterEach(async () => kit.close());

  const storedAnswers = () => new PathwayAnswersRepository(kit.app.store).find('dortmund', profileIdFor(chat.account));
  const skip = de('pathways:actions.skip');

  it('asks the six questions with buttons and typed answers, stores each answer, and shows matching pathways with next steps', async () => {
    await chat.adapter
      .send(chat.press(de('pathways:menuEntry')))
      .assertReply(reply(de('pathways:intro')))
      .assertReply(reply(de('pathways:question.situation'), [...titlesOf('situation', SITUATIONS), skip]));

    await chat.adapter
      .send(chat.press(de('pathways:situation.school-leaver')))
      .assertReply(reply(de('pathways:question.fields'), [...titlesOf('field', FIELDS), skip]));
    // Several fields: each press notes one, "Fertig" ends the question.
    await chat.adapter
      .send(chat.press(de('pathways:field.handwerk')))
      .assertReply(reply(de('pathways:question.fieldsMore', { chosen: de('pathways:field.handwerk') }), [...titlesOf('field', FIELDS.slice(1)), de('pathways:actions.done')]));
    await chat.adapter
      .send(chat.press(de('pathways:actions.done')))
      .assertReply(reply(de('pathways:question.degree'), [...titlesOf('degree', DEGREES), skip]));
    // Typed in the person's own words: "Mittlere Reife" is the Realschulabschluss.
    await chat.adapter.send('Mittlere Reife').assertReply(reply(de('pathways:question.german'), [...titlesOf('german', GERMAN), skip]));
    // Whoever leaves now keeps what they said so far.
    expect(await storedAnswers()).toMatchObject({ situation: 'school-leaver', fields: ['handwerk'], degree: 'realschule' });

    await chat.adapter
      .send(chat.press('B2'))
      .assertReply(reply(de('pathways:question.constraints'), [...titlesOf('constraint', CONSTRAINTS), de('pathways:actions.none'), skip]));
    await chat.adapter
      .send(chat.press(de('pathways:actions.none')))
      .assertReply(reply(de('pathways:question.start'), [...titlesOf('start', STARTS), skip]));

    // "weiß nicht" skips the last question; the results follow.
    const [intro, ...rest] = await chat.turn('weiß nicht');
    expect(intro?.text).toBe(de('pathways:resultsIntro'));
    const cards = textsOf(rest).slice(0, -1);
    expect(textsOf(rest).at(-1)).toBe(de('pathways:resultsPrompt'));
    expect(cards).toHaveLength(3);
    const offered = await new PathwayRepository(kit.app.store).list('dortmund', 'active');
    for (const [index, card] of cards.entries()) {
      const title = card.split('\n')[0]!.replace(new RegExp(`^${index + 1}\\. `), '');
      const pathway = offered.find((candidate) => candidate.title === title);
      expect(pathway, `card ${index + 1} names an offered pathway: ${card}`).toBeDefined();
      expect(card).toContain(de(`pathways:kind.${pathway!.kind}`));
      expect(card.split('\n').at(-1)).toBe(de('pathways:nextStepLine', { nextStep: pathway!.nextStep }));
    }
    // The best fit is meant for school leavers and for the chosen field.
    expect(cards[0]).toContain(de('pathways:fitsBecause', { reasons: '' }));
    const buttons = chat.buttons();
    expect(buttons.slice(0, 3)).toEqual([1, 2, 3].map((n) => de('pathways:actions.details', { n })));
    expect(buttons.at(-1)).toBe(de('pathways:actions.finish'));

    expect(await storedAnswers()).toMatchObject({
      situation: 'school-leaver',
      fields: ['handwerk'],
      degree: 'realschule',
      german: 'B2',
      constraints: [],
      skipped: ['start'],
    });
    expect((await storedAnswers())?.start).toBeUndefined();

    // One of them saved under "Meine Wege".
    const [details] = await chat.turn(chat.press(de('pathways:actions.details', { n: 1 })));
    const firstTitle = cards[0]!.split('\n')[0]!.replace(/^1\. /, '');
    expect(details?.text?.startsWith(`${firstTitle}\n`)).toBe(true);
    expect(chat.buttons()[0]).toBe(de('pathways:actions.save'));
    await chat.adapter.send(chat.press(de('pathways:actions.save'))).assertReply(reply(de('pathways:saved'))).assertReply(reply(de('pathways:details.prompt')));
    const saved = await new PathwayRequestRepository(kit.app.store).listForProfile('dortmund', profileIdFor(chat.account));
    expect(saved.map((request) => request.pathwayId)).toEqual([offered.find((pathway) => pathway.title === firstTitle)!._id]);
  });

  it('asks again with the options when a typed answer is not understood, and takes "Überspringen"', async () => {
    await chat.turn(chat.press(de('pathways:menuEntry')));
    await chat.adapter
      .send('Banane')
      .assertReply(reply(`${de('pathways:retry')}\n${de('pathways:question.situation')}`, [...titlesOf('situation', SITUATIONS), skip]))
      .assertNoReply('only the question again', 50);
    expect(await storedAnswers()).toBeNull();

    await chat.adapter.send('überspringen').assertReply(reply(de('pathways:question.fields')));
    expect(await storedAnswers()).toMatchObject({ skipped: ['situation'] });
    expect((await storedAnswers())?.situation).toBeUndefined();
  });
});
