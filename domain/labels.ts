/**
 * The Dutch words a person reads for the codes Koers keeps: one exhaustive Record per code list, so
 * a new value does not typecheck until it has its label. Labels that sat beside their enum before
 * (phaseLabel, roundStatusLabel, trackLabel, …) stay there; this module holds the rest and lists
 * every label table, which the raw-code test walks.
 */
import type { JourneyEventType } from './journey-step';
import { participantRoleLabel, otherSubsidyLabel, sectionLabel } from './application';
import { cohortStatusLabel } from './cohort';
import { developmentThemeLabel } from './development-groups';
import { formKindLabel, formStatusLabel } from './forms';
import { hubOutcomeLabel, hubStatusLabel, knowledgeSharingKindLabel } from './hub';
import {
  applicationStatusLabel,
  closingOutcomeLabel,
  intakeOutcomeLabel,
  phaseLabel,
  waitingForLabel,
  type ConversationAnswer,
  type ConversationKind,
  type DecideApplication,
  type RecordAspirantOutcome,
} from './journey';
import { roundStatusLabel } from './round';
import type { EqualAccessMarker, InspectionRating, Sector } from './school';
import { trackLabel } from './tracks';

/** A step on a case's timeline, as the office reads it. */
export const journeyEventLabel: Record<JourneyEventType, string> = {
  journey_started: 'Deelname gestart',
  phase_entered: 'Naar fase',
  conversation_planned: 'Gesprek gepland',
  conversation_answered: 'School antwoordde op de uitnodiging',
  conversation_recorded: 'Gespreksverslag vastgelegd',
  intake_recorded: 'Uitkomst intake vastgelegd',
  round_joined: 'Doet mee in subsidieronde',
  round_missed: 'Ronde gesloten zonder ingediende aanvraag',
  // Refined per step: a saved draft and a submitted application read differently (see applicationSavedLabel).
  application_saved: 'Aanvraag opgeslagen',
  application_decided: 'Besluit op de aanvraag',
  expert_team_registered: 'Expertteam doorgegeven',
  aspirant_outcome_recorded: 'Uitkomst aspirantjaar vastgelegd',
  enrolment_changed: 'Leertraject',
  form_requested: 'Vragenlijst gevraagd',
  form_reminded: 'Herinnering vragenlijst verstuurd',
  form_answered: 'Vragenlijst ingevuld',
  form_missed: 'Vragenlijst niet ingevuld',
  registration_submitted: 'Aanmelding schoolontwikkeltraject ingediend',
  cohort_place_granted: 'Plaats in het schoolontwikkeltraject',
  development_group_assigned: 'Ingedeeld in een ontwikkelgroep',
  journey_closed: 'Deelname afgesloten',
};

/** `application_saved` is both a saved draft and a submitted application: the status tells them apart. */
export const applicationSavedLabel: Record<'draft' | 'submitted', string> = {
  draft: 'Concept van de aanvraag opgeslagen',
  submitted: 'Aanvraag ingediend',
};

export type EnrolmentChange = 'chosen' | 'offered' | 'accepted' | 'offer_expired' | 'withdrawn';
export const enrolmentChangeLabel: Record<EnrolmentChange, string> = {
  chosen: 'gekozen',
  offered: 'plaats aangeboden',
  accepted: 'aangeboden plaats aanvaard',
  offer_expired: 'aangeboden plaats verlopen',
  withdrawn: 'teruggetrokken',
};

export const decisionLabel: Record<DecideApplication['decision'], string> = { approved: 'toegekend', rejected: 'afgewezen' };

export const aspirantOutcomeLabel: Record<RecordAspirantOutcome['outcome'], string> = {
  expertschool: 'wordt expertschool',
  dropped_out: 'gestopt na het aspirantjaar',
};

export const conversationAnswerLabel: Record<ConversationAnswer, string> = {
  confirm: 'bevestigd door de school',
  other_moment: 'school vraagt een ander moment',
};

export const conversationKindLabel: Record<ConversationKind, string> = { exploratory: 'verkennend gesprek', evaluation: 'evaluatiegesprek' };

export const inspectionRatingLabel: Record<InspectionRating, string> = {
  goed: 'goed',
  voldoende: 'voldoende',
  onvoldoende: 'onvoldoende',
  zeer_zwak: 'zeer zwak',
  niet_beoordeeld: 'niet beoordeeld',
};

export const equalAccessLabel: Record<EqualAccessMarker, string> = {
  weak_performance: 'zwak presterende scholen',
  special_target_group: 'scholen met bijzondere doelgroepen',
  specialised: 'gespecialiseerd onderwijs (SO/VSO)',
  small_regional: 'kleine regionale scholen',
};

/** PO, VO and SO are the Dutch abbreviations everyone in education reads; "all" is not. */
export const sectorLabel: Record<Sector | 'all', string> = { PO: 'PO', VO: 'VO', SO: 'SO', all: 'alle sectoren' };

export const mailStatusLabel: Record<'pending' | 'sent', string> = { pending: 'nog niet verstuurd', sent: 'verstuurd' };

/** The label of a value read from storage as plain text; a value the table lacks reads as itself (storage is validated on the way in). */
export function labelOf<K extends string>(labels: Record<K, string>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value as K] : value;
}

/** Every label table, for the test that checks no page or mail shows a code instead of its label. */
export const allLabelTables: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  journeyEventLabel,
  applicationSavedLabel,
  enrolmentChangeLabel,
  decisionLabel,
  aspirantOutcomeLabel,
  conversationAnswerLabel,
  conversationKindLabel,
  inspectionRatingLabel,
  equalAccessLabel,
  sectorLabel,
  mailStatusLabel,
  phaseLabel,
  waitingForLabel,
  intakeOutcomeLabel,
  closingOutcomeLabel,
  applicationStatusLabel,
  trackLabel,
  roundStatusLabel,
  participantRoleLabel,
  otherSubsidyLabel,
  sectionLabel,
  cohortStatusLabel,
  developmentThemeLabel,
  formKindLabel,
  formStatusLabel,
  hubOutcomeLabel,
  hubStatusLabel,
  knowledgeSharingKindLabel,
};
