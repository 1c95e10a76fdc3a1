// Every workflow the worker registers.
export { expertschoolJourney } from './expertschool-journey';
export { subsidyRound } from './subsidy-round';
export { renewSchoolLink, resendSchoolLink } from './link-renewal';
export { personalDataRetention } from './personal-data-retention';
