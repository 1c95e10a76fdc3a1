/**
 * A school's own request for the exploratory conversation: the one schema that the public page
 * (/gesprek-aanvragen) and its JSON twin (POST /api/conversation-requests) both validate with, and
 * the words both show around it.
 */
import { Brin, School, Sector } from './school';
import type { Track } from './journey';
import { z } from './zod';

/** The track a school is interested in; "unsure" is the form's "weet ik nog niet". */
export const TrackInterest = z
  .enum(['expertschool', 'ontwikkelschool', 'schoolontwikkeling', 'unsure'], { message: 'Kies het traject waarin de school belangstelling heeft.' })
  .openapi({ description: 'expertschool, ontwikkelschool, schoolontwikkeling (VO only), or unsure ("weet ik nog niet")' });
export type TrackInterest = z.infer<typeof TrackInterest>;

export const trackInterestLabel: Record<TrackInterest, string> = {
  expertschool: 'Expertschool',
  ontwikkelschool: 'Ontwikkelschool',
  schoolontwikkeling: 'Schoolontwikkeltraject (alleen VO)',
  unsure: 'Weet ik nog niet',
};

export const sectorLabel: Record<Sector, string> = {
  PO: 'Primair onderwijs (PO)',
  VO: 'Voortgezet onderwijs (VO)',
  SO: 'Speciaal onderwijs (SO/VSO)',
};

/**
 * The journey a request starts. Every journey that begins with the exploratory conversation is an
 * expertschool or ontwikkelschool journey; the school development trajectory begins with a cohort
 * registration instead (and needs a cohort). So "weet ik nog niet" and the school development
 * trajectory start the expertschool journey: its intake ends in the best-fitting next step
 * (expertschool, ontwikkelschool, another pillar, or not now; BRIEF), and the office reads the
 * interest on the case.
 */
export function journeyTrackFor(interest: TrackInterest): Track {
  return interest === 'ontwikkelschool' ? 'ontwikkelschool' : 'expertschool';
}

/**
 * How soon the office contacts a school to plan the conversation, as the confirmation mail and the
 * page promise. Two weeks (ten working days): the office held 70 conversations in 2023 and had 200
 * contacts around a round's opening (BRIEF), so a week cannot be kept at the busiest time.
 */
export const CONTACT_WITHIN_WORKDAYS = 10;

export const ConversationRequest = z
  .object({
    brin: Brin,
    schoolName: School.shape.name,
    sector: z.enum(Sector.options, { message: 'Kies de sector van de school.' }),
    region: School.shape.region,
    contactName: z.string({ message: 'Vul de naam van de contactpersoon in.' }).trim().min(2, { message: 'Vul de naam van de contactpersoon in.' }).max(200),
    // An address as typed on the page is trimmed there; the document says "email" (not a pipe's bare string).
    contactEmail: z.email({ message: 'Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.' }).max(254),
    // Empty when not given (the page sends the empty field): documented as such, and read as absent.
    contactPhone: z
      .union(
        [
          z.literal('').transform(() => undefined),
          z
            .string()
            .trim()
            .regex(/^\+?[0-9][0-9 ()-]{8,18}[0-9]$/, { message: 'Vul een geldig telefoonnummer in, bijvoorbeeld 030 123 45 67.' }),
        ],
        { message: 'Vul een geldig telefoonnummer in, bijvoorbeeld 030 123 45 67.' },
      )
      .optional(),
    trackInterest: TrackInterest,
    hasAspirantYearBehind: z.boolean({ message: 'Geef aan of de school vorig schooljaar het aspirant-traject deed.' }).default(false),
    question: z
      .string({ message: 'Vul uw vraag in.' })
      .trim()
      .min(5, { message: 'Vul uw vraag in: waarover wilt u het gesprek voeren?' })
      .max(2_000, { message: 'Uw vraag is te lang: houd het bij 2000 tekens.' }),
    /** The honeypot: hidden from people, filled in by robots. */
    website: z.string().max(500).optional().describe('Leave empty: a request with this field filled in is answered as usual and not stored'),
  })
  .superRefine((request, ctx) => {
    if (request.trackInterest === 'schoolontwikkeling' && request.sector !== 'VO') {
      ctx.addIssue({
        code: 'custom',
        path: ['trackInterest'],
        message: 'Het schoolontwikkeltraject is alleen voor scholen in het voortgezet onderwijs (VO). Kies een ander traject of "Weet ik nog niet".',
      });
    }
  })
  .openapi('ConversationRequest');
export type ConversationRequest = z.infer<typeof ConversationRequest>;

/** The answer to every request that is taken in, whatever happened to it (a new journey, a running one, the honeypot). */
export const conversationRequestReceived = {
  status: 'received',
  message: `Dank u wel. Wij hebben uw aanvraag ontvangen en sturen een bevestiging naar het opgegeven e-mailadres. Het programmabureau neemt binnen ${CONTACT_WITHIN_WORKDAYS} werkdagen contact met u op om het verkennend gesprek te plannen.`,
} as const;

export const ConversationRequestReceived = z
  .object({ status: z.literal('received'), message: z.string() })
  .openapi('ConversationRequestReceived', { description: 'The same for every request taken in: it never says whether the school is known' });

/** The AVG notice under the form: what is stored, why, and how long (PERSONAL_DATA_RETENTION_DAYS). */
export function privacyNotice(retentionDays: number): string[] {
  return [
    'Wij bewaren wat u hier invult (de gegevens van de school, uw naam, e-mailadres, telefoonnummer en vraag) in het dossier van de school bij het programmabureau Ontwikkelkracht.',
    'Wij gebruiken deze gegevens alleen om het verkennend gesprek met u te plannen en voor te bereiden, en om de school in het programma te begeleiden.',
    `Uw persoonsgegevens worden ${retentionDays} dagen na het einde van het traject van de school gewist. U kunt het programmabureau altijd vragen welke gegevens wij van u hebben of ze te verwijderen.`,
  ];
}
