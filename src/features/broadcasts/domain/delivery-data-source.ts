import type { PersonalDataSource } from '../../../foundation/privacy/personal-data.js';
import type { BroadcastRepository, DeliveryRepository } from './broadcast-repository.js';

/** Which announcements reached the person, when, on which channel, and whether they pressed the button. */
export function deliveriesDataSource(deliveries: DeliveryRepository, broadcasts: BroadcastRepository): PersonalDataSource {
  return {
    section: 'broadcastDeliveries',
    async export(subject) {
      if (!subject.profileId) return null;
      const own = await deliveries.listForProfile(subject.tenantId, subject.profileId);
      if (own.length === 0) return null;
      const titles = new Map<string, string | undefined>();
      for (const id of new Set(own.map((delivery) => delivery.broadcastId))) titles.set(id, (await broadcasts.findById(subject.tenantId, id))?.title);
      return own.map((delivery) => ({
        broadcast: titles.get(delivery.broadcastId) ?? delivery.broadcastId,
        channel: delivery.channel,
        language: delivery.locale,
        status: delivery.status,
        sentAt: delivery.sentAt ?? null,
        clicks: delivery.clicks,
        firstClickAt: delivery.firstClickAt ?? null,
      }));
    },
    async erase(subject) {
      if (!subject.profileId) return;
      const own = await deliveries.listForProfile(subject.tenantId, subject.profileId);
      await deliveries.deleteForProfile(subject.tenantId, subject.profileId);
      // The person leaves the statistics too (in flight counts as pending there).
      for (const delivery of own) {
        await broadcasts.moveInTally(subject.tenantId, delivery.broadcastId, { [delivery.status === 'sending' ? 'pending' : delivery.status]: -1 });
      }
    },
  };
}
