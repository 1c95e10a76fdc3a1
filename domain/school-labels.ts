/** The Dutch words for a school's record as the office reads it: never a raw enum value on a page. */
import type { EqualAccessMarker, InspectionRating, Sector } from './school';

export const sectorLabel: Record<Sector, string> = {
  PO: 'Primair onderwijs (PO)',
  VO: 'Voortgezet onderwijs (VO)',
  SO: 'Speciaal onderwijs (SO)',
};

export const inspectionRatingLabel: Record<InspectionRating, string> = {
  goed: 'Goed',
  voldoende: 'Voldoende',
  onvoldoende: 'Onvoldoende',
  zeer_zwak: 'Zeer zwak',
  niet_beoordeeld: 'Niet beoordeeld',
};

export const equalAccessMarkerLabel: Record<EqualAccessMarker, string> = {
  weak_performance: 'Zwak presterend',
  special_target_group: 'Bijzondere doelgroep',
  specialised: 'Gespecialiseerd onderwijs (SO/VSO)',
  small_regional: 'Kleine regionale school',
};
