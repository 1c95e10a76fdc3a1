// Every workflow the worker registers.
export { expertschoolJourney } from './expertschool-journey';
export { ontwikkelschoolJourney } from './ontwikkelschool-journey';
export { subsidyRound } from './subsidy-round';
export { roundFromPlan } from './round-from-plan';
export { renewSchoolLink, resendSchoolLink } from './link-renewal';
export { personalDataRetention } from './personal-data-retention';
export { confirmConversationRequest } from './conversation-request';
export * from './hub/hub-year';
export { schoolDevelopmentJourney } from './school-development-journey';
export { developmentCohort } from './development-cohort';
