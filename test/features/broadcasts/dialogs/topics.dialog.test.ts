import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../../src/foundation/profiles/profile-repository.js';
import { agreeToPrivacy, de, reply, startDialogTestKit, textsOf, type DialogChat, type DialogTestKit } from '../../../support/dialog-test-kit.js';

const TOPICS = ['city', 'workshops', 'volunteering', 'jobs'] as const;
type Topic = (typeof TOPICS)[number];
const title = (topic: Topic): string => de(`common:announcementTopics.${topic}`);

/** What the topics question shows when the person receives `on`: the list with marks, and one button per topic. */
function topicsQuestion(on: readonly Topic[]): { text: string; buttons: string[] } {
  const mark = (topic: Topic) => (on.includes(topic) ? '✅' : '⬜');
  const list = TOPICS.map((topic) =>
    de('broadcasts:topicsDialog.line', { mark: mark(topic), topic: title(topic), state: de(on.includes(topic) ? 'broadcasts:topicsDialog.on' : 'broadcasts:topicsDialog.off') }),
  ).join('\n');
  return {
    text: de(on.length > 0 ? 'broadcasts:topicsDialog.intro' : 'broadcasts:topicsDialog.allOffIntro', { list }),
    buttons: [...TOPICS.map((topic) => `${mark(topic)} ${title(topic)}`), de('broadcasts:topicsDialog.done')],
  };
}

/** The profile summary, with the consent date left open. */
function summaryPattern(announcements: string): RegExp {
  const text = de('profile:summary', { language: de('common:languageName'), announcements, consentDate: '\u0000' });
  const [before, after] = text.split('\u0000').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${before}\\d{1,2}\\.\\d{1,2}\\.\\d{4}${after}$`);
}

describe('announcement topics in "Mein Profil" (dialog test)', () => {
  let kit: DialogTestKit;
  let chat: DialogChat;

  beforeEach(async () => {
    kit = await startDialogTestKit({ tenant: 'wuppertal' });
    chat = kit.chat();
    await agreeToPrivacy(kit, chat, 'de');
  });
  afterEach(async () => kit.close());

  const announcements = async () => (await new ProfileRepository(kit.app.store).findByAccount(chat.account))?.announcements;

  async function openTopics(): Promise<void> {
    const [summary, prompt] = await chat.turn(chat.press(de('menu:profile')));
    expect(summary?.text).toMatch(summaryPattern(de('profile:announcementsAllTopics')));
    expect(prompt?.text).toBe(de('profile:prompt'));
    expect(chat.buttons()).toEqual(expect.arrayContaining([de('profile:topics'), de('profile:announcementsSwitchOff'), de('profile:delete'), de('common:back')]));
    const all = topicsQuestion(TOPICS);
    await chat.adapter.send(chat.press(de('profile:topics'))).assertReply(reply(all.text, all.buttons)).assertNoReply('only the question', 50);
  }

  it('switches one topic off, stores the choice, and shows it in the profile', async () => {
    // A new profile receives every topic.
    expect(await announcements()).toEqual({ subscribed: true, topics: [] });
    await openTopics();

    const withoutWorkshops = topicsQuestion(['city', 'volunteering', 'jobs']);
    await chat.adapter
      .send(chat.press(`✅ ${title('workshops')}`))
      .assertReply(reply(de('broadcasts:topicsDialog.nowOff', { topic: title('workshops') })))
      .assertReply(reply(withoutWorkshops.text, withoutWorkshops.buttons));
    expect(await announcements()).toEqual({ subscribed: true, topics: ['city', 'volunteering', 'jobs'] });

    // "Fertig": back in the profile, which names the topics now received.
    const [summary, prompt] = await chat.turn(chat.press(de('broadcasts:topicsDialog.done')));
    expect(summary?.text).toMatch(summaryPattern(de('profile:announcementsSomeTopics', { topics: ['city', 'volunteering', 'jobs'].map((topic) => title(topic as Topic)).join(', ') })));
    expect(prompt?.text).toBe(de('profile:prompt'));
    expect(await announcements()).toEqual({ subscribed: true, topics: ['city', 'volunteering', 'jobs'] });
  });

  it('switches announcements off with the last topic, and on again by typing a topic\'s name', async () => {
    await openTopics();
    const on: Topic[] = [...TOPICS];
    for (const topic of TOPICS.slice(0, -1)) {
      on.splice(on.indexOf(topic), 1);
      const [answer, question] = await chat.turn(chat.press(`✅ ${title(topic)}`));
      expect(answer?.text).toBe(de('broadcasts:topicsDialog.nowOff', { topic: title(topic) }));
      expect(question?.text).toBe(topicsQuestion(on).text);
    }
    const replies = await chat.turn(chat.press(`✅ ${title('jobs')}`));
    expect(textsOf(replies)).toEqual([de('broadcasts:topicsDialog.nothingLeft', { topic: title('jobs') }), topicsQuestion([]).text]);
    expect(chat.buttons()).toEqual(topicsQuestion([]).buttons);
    expect((await announcements())?.subscribed).toBe(false);

    // The plain title, typed, switches that topic on (and announcements with it).
    await chat.adapter
      .send(title('workshops'))
      .assertReply(reply(de('broadcasts:topicsDialog.nowOn', { topic: title('workshops') })))
      .assertReply(reply(topicsQuestion(['workshops']).text, topicsQuestion(['workshops']).buttons));
    expect(await announcements()).toEqual({ subscribed: true, topics: ['workshops'] });
  });
});
