import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpportunityRepository } from '../../../../src/features/volunteering/domain/opportunities/opportunity-repository.js';
import type { Opportunity } from '../../../../src/features/volunteering/domain/opportunities/opportunity.js';
import { profileIdFor } from '../../../../src/foundation/profiles/profile-repository.js';
import { agreeToPrivacy, de, reply, startDialogTestKit, textsOf, type DialogChat, type DialogTestKit } from '../../../support/dialog-test-kit.js';

const contactLine = (deed: Opportunity): string => [deed.contact.name, deed.contact.email, deed.contact.phone].filter(Boolean).join(', ');

describe('good deeds (dialog test, Wuppertal demo content)', () => {
  let kit: DialogTestKit;
  let chat: DialogChat;
  let opportunities: OpportunityRepository;

  beforeEach(async () => {
    kit = await startDialogTestKit({ tenant: 'wuppertal' });
    opportunities = new OpportunityRepository(kit.app.store);
    chat = kit.chat();
    await agreeToPrivacy(kit, chat, 'de');
  });
  afterEach(async () => kit.close());

  const registrationsOf = () => opportunities.registrationsOfProfile('wuppertal', profileIdFor(chat.account));

  /** Main menu → "Was kann ich Gutes tun?" → the first suggestion; returns that deed as stored. */
  async function openFirstSuggestion(): Promise<Opportunity> {
    const [list, ...more] = await chat.turn(chat.press(de('volunteering:menu.deeds')));
    // Without a volunteer profile: the plain introduction, three numbered suggestions and the tip.
    expect(list?.text).toMatch(new RegExp(`^${escape(de('volunteering:deeds.intro'))}\\n\\n1\\. .+\\n[\\s\\S]*\\n\\n2\\. [\\s\\S]*\\n\\n3\\. `));
    expect(list?.text?.endsWith(`\n\n${de('volunteering:deeds.profileHint')}`)).toBe(true);
    expect(textsOf(more)).toEqual([de('volunteering:deeds.prompt')]);
    const buttons = chat.buttons();
    expect(buttons.slice(0, 3).map((title) => title.slice(0, 3))).toEqual(['1. ', '2. ', '3. ']);
    expect(buttons).toEqual(
      expect.arrayContaining([de('volunteering:deeds.more'), de('volunteering:deeds.mine'), de('volunteering:deeds.createProfile'), de('common:back')]),
    );

    const [details, question, ...rest] = await chat.turn(chat.press(/^1\. /));
    const title = details?.text?.split('\n')[0] ?? '';
    const deed = (await opportunities.listOpen('wuppertal')).find((candidate) => candidate.title === title);
    expect(deed, `the details start with the title of an open deed, got "${title}"`).toBeDefined();
    expect(list?.text).toContain(`1. ${deed!.title}\n`);
    expect(details?.text?.split('\n').slice(0, 4)).toEqual([deed!.title, deed!.organisation, '', deed!.description]);
    expect(details?.text).toContain(de('volunteering:deeds.where', { where: deed!.online ? de('volunteering:deeds.online') : deed!.district! }));
    expect(details?.text).toContain(de('volunteering:deeds.time', { time: deed!.timeNeeded }));
    expect(details?.text).toContain(de('volunteering:deeds.places', { count: deed!.places }));
    expect(details?.text).toContain(de('volunteering:deeds.contact', { contact: contactLine(deed!) }));
    expect(question?.text).toBe(de('volunteering:deeds.deedPrompt'));
    expect(chat.buttons()).toEqual([de('volunteering:deeds.join'), de('volunteering:deeds.others'), de('common:back')]);
    expect(rest).toEqual([]);
    return deed!;
  }

  it('goes from the menu to a suggestion, registers with "Ich mache mit", and stores the registration', async () => {
    const deed = await openFirstSuggestion();
    expect(await registrationsOf()).toEqual([]);

    const joined = await chat.turn(chat.press(de('volunteering:deeds.join')));
    // No e-mail is configured: the registration waits for the team in the staff console.
    expect(textsOf(joined)).toEqual([
      `${de('volunteering:deeds.registeredConsole', { title: deed.title, organisation: deed.organisation, contact: deed.contact.name })} ${de('volunteering:deeds.withdrawHint')}`,
      ...(deed.startsAt ? [de('volunteering:deeds.followUpNote')] : []),
      de('volunteering:deeds.askReach'),
    ]);
    expect(chat.buttons()).toEqual([de('volunteering:contact.email'), de('volunteering:contact.phone'), de('volunteering:deeds.reachLater')]);
    expect(await registrationsOf()).toEqual([expect.objectContaining({ opportunityId: deed._id, status: 'registered' })]);

    // "Lieber nicht": the person is told whom to contact themselves, and the menu follows.
    await chat.adapter
      .send(chat.press(de('volunteering:deeds.reachLater')))
      .assertReply(reply(de('volunteering:deeds.reachSelf', { contact: contactLine(deed) })))
      .assertReply(reply(de('menu:prompt')));
    expect(await registrationsOf()).toEqual([expect.objectContaining({ opportunityId: deed._id, status: 'registered' })]);
  });

  it('lists the registration under "Meine Anmeldungen" and withdraws it there', async () => {
    const deed = await openFirstSuggestion();
    await chat.turn(chat.press(de('volunteering:deeds.join')));
    await chat.turn(chat.press(de('volunteering:deeds.reachLater')));

    await chat.turn(chat.press(de('volunteering:menu.deeds')));
    const [mine, prompt] = await chat.turn(chat.press(de('volunteering:deeds.mine')));
    expect(mine?.text).toMatch(new RegExp(`^${escape(de('volunteering:mine.intro'))}\\n\\n• ${escape(deed.title)} – `));
    expect(prompt?.text).toBe(de('volunteering:mine.prompt'));
    const withdrawPrefix = de('volunteering:mine.withdrawButton', { title: '' });
    expect(chat.buttons()).toHaveLength(2);
    expect(chat.buttons()[0]?.startsWith(withdrawPrefix)).toBe(true);
    expect(chat.buttons()[1]).toBe(de('common:back'));

    const withdrawn = await chat.turn(chat.press(new RegExp(`^${escape(withdrawPrefix)}`)));
    expect(textsOf(withdrawn).slice(0, 2)).toEqual([de('volunteering:mine.withdrawn', { title: deed.title }), de('volunteering:mine.none')]);
    expect(await registrationsOf()).toEqual([expect.objectContaining({ opportunityId: deed._id, status: 'withdrawn' })]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
