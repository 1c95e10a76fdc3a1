import { z } from './zod';

/** BRIN: the four-character code the Dutch government gives every school (two digits, two letters). */
export const Brin = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9]{2}[A-Z]{2}$/, { message: 'Een BRIN-code bestaat uit twee cijfers en twee letters, bijvoorbeeld 12AB.' })
  .openapi({ example: '12AB', description: 'BRIN code of the school' });
export type Brin = z.infer<typeof Brin>;

export const Sector = z
  .enum(['PO', 'VO', 'SO'], { message: 'Kies de sector: PO, VO of SO.' })
  .openapi({ description: 'PO primary, VO secondary, SO special education' });
export type Sector = z.infer<typeof Sector>;

/** The Inspectorate of Education's judgement of a school's quality. */
export const InspectionRating = z.enum(['goed', 'voldoende', 'onvoldoende', 'zeer_zwak', 'niet_beoordeeld'], { message: 'Kies het oordeel van de inspectie.' });
export type InspectionRating = z.infer<typeof InspectionRating>;

/** Markers the office reports on in its equal-access monitor. */
export const EqualAccessMarker = z.enum(
  [
    'weak_performance', // zwak presterend
    'special_target_group', // bijzondere doelgroep
    'specialised', // gespecialiseerd onderwijs (SO/VSO)
    'small_regional', // kleine regionale school
  ],
  { message: 'Kies een van de genoemde kenmerken.' },
);
export type EqualAccessMarker = z.infer<typeof EqualAccessMarker>;

export const School = z
  .object({
    brin: Brin,
    // The length as sent, before trimming: what the OpenAPI document's maxLength says.
    name: z.string().max(200).trim().min(2, { message: 'Vul de naam van de school in.' }),
    sector: Sector,
    region: z.string().max(100).trim().min(2, { message: 'Vul de regio in.' }),
    contactEmail: z.email({ message: 'Vul een geldig e-mailadres in.' }).max(254).describe('Where the programme mails the school'),
    inspectionRating: InspectionRating,
    equalAccessMarkers: z.array(EqualAccessMarker).max(4).default([]),
  })
  .openapi('School');
export type School = z.infer<typeof School>;
