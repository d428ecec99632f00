import { afterEach, describe, expect, it } from 'vitest';
import { profileIdFor } from '../../../src/foundation/profiles/profile-repository.js';
import { startTestApp, type TestApp, type WebChatVisit } from '../../support/test-app.js';
import { choose, DORTMUND_ENV, textOf } from '../../support/chat-helpers.js';

describe('export and "delete me" with pathways and handoffs', () => {
  let app: TestApp;
  let visit: WebChatVisit;
  afterEach(async () => {
    visit.client.end();
    await app.stop();
  });

  it('exports saved pathways, answers, the reminder and handoff requests, and deletes them all', async () => {
    const now = new Date('2026-03-02T09:00:00Z');
    app = await startTestApp({ env: DORTMUND_ENV, overrides: { clock: () => now } });
    visit = await app.openWebChat();
    await choose(visit, 'Deutsch');
    await choose(visit, 'Einverstanden');
    await choose(visit, 'Wege in Arbeit');
    await choose(visit, 'Ich habe Berufserfahrung');
    for (let question = 0; question < 5; question++) await choose(visit, 'Überspringen');
    await choose(visit, 'Details zu 1');
    await choose(visit, 'Erinnere mich');
    await choose(visit, 'Beratung anfragen');
    await choose(visit, 'Überspringen');
    await choose(visit, 'Ja, weitergeben');
    await visit.client.waitForBotReply((activity) => /^Danke! Deine Anfrage/.test(textOf(activity)));
    await choose(visit, 'Fertig');
    await choose(visit, 'Mein Profil');
    await choose(visit, 'Daten exportieren');
    const exported = await visit.client.waitForBotReply((activity) => activity.type === 'message' && (activity.attachments?.length ?? 0) > 0);
    const url = ((exported.type === 'message' ? exported.attachments?.[0] : undefined) as { contentUrl?: string } | undefined)!.contentUrl!;
    const data = (await (await fetch(new URL(url, app.baseUrl))).json()) as { sections: Record<string, unknown> };
    expect(data.sections['pathwayAnswers']).toMatchObject({ situation: 'experienced' });
    expect(data.sections['savedPathways']).toEqual([expect.objectContaining({ remindAt: '2026-03-09T09:00:00.000Z' })]);
    expect(data.sections['handoffRequests']).toEqual([expect.objectContaining({ topic: 'pathways', consentToShare: true })]);
    expect(data.sections['scheduledMessages']).toEqual([{ kind: 'pathway-reminder', due: '2026-03-09T09:00:00.000Z' }]);

    await choose(visit, 'Mich löschen');
    await choose(visit, 'Ja, alles löschen');
    await visit.client.waitForBotReply((activity) => /^Erledigt: Alle deine Daten sind gelöscht/.test(textOf(activity)));
    const profileId = profileIdFor({ tenantId: 'dortmund', channel: 'webchat', accountId: visit.client.userId });
    const pathways = app.app.features.pathways.service;
    const handoffs = app.app.features.handoffs.service;
    expect(await pathways.getAnswers('dortmund', profileId)).toBeNull();
    expect(await pathways.saved('dortmund', profileId)).toEqual([]);
    expect(await handoffs.listForProfile('dortmund', profileId)).toEqual([]);
    expect(await app.app.scheduler.pending({ tenantId: 'dortmund', profileId })).toEqual([]);
  });
});
