import type { Opportunity } from '../../../src/features/volunteering/domain/opportunities/opportunity.js';

const now = new Date('2026-05-04T10:00:00Z');
const TENANT = 'wuppertal';

/** An open good deed in Elberfeld on weekends (environment), with two places; override what a test needs. */
export function opportunity(id: string, fields: Partial<Opportunity> = {}): Opportunity {
  return {
    _id: id,
    tenantId: TENANT,
    title: `Deed ${id}`,
    organisation: 'Verein',
    description: 'Beschreibung',
    district: 'Elberfeld',
    online: false,
    timeNeeded: '2 Stunden',
    slots: ['weekends'],
    interests: ['environment'],
    skills: [],
    places: 2,
    contact: { name: 'Ansprechperson', email: 'team@example.org' },
    status: 'open',
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}
