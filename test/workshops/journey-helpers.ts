import type { Activity, CardAction } from 'botframework-directlinejs';
import type { DirectLineTestClient } from '../support/directline-client.js';
import type { TestApp, WebChatVisit } from '../support/test-app.js';
import type { KosiApp } from '../../src/app.js';
import type { WorkshopsFeature } from '../../src/features/workshops-feature.js';
import type { Workshop } from '../../src/domain/workshops/workshop.js';

export function workshopsOf(app: KosiApp): WorkshopsFeature {
  const feature = app.features.get('workshops');
  if (!feature) throw new Error('the workshops feature is not registered');
  return feature as WorkshopsFeature;
}

/** "Werkstatt 2: Konzeptentwicklung" of the demo content. */
export async function werkstatt2(app: KosiApp, tenantId: string): Promise<Workshop> {
  const upcoming = await workshopsOf(app).service.listUpcoming(tenantId, { seriesId: 'werkstattreihe' });
  const found = upcoming.find((workshop) => workshop.series?.part === 2);
  if (!found) throw new Error('no Werkstatt 2 in the demo content');
  return found;
}

export const isBotText = (pattern: RegExp) => (activity: Activity) =>
  activity.from.role === 'bot' && activity.type === 'message' && pattern.test(activity.text ?? '');

export function buttonsOf(activity: Activity): string[] {
  return activity.type === 'message' ? (activity.suggestedActions?.actions ?? []).map((action) => String(action.title)) : [];
}

/** Waits until the bot offers the button, then presses it. */
export async function choose(visit: WebChatVisit, title: string): Promise<void> {
  await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes(title));
  await visit.pressButton(title);
}

/** Language and consent in English; the deep-linked journey (or the menu) follows. */
export async function consentInEnglish(visit: WebChatVisit): Promise<void> {
  await choose(visit, 'English');
  await choose(visit, 'I agree');
}

/** Presses the suggested action titled `title` on the newest bot activity that has one. */
async function pressOn(client: DirectLineTestClient, title: string): Promise<void> {
  const actionsOf = (activity: Activity): CardAction[] => (activity.type === 'message' ? (activity.suggestedActions?.actions ?? []) : []);
  const withButtons = [...client.activities].reverse().find((activity) => actionsOf(activity).length > 0);
  const action = withButtons && actionsOf(withButtons).find((candidate) => candidate.title === title);
  if (!action) throw new Error(`no button "${title}" on the newest bot message`);
  await client.press(action);
}

/**
 * The same person opens the chat again (the clock moved by days, so the old Direct Line token has
 * expired, as it would for a real visitor): the same conversation, with what the bot sent meanwhile.
 */
export async function comeBack(harness: TestApp, visit: WebChatVisit): Promise<WebChatVisit> {
  visit.client.end();
  const client = await harness.resumeWebChat(visit);
  return {
    client,
    ticket: visit.ticket,
    conversationId: visit.conversationId,
    pressButton: (title) => pressOn(client, title),
    botTextsSince: (count) =>
      client.activities
        .slice(count)
        .filter((activity: Activity) => activity.from.role === 'bot' && activity.type === 'message')
        .map((activity) => ('text' in activity ? (activity.text ?? '') : '')),
  };
}
