import type { Activity } from 'botframework-directlinejs';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_TEST_TENANT, startTestApp, type TestApp } from '../support/test-app.js';

const hasButton = (title: string) => (activity: Activity) =>
  activity.type === 'message' && (activity.suggestedActions?.actions ?? []).some((action) => action.title === title);

describe('web chat visitors who never consent', () => {
  let harness: TestApp | undefined;
  afterEach(async () => harness?.stop());

  it('lose their transcript an hour after they leave, while people who consented keep theirs', async () => {
    let now = Date.now();
    harness = await startTestApp({ overrides: { clock: () => new Date(now) } });

    const undecided = await harness.openWebChat();
    await undecided.client.waitForBotReply(hasButton('English'));
    await undecided.pressButton('English');
    await undecided.client.waitForBotReply(hasButton('I agree'));

    const member = await harness.openWebChat();
    await member.client.waitForBotReply(hasButton('English'));
    await member.pressButton('English');
    await member.client.waitForBotReply(hasButton('I agree'));
    await member.pressButton('I agree');
    await member.client.waitForBotReply(hasButton('My profile'));
    undecided.client.end();
    member.client.end();

    now += 30 * 60_000;
    await harness.app.retention.runOnce();
    expect((await harness.app.webchat.exportUser(APP_TEST_TENANT, undecided.client.userId)).conversations).not.toEqual([]);

    now += 60 * 60_000;
    await harness.app.retention.runOnce();
    const undecidedData = await harness.app.webchat.exportUser(APP_TEST_TENANT, undecided.client.userId);
    expect(undecidedData.conversations.flatMap((conversation) => conversation.activities)).toEqual([]);
    const memberData = await harness.app.webchat.exportUser(APP_TEST_TENANT, member.client.userId);
    expect(memberData.conversations.flatMap((conversation) => conversation.activities).length).toBeGreaterThan(3);
  });
});
