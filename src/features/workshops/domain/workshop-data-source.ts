import type { PersonalDataSource } from '../../../foundation/privacy/personal-data.js';
import type { WorkshopService } from './workshop-service.js';

/** Workshop registrations and the reminder wish: exported, and erased with "delete me" (seats go back). */
export function workshopRegistrationsDataSource(service: WorkshopService): PersonalDataSource {
  return {
    section: 'workshopRegistrations',
    async export(subject) {
      if (!subject.profileId) return null;
      const registrations = await service.registrationsOfProfile(subject.tenantId, subject.profileId);
      const preferences = await service.preferencesOf(subject.tenantId, subject.profileId);
      if (registrations.length === 0 && !preferences) return null;
      const workshops = await service.findByIds(subject.tenantId, registrations.map((registration) => registration.workshopId));
      return {
        remindersOn: preferences?.remindersOn ?? true,
        registrations: registrations.map((registration) => {
          const workshop = workshops.find((candidate) => candidate._id === registration.workshopId);
          return {
            workshopId: registration.workshopId,
            // The workshop's own state too: "registered" for a workshop staff cancelled would mislead.
            workshop: workshop ? { title: workshop.title, startsAt: workshop.startsAt, status: workshop.status } : null,
            status: registration.status,
            ...(registration.cancelReason ? { cancelReason: registration.cancelReason } : {}),
            registeredAt: registration.registeredAt,
            waitingSince: registration.waitingSince,
            remindersOn: registration.remindersOn,
            messagesSent: registration.sent,
            createdAt: registration.createdAt,
            updatedAt: registration.updatedAt,
          };
        }),
      };
    },
    async erase(subject) {
      if (subject.profileId) await service.eraseProfile(subject.tenantId, subject.profileId);
    },
  };
}
