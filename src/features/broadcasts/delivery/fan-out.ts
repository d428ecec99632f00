import { randomBytes } from 'node:crypto';
import type { Logger } from '../../../platform/logging/logger.js';
import type { Clock } from '../../../platform/clock.js';
import type { Broadcast } from '../domain/broadcast.js';
import type { BroadcastRepository, DeliveryRepository } from '../domain/broadcast-repository.js';
import type { BroadcastService } from '../domain/broadcast-service.js';

export interface FanOutDeps {
  broadcasts: BroadcastRepository;
  deliveries: DeliveryRepository;
  service: BroadcastService;
  clock: Clock;
  logger: Logger;
}

/** One write per thousand people. */
const CHUNK = 1000;

/**
 * Creates a broadcast's delivery records from its audience, one per person (Telegram: pending; web
 * chat: waiting for the next visit). Safe to repeat after a crash: a unique index leaves out who
 * has one already.
 */
export async function fanOut(deps: FanOutDeps, broadcast: Broadcast): Promise<Broadcast> {
  const { tenantId, _id: broadcastId } = broadcast;
  const recipients = await deps.service.recipients(tenantId, broadcast.topic, broadcast.audience);
  const now = deps.clock();
  for (let start = 0; start < recipients.length; start += CHUNK) {
    await deps.deliveries.insertMissing(
      recipients.slice(start, start + CHUNK).map((recipient, index) => ({
        _id: deliveryId(broadcastId, start + index),
        tenantId,
        broadcastId,
        profileId: recipient.profileId,
        channel: recipient.channel,
        locale: recipient.locale,
        status: recipient.channel === 'telegram' ? 'pending' : 'waiting',
        attempts: 0,
        partsSent: 0,
        nextAttemptAt: now,
        clicks: 0,
        createdAt: now,
        updatedAt: now,
      })),
    );
  }
  // Counted, not taken from the inserts: a fan-out repeated after a crash inserts only who was missing.
  const tally = await deps.broadcasts.recount(tenantId, broadcastId, deps.deliveries);
  const total = Object.values(tally).reduce((sum, count) => sum + count, 0);
  const updated = await deps.broadcasts.update(tenantId, broadcastId, { $set: { fannedOutAt: deps.clock(), recipients: total } });
  deps.logger.info({ tenantId, broadcastId, recipients: total }, 'broadcast fanned out');
  return updated ?? broadcast;
}

/** Short, unguessable ids: they travel in buttons (64 bytes) and in the click redirect link. */
function deliveryId(broadcastId: string, index: number): string {
  return `d${broadcastId.slice(2, 6)}${index.toString(36)}${randomBytes(5).toString('hex')}`;
}
