/**
 * What a link's scope says about the step it opens, for the purposes whose scope is more than a
 * label. A link is written with one of these and read back with the matching parser, so the mail
 * that issues it, the page it opens and the JSON API agree on what it allows.
 */
import { FormKind } from '../../domain/forms';
import type { JourneyView } from '../../domain/journey';
import { SchoolYear } from '../../domain/school-year';

/**
 * An `enrolment` link either lets the school choose among the trajectories of a school year (the
 * scope is the school year), or accept the one place it was offered (the scope is that
 * trajectory's id, which never looks like a school year: `hub-<brin>-<year>/t<n>`).
 */
export type EnrolmentScope = { kind: 'choice'; schoolYear: SchoolYear } | { kind: 'offer'; trajectoryId: string };

export const choiceScope = (schoolYear: SchoolYear): string => schoolYear;
export const offerScope = (trajectoryId: string): string => trajectoryId;

export function enrolmentScope(scope: string): EnrolmentScope {
  return SchoolYear.safeParse(scope).success ? { kind: 'choice', schoolYear: scope } : { kind: 'offer', trajectoryId: scope };
}

/** A `form` link opens exactly one form: its kind and its scope within the journey, "nulmeting/2027-2028". */
export interface FormScope {
  kind: FormKind;
  scope: string;
}

export const formScope = (form: FormScope): string => `${form.kind}/${form.scope}`;

export function parseFormScope(scope: string): FormScope | null {
  const slash = scope.indexOf('/');
  const kind = FormKind.safeParse(scope.slice(0, slash)).data;
  return slash > 0 && kind ? { kind, scope: scope.slice(slash + 1) } : null;
}

/** Why a link cannot take this action with this input, or null when it can. */
export type ScopeRule<T> = (linkScope: string, input: T) => string | null;

export const OFFER_LINK_CANNOT_CHOOSE =
  'Met deze link kunt u alleen de plaats aanvaarden die u is aangeboden. Een leertraject kiezen doet u met de link uit de e-mail over het kiezen van een leertraject.';

/** A choice link chooses and accepts the school's own offer; an offer link only accepts its own trajectory. */
export const chooseWithinScope: ScopeRule<{ trajectoryId: string }> = (linkScope) =>
  enrolmentScope(linkScope).kind === 'choice' ? null : OFFER_LINK_CANNOT_CHOOSE;

export const acceptWithinScope: ScopeRule<{ trajectoryId: string }> = (linkScope, input) => {
  const scope = enrolmentScope(linkScope);
  return scope.kind === 'choice' || scope.trajectoryId === input.trajectoryId
    ? null
    : 'Deze link hoort bij de plaats in een ander leertraject. Gebruik de link uit de e-mail over de plaats die u wilt aanvaarden.';
};

export const answerWithinScope: ScopeRule<FormScope> = (linkScope, input) =>
  linkScope === formScope(input) ? null : 'Deze link hoort bij een andere vragenlijst. Gebruik de link uit de e-mail over deze vragenlijst.';

/** Why a link cannot act on the journey as it now stands, or null when it can. */
export type JourneyScopeRule = (linkScope: string, journey: Pick<JourneyView, 'application'>) => string | null;

export const ROUND_OF_LINK_CLOSED = 'De aanvraagtermijn van deze subsidieronde is voorbij. Uw school krijgt bericht zodra een volgende ronde opengaat.';

/** An `application` link (scope: the round id) works on the application of its own round only, not on a later round's. */
export const applicationWithinRound: JourneyScopeRule = (linkScope, journey) => (journey.application?.roundId === linkScope ? null : ROUND_OF_LINK_CLOSED);
