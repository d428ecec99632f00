import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONSENT_VERSION } from '../../../src/foundation/privacy/consent-version.js';
import { consentedProfile } from '../../../src/foundation/profiles/profile.js';
import { ProfileRepository } from '../../../src/foundation/profiles/profile-repository.js';
import { de, en, languageButtons, reply, startDialogTestKit, type DialogChat, type DialogTestKit } from '../../support/dialog-test-kit.js';

/** Every journey of the main menu, in German: the features' entries, then the foundation's profile and help. */
const journeyTitles = (): string[] => [
  de('volunteering:menu.deeds'),
  de('volunteering:menu.profile'),
  de('marketplace:menu'),
  de('workshops:menuEntry'),
  de('pathways:menuEntry'),
  de('handoff:menuEntry'),
  de('menu:profile'),
  de('menu:help'),
];

describe('start and consent (dialog test)', () => {
  let kit: DialogTestKit;
  let profiles: ProfileRepository;
  const stored = (chat: DialogChat) => profiles.findByAccount(chat.account);

  beforeEach(async () => {
    kit = await startDialogTestKit({ tenant: 'wuppertal' });
    profiles = new ProfileRepository(kit.app.store);
  });
  afterEach(async () => kit.close());

  it('greets, asks the language, shows the privacy notice, and after consent opens the main menu with every journey', async () => {
    const chat = kit.chat();
    await chat.adapter
      .send(chat.opening())
      .assertReply(reply(de('start:greeting', { tenant: 'Wuppertal' })))
      .assertReply(reply(de('start:chooseLanguage'), languageButtons()))
      .assertNoReply('the language question waits for an answer', 50);

    await chat.adapter
      .send(chat.press('Deutsch'))
      .assertReply(reply(de('start:privacyNotice', { tenant: 'Wuppertal' })))
      .assertReply(reply(de('start:consentQuestion'), [de('start:consentYes'), de('start:consentNo')]))
      .assertNoReply('the consent question waits for an answer', 50);
    // Nothing is stored before the person agrees.
    expect(await stored(chat)).toBeNull();

    const [thanks, menu, ...more] = await chat.turn(chat.press(de('start:consentYes')));
    expect(thanks?.text).toBe(de('start:consentThanks'));
    expect(menu?.text).toBe(de('menu:prompt'));
    expect(more).toEqual([]);
    const buttons = chat.buttons();
    // Every journey, each with its German title (none missing, no text key showing instead of a title).
    expect(buttons).toHaveLength(journeyTitles().length);
    expect(buttons).toEqual(expect.arrayContaining(journeyTitles()));
    expect(buttons.slice(-2)).toEqual([de('menu:profile'), de('menu:help')]);

    const profile = await stored(chat);
    expect(consentedProfile(profile, CONSENT_VERSION)).not.toBeNull();
    expect(profile).toMatchObject({
      tenantId: 'wuppertal',
      locale: 'de',
      consent: { status: 'given', version: CONSENT_VERSION },
      announcements: { subscribed: true, topics: [] },
      status: 'active',
    });
    expect(profile!.accounts).toEqual([expect.objectContaining({ channel: 'webchat', accountId: chat.account.accountId, conversationId: chat.conversationId })]);

    // The menu works: "Help" answers and the menu comes again.
    const help = await chat.turn(chat.press(de('menu:help')));
    expect(help.map((activity) => activity.text)).toContain(de('help:text'));
  });

  it('keeps no profile when the person declines: only the refusal, and the bot does not ask again unasked', async () => {
    const chat = kit.chat({ locale: 'en-GB' });
    await chat.adapter
      .send(chat.opening())
      .assertReply(reply(en('start:greeting', { tenant: 'Wuppertal' })))
      .assertReply(reply(en('start:chooseLanguage'), languageButtons('en')));
    await chat.adapter
      .send(chat.press('English'))
      .assertReply(reply(en('start:privacyNotice', { tenant: 'Wuppertal' })))
      .assertReply(reply(en('start:consentQuestion'), [en('start:consentYes'), en('start:consentNo')]));
    await chat.adapter
      .send(chat.press(en('start:consentNo')))
      .assertReply(reply(en('start:declined')))
      .assertNoReply('no menu after declining', 50);

    // The only record: whom the refusal concerns, which notice and when; no language, no way to reach them.
    const record = await stored(chat);
    expect(consentedProfile(record, CONSENT_VERSION)).toBeNull();
    expect(record?.consent).toMatchObject({ status: 'declined', version: CONSENT_VERSION });
    expect(record?.locale).toBeUndefined();
    expect(record?.announcements).toEqual({ subscribed: false, topics: [] });
    expect(record?.accounts).toEqual([{ channel: 'webchat', accountId: chat.account.accountId, addedAt: expect.any(Date) }]);

    // Writing again gets the reminder, in the language of this chat, and no question.
    await chat.adapter.send('hello').assertReply(reply(en('start:declinedReminder'))).assertNoReply('no consent question again', 50);
    // Opening the chat again: the greeting and the reminder, still no question.
    await chat.adapter
      .send(chat.opening())
      .assertReply(reply(en('start:greeting', { tenant: 'Wuppertal' })))
      .assertReply(reply(en('start:declinedReminder')))
      .assertNoReply('no consent question on a new visit', 50);
    // A menu journey needs consent: the reminder again, nothing stored.
    await chat.adapter.send('/menu').assertReply(reply(en('start:declinedReminder')));
    expect((await stored(chat))?.consent.status).toBe('declined');
  });

  it('takes typed answers on Telegram, and only an exact "Einverstanden" as consent', async () => {
    const chat = kit.chat({ channel: 'telegram' });
    await chat.adapter
      .send('/start')
      .assertReply(reply(de('start:greeting', { tenant: 'Wuppertal' })))
      .assertReply(reply(de('start:chooseLanguage'), languageButtons()));
    // The language typed in lower case selects it.
    await chat.adapter
      .send('deutsch')
      .assertReply(reply(de('start:privacyNotice', { tenant: 'Wuppertal' })))
      .assertReply(reply(de('start:consentQuestion'), [de('start:consentYes'), de('start:consentNo')]));
    // A sentence that merely contains the word is no consent: asked again, nothing stored.
    await chat.adapter
      .send('ich bin nicht einverstanden')
      .assertReply(reply(de('start:consentRetry'), [de('start:consentYes'), de('start:consentNo')]))
      .assertNoReply('only the retry', 50);
    expect(await stored(chat)).toBeNull();

    await chat.adapter.send(de('start:consentYes')).assertReply(reply(de('start:consentThanks'))).assertReply(reply(de('menu:prompt')));
    expect(chat.buttons()).toEqual(expect.arrayContaining(journeyTitles()));
    const profile = await stored(chat);
    expect(profile).toMatchObject({ locale: 'de', consent: { status: 'given', version: CONSENT_VERSION } });
    expect(profile!.accounts).toEqual([expect.objectContaining({ channel: 'telegram', accountId: chat.account.accountId, conversationId: chat.conversationId })]);
  });
});
