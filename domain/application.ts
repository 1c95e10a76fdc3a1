/**
 * A subsidy application as the school fills it in: its participants (at least four, one a school
 * leader), the activity plan's sections, and the schemas that check a draft and a submission.
 */
import { z } from './zod';

export const ParticipantRole = z.enum(['school_leader', 'teacher', 'internal_supervisor', 'other'], { message: 'Kies de rol van de deelnemer.' });
export type ParticipantRole = z.infer<typeof ParticipantRole>;

export const participantRoleLabel: Record<ParticipantRole, string> = {
  school_leader: 'schoolleider',
  teacher: 'leraar',
  internal_supervisor: 'intern begeleider',
  other: 'anders',
};

export const Participant = z
  .object({
    name: z.string().trim().min(2, { message: 'Vul de naam van de deelnemer in.' }).max(200),
    email: z.email({ message: 'Vul een geldig e-mailadres in.' }).max(254),
    role: ParticipantRole,
  })
  .openapi('Participant');
export type Participant = z.infer<typeof Participant>;

/** A learning trajectory (leertraject) the school will offer ontwikkelscholen as an expertschool. */
export const Trajectory = z
  .object({
    title: z.string().trim().min(3, { message: 'Geef het leertraject een titel.' }).max(200),
    // The per-round maximum (6) is a rule checked with the round's rates, so the message can name it.
    places: z
      .number({ message: 'Vul het aantal plaatsen in als getal.' })
      .int({ message: 'Het aantal plaatsen is een heel getal.' })
      .min(1, { message: 'Een leertraject heeft minstens 1 plaats.' }),
  })
  .openapi('Trajectory');
export type Trajectory = z.infer<typeof Trajectory>;

/**
 * Sections of the activity plan (activiteitenplan). Which are required depends on whether the
 * school did the aspirant year: see requiredSections.
 */
export const SectionKey = z.enum([
  'evaluation_conversation_report',
  'support_and_commitment',
  'organisation_and_roles',
  'trajectory_and_requirements',
  'places_per_trajectory',
  'evidence_of_expertise',
  'evidence_of_research_culture',
  'evidence_informed_approach',
  'improvement_question',
]);
export type SectionKey = z.infer<typeof SectionKey>;

export const sectionLabel: Record<SectionKey, string> = {
  evaluation_conversation_report: 'Verslag van het evaluatiegesprek',
  support_and_commitment: 'Draagvlak en commitment van team, leiding en bestuur',
  organisation_and_roles: 'Betrokkenheid, rollen en tijd van team, leiding en bestuur; organisatie van de trajecten',
  trajectory_and_requirements: 'Beschrijving van het leertraject en de eisen aan ontwikkelscholen',
  places_per_trajectory: 'Aantal plaatsen per leertraject',
  evidence_of_expertise: 'Aantoonbare expertise met een veelbelovende, onderzoeksmatige aanpak',
  evidence_of_research_culture: 'Aantoonbaar goede onderzoeks- en verbetercultuur',
  evidence_informed_approach: 'Aantoonbaar evidence-informed werken in een leergebied',
  improvement_question: 'De verbetervraag van de school en wat zij van een leertraject verwacht',
};

const sectionsForEveryone: SectionKey[] = ['support_and_commitment', 'organisation_and_roles', 'trajectory_and_requirements', 'places_per_trajectory'];

/**
 * The activity plan of a school that did the aspirant year contains the report of its evaluation
 * conversation; a school without the aspirant year behind it must instead show its expertise,
 * research culture and evidence-informed approach.
 */
export function requiredSections(hasAspirantYearBehind: boolean, track: 'expertschool' | 'ontwikkelschool' = 'expertschool'): SectionKey[] {
  // An ontwikkelschool applies to learn, not to teach: its question and its team's commitment.
  if (track === 'ontwikkelschool') return ['improvement_question', 'support_and_commitment'];
  return hasAspirantYearBehind
    ? ['evaluation_conversation_report', ...sectionsForEveryone]
    : [...sectionsForEveryone, 'evidence_of_expertise', 'evidence_of_research_culture', 'evidence_informed_approach'];
}

/** Other subsidies a school declares; each excludes it from this one. */
export const OtherSubsidy = z.enum(['groeikracht', 'de_transformatieve_school', 'aspirant_expertschool'], { message: 'Kies een van de genoemde subsidies.' });
export type OtherSubsidy = z.infer<typeof OtherSubsidy>;

export const otherSubsidyLabel: Record<OtherSubsidy, string> = {
  groeikracht: 'Groeikracht',
  de_transformatieve_school: 'De Transformatieve School',
  aspirant_expertschool: 'het traject Aspirant-expertschool',
};

const sectionText = z.string().trim().max(20_000, { message: 'Deze sectie is te lang (maximaal 20.000 tekens).' });

/** The application as the school submits it. Rules across fields live in eligibility.ts. */
export const ApplicationForm = z
  .object({
    participants: z.array(Participant).max(50),
    sections: z.partialRecord(SectionKey, sectionText),
    // Whether trajectories are needed depends on the track: a rule in eligibility.ts.
    trajectories: z.array(Trajectory).max(10).default([]),
    otherSubsidies: z.array(OtherSubsidy).max(3).default([]),
  })
  .openapi('ApplicationForm');
export type ApplicationForm = z.infer<typeof ApplicationForm>;

/** A half-filled application, saved to resume later: every part optional, each part well-formed. */
export const ApplicationDraft = z
  .object({
    participants: z.array(Participant).max(50).optional(),
    sections: z.partialRecord(SectionKey, sectionText).optional(),
    trajectories: z.array(Trajectory).max(10).optional(),
    otherSubsidies: z.array(OtherSubsidy).max(3).optional(),
  })
  .openapi('ApplicationDraft');
export type ApplicationDraft = z.infer<typeof ApplicationDraft>;
