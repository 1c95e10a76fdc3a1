// Every workflow the worker registers.
export { expertschoolJourney } from './expertschool-journey';
export { subsidyRound } from './subsidy-round';
export { renewSchoolLink } from './link-renewal';
