/**
 * What an e-mailed link lets a school do: the step it opens (its purpose), the part of that step
 * (its scope), how long it lives, and the policy a mail declares for the link it carries. Token
 * mechanics (hashing, opening, marking used) live in services/links/. What a link's scope says about the step it opens, for the purposes whose scope is more than a
 * label. A link is written with one of these and read back with the matching parser, so the mail
 * that issues it, the page it opens and the JSON API agree on what it allows.
 */
import { FormKind } from './forms';
import type { JourneyPhase, JourneyView } from './journey';
import { z } from './zod';
import { SchoolYear } from './school-year';

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

/**
 * The step of a journey a link lets the school take. `enrolment`: choose a learning trajectory, or
 * accept a place offered in one; `form`: fill in one form (a measurement, an evaluation).
 */
export const LinkPurpose = z.enum(['application', 'expert-team', 'conversation', 'enrolment', 'form']);
export type LinkPurpose = z.infer<typeof LinkPurpose>;

/**
 * The longest a link lives. A mail lingers in inboxes and forwards; a school that comes back later
 * asks for a new link from the expired one (it goes to the address we know, not to the asker).
 */
export const LINK_LIFETIME_DAYS = 14;

/** What a link is for, as a mail or page says it: "Uw nieuwe link voor …". */
export const purposeLabel: Record<LinkPurpose, string> = {
  application: 'uw subsidieaanvraag',
  'expert-team': 'het doorgeven van uw expertteam',
  conversation: 'uw gesprek met het programmabureau',
  enrolment: 'de keuze van uw leertraject',
  form: 'het invullen van uw vragenlijst',
};

/**
 * The journey phases in which a link's step can be taken; outside them the link has nothing to do.
 * A form is asked in more than one: the measurements of a learning year, the evaluations of a
 * development group, and the self-evaluation that comes with a registration.
 */
export const purposePhases: Record<LinkPurpose, readonly JourneyPhase[]> = {
  application: ['application'],
  'expert-team': ['aspirant_year'],
  conversation: ['conversation'],
  enrolment: ['enrolment'],
  form: ['learning_year', 'execution', 'registration'],
};

/**
 * The link a kind of mail carries, as its catalogue entry declares it (mail/notice.ts): the step it
 * opens, until when, whether one use spends it, and whether it replaces the step's earlier links.
 */
export interface LinkPolicy {
  purpose: LinkPurpose;
  /** The step within the journey, e.g. the round id or school year. */
  scope: string;
  /** Until when the step can be taken; the link expires then, or after LINK_LIFETIME_DAYS if sooner. */
  stepEndsAt: Date;
  singleUse: boolean;
  /** The purpose's earlier unused links stop working, for this reason (e.g. a new moment replaces the old). */
  revokesEarlier?: string;
}
