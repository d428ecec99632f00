import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BroadcastProgress } from '../../../src/features/broadcasts/domain/broadcast.js';
import { EMULATOR_BOT } from '../../support/bot-api-emulator.js';
import { seedTelegramSubscribers } from '../../support/broadcast-fixtures.js';
import { isBotText } from '../../support/chat-helpers.js';
import { APP_TEST_TENANT } from '../../support/test-app.js';
import type { StaffClient } from '../../staff/staff-client.js';
import { broadcastIdOf, composerForm, startConsoleApp, until, type ConsoleApp } from './console-fixtures.js';

/** Sending, scheduling, approval, control and "test to myself" through the console's forms. */
describe('sending broadcasts from the console', () => {
  let app: ConsoleApp;
  let chatIds: number[];
  beforeAll(async () => {
    app = await startConsoleApp();
    ({ chatIds } = await seedTelegramSubscribers(app.harness.app.store, APP_TEST_TENANT, 4));
  });
  afterAll(() => app?.stop());

  const draft = async (client: StaffClient, overrides: Record<string, string | string[]> = {}): Promise<string> => {
    await client.page('/console/broadcasts/new');
    return broadcastIdOf(await client.postForm('/console/broadcasts', composerForm(overrides)));
  };
  const progressOf = async (client: StaffClient, id: string): Promise<BroadcastProgress> => {
    const response = await client.fetch(`/console/broadcasts/${id}/progress`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    return (await response.json()) as BroadcastProgress;
  };
  const actions = async (action: string): Promise<number> => (await app.harness.app.staffConsole.audit.list(APP_TEST_TENANT, { action })).length;

  it('sends now once (a double click submits once), and shows the final statistics', async () => {
    const editor = await app.signIn('editor');
    const id = await draft(editor, { title: 'Jetzt', 'button.kind': 'url', 'button.target': 'https://www.wuppertal.de/werkstatt', 'button.labels.de': 'Zur Anmeldung', 'button.labels.en': 'Register' });
    const page = await editor.page(`/console/broadcasts/${id}`);
    expect(page.html).toContain('Erreicht jetzt 4 Personen');
    expect(page.html).toContain('data-confirm="Die Ankündigung jetzt an die Zielgruppe senden?"');
    const sent = await editor.postForm(`/console/broadcasts/${id}/submit`, { when: 'now' });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/console/broadcasts/${id}?notice=sendingNow`);
    const twice = await editor.postForm(`/console/broadcasts/${id}/submit`, { when: 'now' });
    expect(twice.headers.get('location')).toBe(sent.headers.get('location'));
    expect(await actions('broadcast.submitted')).toBe(1);

    await until(async () => (await progressOf(editor, id)).status === 'completed');
    const progress = await progressOf(editor, id);
    expect(progress).toMatchObject({ total: 4, sent: 4, pending: 0, failed: 0, blocked: 0 });
    expect(app.telegram.duplicates()).toEqual([]);
    for (const chatId of chatIds) expect(app.telegram.messagesTo(chatId)).toHaveLength(1);

    const done = await editor.page(`/console/broadcasts/${id}`);
    expect(done.html).toContain('<dd id="broadcast-status">abgeschlossen</dd>');
    expect(done.html).toContain('id="broadcast-stats"');
    expect(done.html).toMatch(/Zugestellt<\/th><td data-stat="sent">4<\/td>/);
    expect(done.html).toContain('0 Klicks von 0 Personen');
    expect(done.html).not.toContain('id="broadcast-progress"');
    expect(done.html).not.toContain('Jetzt senden');
    const list = await editor.page('/console/broadcasts');
    expect(list.html).toMatch(/>Jetzt<\/a><\/td><td>Workshops<\/td><td>abgeschlossen<\/td><td>[^<]+<\/td><td>4 \/ 4<\/td>/);
  });

  it('schedules in Berlin time, refuses a time in the past with the reason, and pauses, resumes and cancels', async () => {
    const editor = await app.signIn('editor');
    const id = await draft(editor, { title: 'Später' });
    await editor.page(`/console/broadcasts/${id}`);

    const past = await editor.postForm(`/console/broadcasts/${id}/submit`, { when: 'later', sendAt: '2020-05-04T18:00' });
    expect(past.status).toBe(422);
    const pastHtml = await past.text();
    expect(pastHtml).toContain('Dieser Zeitpunkt liegt in der Vergangenheit.');
    expect(pastHtml).toMatch(/id="f-sendAt"[^>]*value="2020-05-04T18:00"[^>]*aria-invalid="true"/);
    const gap = await editor.postForm(`/console/broadcasts/${id}/submit`, { when: 'later', sendAt: '2031-03-30T02:30' });
    expect(gap.status).toBe(422);
    expect(await gap.text()).toContain('Diese Uhrzeit gibt es an diesem Tag nicht');
    const missing = await editor.postForm(`/console/broadcasts/${id}/submit`, { when: 'later', sendAt: '' });
    expect(await missing.text()).toContain('Bitte Datum und Uhrzeit angeben.');
    expect((await app.harness.app.broadcasts.get(APP_TEST_TENANT, id))?.status).toBe('draft');

    await editor.page(`/console/broadcasts/${id}`);
    const planned = await editor.postForm(`/console/broadcasts/${id}/submit`, { when: 'later', sendAt: '2030-07-01T18:00' });
    expect(planned.headers.get('location')).toBe(`/console/broadcasts/${id}?notice=scheduled`);
    // 18:00 in Berlin in summer is 16:00 UTC.
    expect((await app.harness.app.broadcasts.get(APP_TEST_TENANT, id))?.sendAt?.toISOString()).toBe('2030-07-01T16:00:00.000Z');
    const scheduled = await editor.page(`/console/broadcasts/${id}?notice=scheduled`);
    expect(scheduled.html).toContain('Die Ankündigung ist zum Senden eingeplant.');
    expect(scheduled.html).toContain(`data-progress-url="/console/broadcasts/${id}/progress"`);
    expect(scheduled.html).toContain('Start geplant für 01.07.2030, 18:00.');
    expect(scheduled.html).toContain('Erreicht jetzt 4 Personen');

    const paused = await editor.postForm(`/console/broadcasts/${id}/pause`, {});
    expect(paused.headers.get('location')).toBe(`/console/broadcasts/${id}?notice=paused`);
    expect((await editor.page(`/console/broadcasts/${id}?notice=paused`)).html).toMatch(/Angehalten\.[\s\S]*<dd id="broadcast-status">angehalten<\/dd>[\s\S]*>Fortsetzen</);
    const pausedAgain = await editor.postForm(`/console/broadcasts/${id}/pause`, {});
    expect(pausedAgain.status).toBe(409);
    expect(await pausedAgain.text()).toContain('Das geht in diesem Zustand der Ankündigung nicht (mehr).');
    expect((await editor.postForm(`/console/broadcasts/${id}/resume`, {})).headers.get('location')).toBe(`/console/broadcasts/${id}?notice=resumed`);
    expect((await app.harness.app.broadcasts.get(APP_TEST_TENANT, id))?.status).toBe('scheduled');
    expect((await editor.postForm(`/console/broadcasts/${id}/cancel`, {})).headers.get('location')).toBe(`/console/broadcasts/${id}?notice=cancelled`);
    const cancelled = await editor.page(`/console/broadcasts/${id}`);
    expect(cancelled.html).toContain('<dd id="broadcast-status">abgebrochen</dd>');
    expect(cancelled.html).not.toContain('Test an mich senden');

    const trail = (await app.harness.app.staffConsole.audit.list(APP_TEST_TENANT)).filter((event) => event.target.id === id).map((event) => `${event.action} ${event.details ?? ''}`.trim());
    expect(trail.reverse()).toEqual([
      'broadcast.created topic=workshops; languages=de,en; button=none; longText=split',
      'broadcast.submitted sendAt=2030-07-01T16:00:00.000Z; status=scheduled',
      'broadcast.paused status=paused',
      'broadcast.resumed status=scheduled',
      'broadcast.cancelled status=cancelled',
    ]);
  });

  it('needs a second person when the city requires approval; the same person cannot approve', async () => {
    const admin = await app.signIn('admin');
    const settings = await admin.page('/console/broadcasts/settings');
    expect(settings.html).toContain('Zweite Person muss Sendungen freigeben');
    expect(settings.html).not.toMatch(/name="requireApproval"[^>]*checked/);
    const saved = await admin.postForm('/console/broadcasts/settings', { requireApproval: 'true' });
    expect(saved.headers.get('location')).toBe('/console/broadcasts/settings?notice=settingsSaved');
    expect((await admin.page('/console/broadcasts/settings?notice=settingsSaved')).html).toMatch(/Einstellungen gespeichert\.[\s\S]*name="requireApproval"[^>]*checked/);
    expect(await actions('broadcast.settings-changed')).toBe(1);

    const editor = await app.signIn('editor');
    const id = await draft(editor, { title: 'Mit Freigabe' });
    expect((await editor.page(`/console/broadcasts/${id}`)).html).toContain('In dieser Stadt muss eine zweite Person jede Ankündigung freigeben.');
    const submitted = await editor.postForm(`/console/broadcasts/${id}/submit`, { when: 'now' });
    expect(submitted.headers.get('location')).toBe(`/console/broadcasts/${id}?notice=awaitingApproval`);
    const waiting = await editor.page(`/console/broadcasts/${id}`);
    expect(waiting.html).toContain('Wartet auf die Freigabe durch eine andere Person.');
    expect(waiting.html).not.toContain('>Freigeben</button>');
    const self = await editor.postForm(`/console/broadcasts/${id}/approve`, {});
    expect(self.status).toBe(409);
    expect(await self.text()).toContain('Freigeben muss eine andere Person als die, die das Senden angestoßen hat.');

    const second = await app.signIn('secondEditor');
    const review = await second.page(`/console/broadcasts/${id}`);
    expect(review.html).toContain('Erika Redaktion möchte diese Ankündigung senden.');
    expect((await second.postForm(`/console/broadcasts/${id}/reject`, {})).headers.get('location')).toBe(`/console/broadcasts/${id}?notice=rejected`);
    expect((await app.harness.app.broadcasts.get(APP_TEST_TENANT, id))?.status).toBe('draft');

    await editor.page(`/console/broadcasts/${id}`);
    await editor.postForm(`/console/broadcasts/${id}/submit`, { when: 'now' });
    expect((await second.postForm(`/console/broadcasts/${id}/approve`, {})).headers.get('location')).toBe(`/console/broadcasts/${id}?notice=approved`);
    await until(async () => (await app.harness.app.broadcasts.progress(APP_TEST_TENANT, id)).status === 'completed');
    const done = await editor.page(`/console/broadcasts/${id}`);
    expect(done.html).toMatch(/Freigegeben von<\/dt><dd>Emil Redaktion<\/dd>/);
    expect(await actions('broadcast.approved')).toBe(1);
    expect(await actions('broadcast.rejected')).toBe(1);

    await admin.page('/console/broadcasts/settings');
    await admin.postForm('/console/broadcasts/settings', {});
    expect(await app.harness.app.broadcasts.settings(APP_TEST_TENANT)).toEqual({ requireApproval: false });
  });

  it('sends a test to the editor\'s own chat once it is linked, and explains how to link it', async () => {
    const editor = await app.signIn('editor');
    const id = await draft(editor, { title: 'Probe', 'texts.de': 'Hallo Stadt', 'texts.en': 'Hello city' });
    await editor.page(`/console/broadcasts/${id}`);
    const unlinked = await editor.postForm(`/console/broadcasts/${id}/test`, {});
    expect(unlinked.status).toBe(422);
    const unlinkedHtml = await unlinked.text();
    expect(unlinkedHtml).toContain('Du hast noch keinen eigenen Chat verbunden.');
    expect(unlinkedHtml).toContain(`href="/console/broadcasts/my-chat?from=${id}"`);

    const myChat = await editor.page(`/console/broadcasts/my-chat?from=${id}`);
    expect(myChat.html).toContain('Noch kein Chat verbunden.');
    const code = /<code id="link-code">([^<]+)<\/code>/.exec(myChat.html)![1]!;
    expect(myChat.html).toContain(`href="https://t.me/${EMULATOR_BOT.username}?start=staff-link-${code}"`);
    expect(myChat.html).toContain(`href="/?tenant=${APP_TEST_TENANT}&amp;start=staff-link-${code}"`);
    expect(myChat.html).toMatch(/Der Code gilt bis \d\d\.\d\d\.\d{4}, \d\d:\d\d und nur einmal\./);

    const visit = await app.harness.openWebChat({ start: `staff-link-${code}` });
    try {
      await visit.client.waitForBotReply((activity) => activity.type === 'message' && (activity.suggestedActions?.actions ?? []).some((action) => action.title === 'Deutsch'));
      await visit.pressButton('Deutsch');
      await visit.client.waitForBotReply((activity) => activity.type === 'message' && (activity.suggestedActions?.actions ?? []).some((action) => action.title === 'Einverstanden'));
      await visit.pressButton('Einverstanden');
      await visit.client.waitForBotReply(isBotText(/^Verbunden: /));
      expect((await editor.page('/console/broadcasts/my-chat')).html).toContain('Verbunden: Web-Chat');

      await editor.page(`/console/broadcasts/${id}`);
      const tested = await editor.postForm(`/console/broadcasts/${id}/test`, {});
      expect(tested.headers.get('location')).toBe(`/console/broadcasts/${id}?notice=testSent`);
      expect((await editor.page(`/console/broadcasts/${id}?notice=testSent`)).html).toContain('Test gesendet. Schau in deinen Chat.');
      await visit.client.waitForBotReply(isBotText(/Hello city/));
      const events = await app.harness.app.staffConsole.audit.list(APP_TEST_TENANT, { action: 'broadcast.test-sent' });
      expect(events[0]).toMatchObject({ target: { id }, details: 'channels=webchat; languages=de,en' });
    } finally {
      visit.client.end();
    }

    await editor.page('/console/broadcasts/my-chat');
    const unlink = await editor.postForm('/console/broadcasts/my-chat/unlink', {});
    expect(unlink.headers.get('location')).toBe('/console/broadcasts/my-chat?notice=unlinked');
    expect((await editor.page('/console/broadcasts/my-chat?notice=unlinked')).html).toMatch(/Die Verbindung zu deinem Chat ist getrennt\.[\s\S]*Noch kein Chat verbunden\./);
    expect(await actions('broadcast.chat-unlinked')).toBe(1);
  });
});
