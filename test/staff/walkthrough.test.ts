import type { Activity } from 'botframework-directlinejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type WebChatVisit } from '../support/test-app.js';
import { StaffClient } from './staff-client.js';

const ADMIN = { email: 'admin@wuppertal.example', password: 'the first admin password' };
const textOf = (activity: Activity): string => (activity.type === 'message' ? (activity.text ?? '') : '');
const buttonsOf = (activity: Activity): string[] => (activity.type === 'message' ? (activity.suggestedActions?.actions ?? []).map((action) => String(action.title)) : []);

async function choose(visit: WebChatVisit, title: string): Promise<void> {
  await visit.client.waitForBotReply((activity) => buttonsOf(activity).includes(title));
  await visit.pressButton(title);
}

/** The README's ten-minute walkthrough, step by step, with forms posted as a browser would. */
describe('the README walkthrough: publish a good deed, answer a handoff', () => {
  let harness: TestApp;
  beforeAll(async () => {
    harness = await startTestApp({ env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, DEMO_CONTENT: 'none' } });
  });
  afterAll(() => harness?.stop());

  it('works end to end', async () => {
    const staff = new StaffClient(harness.baseUrl);
    expect((await staff.consoleSignIn(ADMIN.email, ADMIN.password)).status).toBe(303);
    await staff.page('/console/deeds/new');
    const created = await staff.postForm('/console/deeds', {
      title: 'Vorlesen in der Kita Sonnenschein',
      organisation: 'Kita Sonnenschein',
      description: 'Einmal pro Woche Kindern vorlesen.',
      online: 'true',
      timeNeeded: '1 Std. pro Woche',
      interests: ['kids'],
      slots: ['weekdays'],
      places: '3',
      contactName: 'Frau Berg',
    });
    expect(created.status).toBe(303);

    const visit = await harness.openWebChat();
    await choose(visit, 'Deutsch');
    await choose(visit, 'Einverstanden');
    await choose(visit, 'Was kann ich Gutes tun?');
    const seen: string[] = [];
    const offer = await visit.client.waitForBotReply((activity) => {
      seen.push(textOf(activity), ...buttonsOf(activity));
      return seen.some((text) => text.includes('Vorlesen in der Kita Sonnenschein'));
    });
    expect(offer).toBeDefined();

    // The person asks to talk to someone, from the menu.
    await visit.client.send('/menu');
    await choose(visit, 'Mit einem Menschen sprechen');
    await choose(visit, 'Ehrenamt');
    await visit.client.waitForBotReply((activity) => buttonsOf(activity).length > 0 || /schreib|Nachricht/i.test(textOf(activity)));
    await visit.client.send('Kann ich auch am Wochenende vorlesen?');
    await choose(visit, 'Ja, weitergeben');
    await visit.client.waitForBotReply((activity) => /^Danke! Deine Anfrage/.test(textOf(activity)));

    // Staff answer from the inbox.
    const inbox = await staff.page('/console/handoffs');
    const link = /href="\/console\/handoffs\/([^"]+)">Ehrenamt</.exec(inbox.html);
    expect(link).not.toBeNull();
    const thread = await staff.page(`/console/handoffs/${link![1]}`);
    expect(thread.html).toContain('Kann ich auch am Wochenende vorlesen?');
    expect((await staff.postForm(`/console/handoffs/${link![1]}/claim`, {})).status).toBe(303);
    expect((await staff.postForm(`/console/handoffs/${link![1]}/reply`, { text: 'Ja, samstags vormittags geht es auch.' })).status).toBe(303);
    const reply = await visit.client.waitForBotReply((activity) => textOf(activity).includes('Ja, samstags vormittags geht es auch.'));
    expect(textOf(reply)).toMatch(/^Nachricht von admin \(Wuppertal\)/);
    visit.client.end();
  });
});
