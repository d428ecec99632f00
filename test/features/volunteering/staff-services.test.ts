import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileRepository } from '../../../src/foundation/profiles/profile-repository.js';
import { fakeTelegramApi, isolateNetwork, type ApiCall, type FakeTelegramApi } from '../../support/telegram-api.js';
import { TEST_USER, textUpdate } from '../../support/telegram-updates.js';
import { APP_TEST_TENANT, APP_TEST_TOKEN, startTestApp, type TestApp } from '../../support/test-app.js';
import { telegramChat, textsOf, type ButtonTitle, type TelegramChat } from '../../support/chat-helpers.js';

/** A minimal SMTP server on 127.0.0.1 that keeps what it receives (no TLS, no auth). */
async function startSmtpSink(): Promise<{ port: number; mails: string[]; close(): Promise<void> }> {
  const mails: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let data: string | null = null;
    let buffer = '';
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let index: number;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (data !== null) {
          if (line === '.') {
            mails.push(data);
            data = null;
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 sink\r\n');
        else if (/^DATA/i.test(line)) {
          data = '';
          socket.write('354 go ahead\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    mails,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('staff side of the good deeds', () => {
  let telegram: FakeTelegramApi;
  let harness: TestApp;
  let chat: TelegramChat;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeEach(async () => {
    isolateNetwork();
    smtp = await startSmtpSink();
    telegram = fakeTelegramApi({ token: APP_TEST_TOKEN });
    // A clock of our own puts the scheduler in manual mode: jobs run when the test calls runDue().
    harness = await startTestApp({ telegram: true, env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, STAFF_EMAIL: 'gute-taten@example.org' }, overrides: { clock: () => new Date() } });
    telegram.clear();
    chat = telegramChat(harness, telegram);
  });

  afterEach(async () => {
    await harness.stop();
    telegram.close();
    await smtp.close();
  });

  const feature = () => harness.app.features.volunteering;

  const send = (update: unknown): Promise<ApiCall[]> => chat.send(update);
  const press = (title: ButtonTitle): Promise<ApiCall[]> => chat.press(title);

  async function registerForFirstDeed(): Promise<ApiCall[]> {
    await send(textUpdate('/start'));
    await press('Deutsch');
    await press('Einverstanden');
    await press('Was kann ich Gutes tun?');
    await press(/^1\. /);
    return press('Ich mache mit');
  }

  it('e-mails the deed\'s contact through SMTP when a volunteer registers, says so, and keeps the notice for the console', async () => {
    // Whichever deed the list shows first on the day the test runs: it has a contact address.
    for (const { opportunity } of await feature().opportunities.listWithRegistrations(APP_TEST_TENANT)) {
      if (!opportunity.contact.email) await feature().opportunities.update(APP_TEST_TENANT, opportunity._id, { contact: { ...opportunity.contact, email: 'kontakt@example.org' } });
    }
    const registered = await registerForFirstDeed();
    const [entry] = (await feature().opportunities.listWithRegistrations(APP_TEST_TENANT)).filter((candidate) => candidate.registrations.length > 0);
    const contact = entry!.opportunity.contact;
    expect(contact.email).toBeDefined();
    expect(textsOf(registered).join('\n')).toContain(`Ich habe ${contact.name} (${entry!.opportunity.organisation}) per E-Mail Bescheid gegeben.`);
    const [notice] = await feature().notices.list(APP_TEST_TENANT);
    expect(notice).toMatchObject({ kind: 'registration', emailedTo: contact.email });
    await harness.app.scheduler.runDue(); // the e-mail goes out through its job
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0]).toContain(`To: ${contact.email}`);
    // Encoded only when the deed's title is not plain ASCII.
    expect(smtp.mails[0]).toMatch(/^Subject: (=\?UTF-8\?Q\?Neue_Anmeldung=3A_|Neue Anmeldung: )/m);
    expect(smtp.mails[0]).toMatch(/Gew=C3=BCnschter Kontakt: hier im Chat/);
  });

  it('e-mails the city\'s staff address when the deed has no contact address, and passes on a contact given afterwards', async () => {
    for (const { opportunity } of await feature().opportunities.listWithRegistrations(APP_TEST_TENANT)) {
      await feature().opportunities.update(APP_TEST_TENANT, opportunity._id, { contact: { name: opportunity.contact.name, phone: '0202 111' } });
    }
    const registered = await registerForFirstDeed();
    expect(textsOf(registered).join('\n')).toMatch(/per E-Mail Bescheid gegeben/);
    expect(textsOf(registered).join('\n')).toMatch(/Wie bist du erreichbar\?/);
    expect((await feature().notices.list(APP_TEST_TENANT))[0]).toMatchObject({ kind: 'registration', emailedTo: 'gute-taten@example.org' });
    await press('Per E-Mail');
    const thanks = await send(textUpdate('ayse@example.org'));
    expect(textsOf(thanks).join('\n')).toMatch(/Das Team hat deine Kontaktangabe bekommen/);
    const added = (await feature().notices.list(APP_TEST_TENANT)).find((notice) => notice.kind === 'contactAdded');
    expect(added).toMatchObject({ emailedTo: 'gute-taten@example.org' });
    await harness.app.scheduler.runDue();
    expect(smtp.mails.at(-1)).toMatch(/ayse@example\.org/);
  });

  it('creates, updates and withdraws a deed; registered people are told and it is not offered any more', async () => {
    await send(textUpdate('/start'));
    await press('Deutsch');
    await press('Einverstanden');
    const profile = (await new ProfileRepository(harness.app.store).findByAccount({ tenantId: APP_TEST_TENANT, channel: 'telegram', accountId: String(TEST_USER.id) }))!;
    const opportunities = feature().opportunities;
    const deed = await opportunities.create(APP_TEST_TENANT, {
      title: 'Laternenumzug begleiten',
      organisation: 'Kita Sonnenschein',
      description: 'Kinder beim Laternenumzug begleiten.',
      district: 'Vohwinkel',
      online: false,
      startsAt: new Date(Date.now() + 5 * 86_400_000),
      timeNeeded: '2 Stunden',
      slots: ['evenings'],
      interests: ['kids'],
      skills: [],
      places: 3,
      contact: { name: 'Frau Yilmaz' },
    });
    expect((await opportunities.update(APP_TEST_TENANT, deed._id, { places: 4 }))?.places).toBe(4);
    expect((await opportunities.register(APP_TEST_TENANT, deed._id, profile._id)).status).toBe('registered');
    expect(await harness.app.scheduler.pending({ tenantId: APP_TEST_TENANT, name: 'deed-follow-up', profileId: profile._id })).toHaveLength(1);
    telegram.clear();

    const withdrawn = await opportunities.withdrawOpportunity(APP_TEST_TENANT, deed._id);
    await harness.app.scheduler.runDue();
    expect(withdrawn?.registrations).toHaveLength(1);
    expect(textsOf(telegram.calls).join('\n')).toMatch(/„Laternenumzug begleiten“ wurde von der Organisation abgesagt/);
    // Withdrawn again (a second click in the console): nobody is told twice.
    telegram.clear();
    expect((await opportunities.withdrawOpportunity(APP_TEST_TENANT, deed._id))?.changed).toBe(false);
    await harness.app.scheduler.runDue();
    expect(textsOf(telegram.calls)).toEqual([]);
    expect(await harness.app.scheduler.pending({ tenantId: APP_TEST_TENANT, name: 'deed-follow-up', profileId: profile._id })).toEqual([]);
    expect((await opportunities.matchesFor(APP_TEST_TENANT, profile._id)).map((match) => match.opportunity._id)).not.toContain(deed._id);
    const listed = (await opportunities.listWithRegistrations(APP_TEST_TENANT)).find((entry) => entry.opportunity._id === deed._id);
    expect(listed?.opportunity.status).toBe('withdrawn');

    // Pressing an old "Ich mache mit" deep link afterwards: a clear word and the next match.
    const late = await send(textUpdate(`/start deed-${deed._id}`));
    expect(textsOf(late).join('\n')).toMatch(/„Laternenumzug begleiten“ wurde leider abgesagt\.[\s\S]*Hier ist der nächste passende Vorschlag/);
  });

  it('ships at least 15 realistic Wuppertal deeds with future dates, ongoing ones and one online', async () => {
    const all = (await feature().opportunities.listWithRegistrations(APP_TEST_TENANT)).map((entry) => entry.opportunity);
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(all.some((deed) => deed.online)).toBe(true);
    expect(all.some((deed) => !deed.startsAt)).toBe(true);
    expect(all.filter((deed) => deed.startsAt).every((deed) => deed.startsAt!.getTime() > Date.now())).toBe(true);
    const districts = new Set(all.map((deed) => deed.district).filter(Boolean));
    expect(districts.size).toBeGreaterThanOrEqual(8);
  });
});
