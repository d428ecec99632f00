import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type session from 'express-session';
import type { DocumentStore } from '../../src/platform/store/document-store.js';
import { LOCK_OUT_MS, MAX_FAILED_LOGINS, StaffAccountError, StaffAccounts } from '../../src/staff/accounts/staff-accounts.js';
import { StaffUserRepository } from '../../src/staff/accounts/staff-user-repository.js';
import { AuditLog, auditEventsCollection, type AuditEvent } from '../../src/staff/audit/audit-log.js';
import { SIGN_IN_LIMITS } from '../../src/staff/accounts/sign-in-guard.js';
import { signInSourcesCollection } from '../../src/staff/accounts/sign-in-sources.js';
import { DocumentSessionStore, sessionSecret } from '../../src/staff/http/document-session-store.js';
import { signInRateCollection, StoredRateLimit } from '../../src/staff/http/stored-rate-limit.js';
import { describeEachBackend } from '../support/store-backends.js';

const PASSWORD = 'correct horse battery staple';

describeEachBackend('staff accounts, sessions and the audit log', (backend) => {
  let store: DocumentStore;
  let now: Date;
  let accounts: StaffAccounts;

  beforeEach(async () => {
    store = await backend.open();
    now = new Date('2026-03-02T09:00:00Z');
    accounts = new StaffAccounts(new StaffUserRepository(store), () => now);
  });
  afterEach(() => store.close());

  describe('accounts', () => {
    it('stores an argon2 hash, never the password, and signs in with the right password only', async () => {
      const user = await accounts.create({ tenantId: 'wuppertal', email: ' Ada@Stadt.example ', name: 'Ada', role: 'admin', password: PASSWORD });
      expect(user.email).toBe('ada@stadt.example');
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(JSON.stringify(user)).not.toContain(PASSWORD);
      expect((await accounts.signIn('wuppertal', 'ADA@stadt.example', PASSWORD)).ok).toBe(true);
      expect(await accounts.signIn('wuppertal', 'ada@stadt.example', 'wrong password!!')).toEqual({ ok: false, reason: 'invalid' });
      // The same address in another city is another account (or none).
      expect(await accounts.signIn('dortmund', 'ada@stadt.example', PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
    });

    it('refuses a second account with the same address in one city and short passwords', async () => {
      await accounts.create({ tenantId: 'wuppertal', email: 'ada@stadt.example', name: 'Ada', role: 'admin', password: PASSWORD });
      await expect(accounts.create({ tenantId: 'wuppertal', email: 'ADA@stadt.example', name: 'Ada 2', role: 'editor', password: PASSWORD })).rejects.toMatchObject({ code: 'email-taken' });
      await expect(accounts.create({ tenantId: 'dortmund', email: 'ada@stadt.example', name: 'Ada', role: 'editor', password: PASSWORD })).resolves.toMatchObject({ tenantId: 'dortmund' });
      await expect(accounts.create({ tenantId: 'wuppertal', email: 'bob@stadt.example', name: 'Bob', role: 'editor', password: 'short' })).rejects.toBeInstanceOf(StaffAccountError);
    });

    it('locks an account after five failures in a row, for fifteen minutes, even with the right password', async () => {
      await accounts.create({ tenantId: 'wuppertal', email: 'ada@stadt.example', name: 'Ada', role: 'admin', password: PASSWORD });
      for (let attempt = 1; attempt < MAX_FAILED_LOGINS; attempt++) {
        expect(await accounts.signIn('wuppertal', 'ada@stadt.example', `wrong ${attempt} xxxxxxxx`)).toEqual({ ok: false, reason: 'invalid' });
      }
      expect(await accounts.signIn('wuppertal', 'ada@stadt.example', 'wrong 5 xxxxxxxx')).toMatchObject({ ok: false, reason: 'locked' });
      expect(await accounts.signIn('wuppertal', 'ada@stadt.example', PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
      now = new Date(now.getTime() + LOCK_OUT_MS + 1000);
      expect((await accounts.signIn('wuppertal', 'ada@stadt.example', PASSWORD)).ok).toBe(true);
    });

    it('locks out only the address the failures come from, and an admin\'s unlock lifts it', async () => {
      const ada = await accounts.create({ tenantId: 'wuppertal', email: 'ada@stadt.example', name: 'Ada', role: 'admin', password: PASSWORD });
      for (let attempt = 1; attempt <= MAX_FAILED_LOGINS; attempt++) await accounts.signIn('wuppertal', 'ada@stadt.example', `wrong ${attempt} xxxxxxxx`, '203.0.113.9');
      expect(await accounts.signIn('wuppertal', 'ada@stadt.example', PASSWORD, '203.0.113.9')).toMatchObject({ ok: false, reason: 'locked' });
      expect((await accounts.signIn('wuppertal', 'ada@stadt.example', PASSWORD, '198.51.100.1')).ok).toBe(true);
      expect((await accounts.listWithLocks('wuppertal')).map((entry) => entry.locked)).toEqual([true]);
      await accounts.unlock('wuppertal', ada._id);
      expect((await accounts.listWithLocks('wuppertal')).map((entry) => entry.locked)).toEqual([false]);
      expect((await accounts.signIn('wuppertal', 'ada@stadt.example', PASSWORD, '203.0.113.9')).ok).toBe(true);
      // The records name addresses only by a keyed hash.
      const records = await store.collection(signInSourcesCollection).find({ userId: ada._id });
      expect(records).toHaveLength(2);
      expect(JSON.stringify(records)).not.toMatch(/203\.0\.113|198\.51\.100/);
    });

    it('slows down addresses new to the account after many failures from many addresses, one check per interval', async () => {
      await accounts.create({ tenantId: 'wuppertal', email: 'ada@stadt.example', name: 'Ada', role: 'admin', password: PASSWORD });
      expect((await accounts.signIn('wuppertal', 'ada@stadt.example', PASSWORD, '198.51.100.1')).ok).toBe(true);
      for (let attempt = 1; attempt <= SIGN_IN_LIMITS.failuresPerAccount; attempt++) await accounts.signIn('wuppertal', 'ada@stadt.example', `wrong ${attempt} xxxxxxxx`, `203.0.113.${attempt}`);
      expect(await accounts.signIn('wuppertal', 'ada@stadt.example', 'one more wrong guess', '203.0.113.100')).toEqual({ ok: false, reason: 'invalid' });
      expect(await accounts.signIn('wuppertal', 'ada@stadt.example', PASSWORD, '203.0.113.101')).toMatchObject({ ok: false, reason: 'slowed' });
      expect((await accounts.signIn('wuppertal', 'ada@stadt.example', PASSWORD, '198.51.100.1')).ok).toBe(true);
      now = new Date(now.getTime() + SIGN_IN_LIMITS.slowDownIntervalMs);
      expect((await accounts.signIn('wuppertal', 'ada@stadt.example', PASSWORD, '203.0.113.101')).ok).toBe(true);
    });

    it('forgets sign-in records once they no longer count', async () => {
      await accounts.create({ tenantId: 'wuppertal', email: 'ada@stadt.example', name: 'Ada', role: 'admin', password: PASSWORD });
      await accounts.signIn('wuppertal', 'ada@stadt.example', 'a wrong password!', '203.0.113.9');
      expect((await accounts.signIn('wuppertal', 'ada@stadt.example', PASSWORD, '198.51.100.1')).ok).toBe(true);
      now = new Date(now.getTime() + LOCK_OUT_MS + 1000);
      expect(await accounts.purgeSignInRecords(now)).toBe(1);
      now = new Date(now.getTime() + SIGN_IN_LIMITS.familiarMs);
      expect(await accounts.purgeSignInRecords(now)).toBe(1);
    });

    it('lets a super-admin sign in to any city', async () => {
      await accounts.create({ tenantId: 'ignored', email: 'root@kosi.example', name: 'Root', role: 'super-admin', password: PASSWORD });
      const result = await accounts.signIn('dortmund', 'root@kosi.example', PASSWORD);
      expect(result).toMatchObject({ ok: true, user: { role: 'super-admin', tenantId: '*' } });
    });

    it('changes passwords and keeps the last admin of a city', async () => {
      const ada = await accounts.create({ tenantId: 'wuppertal', email: 'ada@stadt.example', name: 'Ada', role: 'admin', password: PASSWORD });
      await expect(accounts.changePassword(ada, 'not the password', 'a brand new long password')).rejects.toMatchObject({ code: 'wrong-password' });
      await accounts.changePassword(ada, PASSWORD, 'a brand new long password');
      expect((await accounts.signIn('wuppertal', 'ada@stadt.example', 'a brand new long password')).ok).toBe(true);
      await expect(accounts.update('wuppertal', ada._id, { role: 'editor' })).rejects.toMatchObject({ code: 'last-admin' });
      await expect(accounts.update('wuppertal', ada._id, { active: false })).rejects.toMatchObject({ code: 'last-admin' });
      const bob = await accounts.create({ tenantId: 'wuppertal', email: 'bob@stadt.example', name: 'Bob', role: 'admin', password: PASSWORD });
      await expect(accounts.update('wuppertal', ada._id, { role: 'counsellor' })).resolves.toMatchObject({ role: 'counsellor' });
      // Another city's id is not found.
      await expect(accounts.update('dortmund', bob._id, { active: false })).rejects.toMatchObject({ code: 'not-found' });
    });

    it('creates the first admin only while the city has no account', async () => {
      expect(await accounts.ensureFirstAdmin('wuppertal', 'ada@stadt.example', PASSWORD)).toBe(true);
      expect(await accounts.ensureFirstAdmin('wuppertal', 'eve@stadt.example', PASSWORD)).toBe(false);
      expect((await accounts.list('wuppertal')).map((user) => user.email)).toEqual(['ada@stadt.example']);
    });
  });

  describe('sessions', () => {
    const data = (expires: Date, staff?: object) => ({ cookie: { expires, originalMaxAge: 3600_000 }, ...(staff ? { staff } : {}) }) as unknown as session.SessionData;
    const get = (sessions: DocumentSessionStore, sid: string) =>
      new Promise<session.SessionData | null | undefined>((resolve, reject) => sessions.get(sid, (error, value) => (error ? reject(error) : resolve(value))));
    const set = (sessions: DocumentSessionStore, sid: string, value: session.SessionData) =>
      new Promise<void>((resolve, reject) => sessions.set(sid, value, (error) => (error ? reject(error) : resolve())));

    it('keeps sessions in the store (a new store object reads them), ignores expired ones and destroys them', async () => {
      const sessions = new DocumentSessionStore(store, () => now, 3600_000);
      await set(sessions, 'sid-1', data(new Date(now.getTime() + 3600_000), { userId: 'u1', tenantId: 'wuppertal' }));
      const again = new DocumentSessionStore(store, () => now, 3600_000);
      expect(await get(again, 'sid-1')).toMatchObject({ staff: { userId: 'u1' } });
      now = new Date(now.getTime() + 2 * 3600_000);
      expect(await get(again, 'sid-1')).toBeNull();
      await set(sessions, 'sid-2', data(new Date(now.getTime() + 3600_000)));
      await new Promise<void>((resolve) => sessions.destroy('sid-2', () => resolve()));
      expect(await get(sessions, 'sid-2')).toBeNull();
    });

    it('signs a person out of every other session', async () => {
      const sessions = new DocumentSessionStore(store, () => now, 3600_000);
      const later = new Date(now.getTime() + 3600_000);
      await set(sessions, 'a', data(later, { userId: 'u1', tenantId: 'wuppertal' }));
      await set(sessions, 'b', data(later, { userId: 'u1', tenantId: 'wuppertal' }));
      await set(sessions, 'c', data(later, { userId: 'u2', tenantId: 'wuppertal' }));
      expect(await sessions.destroyAllOf('u1', 'a')).toBe(1);
      expect(await get(sessions, 'a')).not.toBeNull();
      expect(await get(sessions, 'b')).toBeNull();
      expect(await get(sessions, 'c')).not.toBeNull();
    });

    it('counts failed sign-ins per client address in the store, so that two instances share one budget', async () => {
      const options = { windowMs: 15 * 60_000 } as Parameters<StoredRateLimit['init']>[0];
      const first = new StoredRateLimit(store, () => now);
      const second = new StoredRateLimit(store, () => now);
      first.init(options);
      second.init(options);
      expect((await first.increment('203.0.113.9')).totalHits).toBe(1);
      expect((await second.increment('203.0.113.9')).totalHits).toBe(2);
      expect((await second.increment('198.51.100.1')).totalHits).toBe(1);
      await first.decrement('203.0.113.9');
      expect(await second.get('203.0.113.9')).toMatchObject({ totalHits: 1 });
      expect(JSON.stringify(await store.collection(signInRateCollection).find({}))).not.toContain('203.0.113.9');
      now = new Date(now.getTime() + 15 * 60_000);
      expect((await second.increment('203.0.113.9')).totalHits).toBe(1);
      expect(await first.purgeEnded(new Date(now.getTime() + 1000))).toBe(1);
    });

    it('makes one cookie secret and keeps it', async () => {
      const first = await sessionSecret(store);
      expect(first.length).toBeGreaterThanOrEqual(48);
      expect(await sessionSecret(store)).toBe(first);
    });
  });

  describe('audit log', () => {
    it('lists a city\'s events, newest first, never another city\'s', async () => {
      const audit = new AuditLog(store, () => now);
      await audit.record('wuppertal', { id: 'u1', email: 'ada@stadt.example' }, 'workshop.created', { type: 'workshop', id: 'w1', label: 'Einführung' });
      now = new Date(now.getTime() + 1000);
      await audit.record('wuppertal', { id: 'u1', email: 'ada@stadt.example' }, 'workshop.withdrawn', { type: 'workshop', id: 'w1' });
      await audit.record('dortmund', { id: 'u9', email: 'x@dortmund.example' }, 'pathway.created', { type: 'pathway', id: 'p1' });
      const events = await audit.list('wuppertal');
      expect(events.map((event) => event.action)).toEqual(['workshop.withdrawn', 'workshop.created']);
      expect(events[1]).toMatchObject({ actor: { email: 'ada@stadt.example' }, target: { type: 'workshop', id: 'w1', label: 'Einführung' } });
    });

    it('keeps no label on a citizen\'s item, and removes those texts from events written before', async () => {
      const audit = new AuditLog(store, () => now);
      const actor = { id: 'u1', email: 'ada@stadt.example' };
      await audit.recordCitizenItem('wuppertal', actor, 'notice.read', { type: 'notice', id: 'n1' }, { kind: 'listingSubmitted' });
      // An item type held in a string variable still loses its label.
      const type: string = 'listing';
      now = new Date(now.getTime() + 1000);
      await audit.record('wuppertal', actor, 'listing.approved', { type, id: 'l1', label: 'Nachhilfe bei Familie Berg' });
      const events = await audit.list('wuppertal');
      expect(events.map((event) => event.target)).toEqual([{ type: 'listing', id: 'l1' }, { type: 'notice', id: 'n1' }]);
      expect(events[1]!.details).toBe('kind=listingSubmitted');

      // As earlier versions stored them.
      const raw = store.collection<AuditEvent>(auditEventsCollection);
      await raw.insertOne({ _id: 'audit-old-1', tenantId: 'wuppertal', at: now, actor, action: 'listing.rejected', target: { type: 'listing', id: 'l2', label: 'Garten von Herrn Kaya' }, details: 'Bitte ohne Adresse.' });
      await raw.insertOne({ _id: 'audit-old-2', tenantId: 'wuppertal', at: now, actor, action: 'workshop.created', target: { type: 'workshop', id: 'w1', label: 'Einführung' } });
      expect(await audit.scrubCitizenText()).toBe(2);
      expect(await raw.findOne({ _id: 'audit-old-1' })).toMatchObject({ target: { type: 'listing', id: 'l2' } });
      expect(JSON.stringify(await raw.findOne({ _id: 'audit-old-1' }))).not.toMatch(/Kaya|Adresse/);
      expect(await raw.findOne({ _id: 'audit-old-2' })).toMatchObject({ target: { label: 'Einführung' } });
      expect(await audit.scrubCitizenText()).toBe(0);
    });

    it('purges events older than the retention from every city', async () => {
      const audit = new AuditLog(store, () => now);
      const actor = { id: 'u1', email: 'ada@stadt.example' };
      await audit.record('wuppertal', actor, 'workshop.created', { type: 'workshop', id: 'w1' });
      await audit.record('dortmund', actor, 'workshop.created', { type: 'workshop', id: 'w2' });
      const cutoff = new Date(now.getTime() + 1000);
      now = new Date(now.getTime() + 2000);
      await audit.record('wuppertal', actor, 'workshop.updated', { type: 'workshop', id: 'w1' });
      expect(await audit.purgeOlderThan(cutoff)).toBe(2);
      expect((await audit.list('wuppertal')).map((event) => event.action)).toEqual(['workshop.updated']);
    });
  });
});
