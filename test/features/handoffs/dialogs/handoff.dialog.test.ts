import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HandoffRepository } from '../../../../src/features/handoffs/domain/handoff-repository.js';
import { profileIdFor } from '../../../../src/foundation/profiles/profile-repository.js';
import { agreeToPrivacy, de, reply, startDialogTestKit, type DialogChat, type DialogTestKit } from '../../../support/dialog-test-kit.js';

const TOPICS = ['pathways', 'volunteering', 'workshops', 'privacy', 'other'];
const topicButtons = (): string[] => [...TOPICS.map((topic) => de(`handoff:topic.${topic}`)), de('handoff:cancel')];
const consentButtons = (): string[] => [de('handoff:consentYes'), de('handoff:consentNo')];

describe('talking to a person (dialog test)', () => {
  let kit: DialogTestKit;

  beforeEach(async () => {
    kit = await startDialogTestKit({ tenant: 'wuppertal' });
  });
  afterEach(async () => kit.close());

  const requestsOf = (chat: DialogChat) => new HandoffRepository(kit.app.store).listForProfile('wuppertal', profileIdFor(chat.account));

  it('asks the topic and a message, shares the message only with consent, stores the request and promises an honest reply time', async () => {
    const chat = kit.chat();
    await agreeToPrivacy(kit, chat, 'de');
    await chat.adapter
      .send(chat.press(de('handoff:menuEntry')))
      .assertReply(reply(de('handoff:topicPrompt', { tenant: 'Wuppertal' }), topicButtons()));
    await chat.adapter.send(chat.press(de('handoff:topic.volunteering'))).assertReply(reply(de('handoff:messagePrompt'), [de('handoff:skip')]));

    const message = 'Ich möchte mich im Quartier engagieren, weiß aber nicht wo.';
    await chat.adapter
      .send(message)
      .assertReply(reply(de('handoff:consentPrompt', { tenant: 'Wuppertal', shared: de('handoff:sharedMessage', { message }) }), consentButtons()));
    // Nothing goes to staff before the person decided.
    expect(await requestsOf(chat)).toEqual([]);

    await chat.adapter
      .send(chat.press(de('handoff:consentYes')))
      .assertReply(reply(de('handoff:created', { topic: de('handoff:topic.volunteering'), replyTime: de('handoff:replyTime') })))
      .assertReply(reply(de('menu:prompt')));

    const [request, ...others] = await requestsOf(chat);
    expect(others).toEqual([]);
    expect(request).toMatchObject({
      topic: 'volunteering',
      consentToShare: true,
      status: 'open',
      channel: 'webchat',
      language: 'de',
      messages: [{ from: 'person', text: message }],
    });

    // The next time, "Meine Anfragen" lists it.
    await chat.turn(chat.press(de('handoff:menuEntry')));
    expect(chat.buttons()).toContain(de('handoff:mine'));
    const [list] = await chat.turn(chat.press(de('handoff:mine')));
    expect(list?.text?.split('\n').slice(0, 3)).toEqual([
      de('handoff:mineHeader'),
      expect.stringMatching(new RegExp(`^1\\. ${de('handoff:topic.volunteering')} vom .+ – ${de('handoff:status.open')}$`)),
      de('handoff:mineLast', { who: de('handoff:mineYou'), text: message }),
    ]);
  });

  it('opens with /human on Telegram, takes the topic in the person\'s own words, and passes on only the category without consent', async () => {
    const chat = kit.chat({ channel: 'telegram' });
    await agreeToPrivacy(kit, chat, 'de');
    await chat.adapter.send('/human').assertReply(reply(de('handoff:topicPrompt', { tenant: 'Wuppertal' }), topicButtons()));

    const ownWords = 'Ich habe Schulden und brauche Rat, was ich tun kann';
    await chat.adapter
      .send(ownWords)
      .assertReply(reply(de('handoff:consentPrompt', { tenant: 'Wuppertal', shared: de('handoff:sharedMessage', { message: ownWords }) }), consentButtons()));
    await chat.adapter
      .send(chat.press(de('handoff:consentNo')))
      .assertReply(reply(de('handoff:createdWithoutSharing', { topic: de('handoff:topic.other'), replyTime: de('handoff:replyTime') })))
      .assertReply(reply(de('menu:prompt')));

    const [request] = await requestsOf(chat);
    expect(request).toMatchObject({ topic: 'other', consentToShare: false, messages: [], channel: 'telegram', language: 'de', status: 'open' });
    expect(request?.topicText).toBeUndefined();
    expect(JSON.stringify(request)).not.toContain('Schulden');
  });
});
