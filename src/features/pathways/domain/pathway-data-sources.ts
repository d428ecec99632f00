import type { PersonalDataSource } from '../../../foundation/privacy/personal-data.js';
import type { PathwayAnswersRepository, PathwayRepository, PathwayRequestRepository } from './pathway-repository.js';

/** "Meine Wege" (with any reminder asked for): exported with the pathway's title, erased with the person. */
export function savedPathwaysDataSource(requests: PathwayRequestRepository, pathways: PathwayRepository): PersonalDataSource {
  return {
    section: 'savedPathways',
    async export(subject) {
      if (!subject.profileId) return null;
      const saved = await requests.listForProfile(subject.tenantId, subject.profileId);
      if (saved.length === 0) return null;
      const titles = new Map((await pathways.findByIds(subject.tenantId, saved.map((entry) => entry.pathwayId))).map((pathway) => [pathway._id, pathway.title]));
      return saved.map(({ pathwayId, savedAt, remindAt, remindedAt }) => ({ pathwayId, title: titles.get(pathwayId) ?? null, savedAt, remindAt, remindedAt }));
    },
    async erase(subject) {
      if (subject.profileId) await requests.deleteForProfile(subject.tenantId, subject.profileId);
    },
  };
}

/** The questionnaire's answers. */
export function pathwayAnswersDataSource(answers: PathwayAnswersRepository): PersonalDataSource {
  return {
    section: 'pathwayAnswers',
    async export(subject) {
      if (!subject.profileId) return null;
      const found = await answers.find(subject.tenantId, subject.profileId);
      if (!found) return null;
      const { situation, fields, degree, german, constraints, start, skipped, updatedAt } = found;
      return { situation, fields, degree, german, constraints, start, skipped, updatedAt };
    },
    async erase(subject) {
      if (subject.profileId) await answers.delete(subject.tenantId, subject.profileId);
    },
  };
}
