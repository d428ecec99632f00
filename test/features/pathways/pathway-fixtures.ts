import type { Pathway } from '../../../src/features/pathways/domain/pathway.js';

export const NOW = new Date('2026-03-02T09:00:00Z');

/** A pathway with sensible defaults; tests state only what matters to them. */
export function pathway(id: string, fields: Partial<Pathway> = {}): Pathway {
  return {
    _id: id,
    tenantId: 'dortmund',
    title: `Weg ${id}`,
    provider: 'Anbieter',
    kind: 'helferjob',
    summary: 'Kurz beschrieben.',
    fields: [],
    situations: [],
    requirements: {},
    duration: '1 Jahr',
    pay: '14 € pro Stunde',
    partTimePossible: false,
    childcareFriendly: false,
    location: { district: 'Hörde', online: false },
    nextStep: 'Anrufen.',
    contact: { phone: '0231 0' },
    status: 'active',
    createdAt: NOW,
    updatedAt: NOW,
    ...fields,
  };
}
