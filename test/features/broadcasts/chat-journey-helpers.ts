import type { KosiApp } from '../../../src/app.js';
import type { AnnouncementTopic, AudienceFilter, Broadcast, BroadcastProgress } from '../../../src/features/broadcasts/domain/broadcast.js';
import type { Locale } from '../../../src/platform/config/config-types.js';
import type { AccountKey, Profile } from '../../../src/foundation/profiles/profile.js';
import { ProfileRepository } from '../../../src/foundation/profiles/profile-repository.js';

export const EDITOR = { id: 'staff-editor-1', name: 'Erik Redaktion' };
export const EVERYONE: AudienceFilter = { channels: [], locales: [], interests: [], districts: [], topics: [] };

/** Every delivery has left the queue: sent (Telegram) or waiting for the next visit (web chat). */
const settled = (progress: BroadcastProgress): boolean =>
  progress.total > 0 && progress.sent + progress.waiting + progress.failed + progress.blocked + progress.skipped + progress.cancelled === progress.total;

/** An editor sends an announcement now, as the console does; resolves once every delivery is out (or waits for a web visit). */
export async function announce(app: KosiApp, tenantId: string, topic: AnnouncementTopic, texts: Partial<Record<Locale, string>>): Promise<Broadcast> {
  const broadcast = await app.broadcasts.create(tenantId, EDITOR, { title: `Test ${topic}`, topic, texts, audience: EVERYONE, longText: 'split' });
  await app.broadcasts.submit(tenantId, broadcast._id, EDITOR, 'now');
  const deadline = Date.now() + 15_000;
  for (;;) {
    const progress = await app.broadcasts.progress(tenantId, broadcast._id);
    if (settled(progress)) return broadcast;
    if (Date.now() > deadline) throw new Error(`broadcast did not go out: ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** How many people a broadcast on this topic would reach now. */
export async function audienceOf(app: KosiApp, tenantId: string, topic: AnnouncementTopic): Promise<number> {
  return (await app.broadcasts.audienceSize(tenantId, topic, EVERYONE)).total;
}

export async function profileOf(app: KosiApp, key: AccountKey): Promise<Profile> {
  const profile = await new ProfileRepository(app.store).findByAccount(key);
  if (!profile) throw new Error('no profile for this account');
  return profile;
}
