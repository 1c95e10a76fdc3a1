import type { ApplicationForm, OtherSubsidy } from './application';
import { otherSubsidyLabel, requiredSections, sectionLabel } from './application';
import type { InspectionRating } from './school';
import type { SubsidyRates } from './subsidy-rates';

/** People of the school who take part: an expertschool's team carries an approach; an ontwikkelschool sends at least two. */
export const MIN_PARTICIPANTS = { expertschool: 4, ontwikkelschool: 2 } as const;
export const MIN_SCHOOL_LEADERS = 1;

export type ApplicationTrack = keyof typeof MIN_PARTICIPANTS;

/** Why an application cannot be granted; `path` points at the form field it concerns. */
export interface Ineligibility {
  code:
    | 'duplicate_participant'
    | 'too_few_participants'
    | 'no_school_leader'
    | 'excluded_by_other_subsidy'
    | 'excluded_by_inspection_rating'
    | 'missing_section'
    | 'too_many_places'
    | 'no_trajectory'
    | 'trajectory_not_offered';
  message: string;
  path: (string | number)[];
}

export interface EligibilityInput {
  application: ApplicationForm;
  inspectionRating: InspectionRating;
  hasAspirantYearBehind: boolean;
  rates: SubsidyRates;
  /** Defaults to the expertschool's rules. */
  track?: ApplicationTrack;
}

const excludingRatings: Partial<Record<InspectionRating, string>> = {
  zeer_zwak: 'zeer zwak',
  onvoldoende: 'onvoldoende',
};

/**
 * What excludes a school whatever it writes: another subsidy it already receives, or its inspection
 * rating. Known before the application (the rating from the school's record), so the office sees
 * it at the intake and the school above its application form, before it fills anything in.
 */
export function exclusions({
  inspectionRating,
  otherSubsidies = [],
}: {
  inspectionRating: InspectionRating;
  otherSubsidies?: readonly OtherSubsidy[];
}): Ineligibility[] {
  const found: Ineligibility[] = [];
  for (const subsidy of new Set(otherSubsidies)) {
    found.push({
      code: 'excluded_by_other_subsidy',
      message: `Een school die al subsidie ontvangt voor ${otherSubsidyLabel[subsidy]} kan deze subsidie niet aanvragen.`,
      path: ['otherSubsidies'],
    });
  }
  const excludingRating = excludingRatings[inspectionRating];
  if (excludingRating) {
    found.push({
      code: 'excluded_by_inspection_rating',
      message: `De Inspectie van het Onderwijs beoordeelde de kwaliteit van de school als "${excludingRating}"; dan is deze subsidie niet mogelijk.`,
      path: [],
    });
  }
  return found;
}

/** The exclusions as a school reads them before it applies: "U kunt deze subsidie niet aanvragen als …". */
export const exclusionRules = [
  `uw school al subsidie ontvangt voor ${Object.values(otherSubsidyLabel)
    .join(', ')
    .replace(/, ([^,]*)$/, ' of $1')}`,
  'de Inspectie van het Onderwijs de kwaliteit van uw school als "zeer zwak" of "onvoldoende" beoordeelde',
] as const;

/** Every reason the application cannot be granted; an empty list means eligible. */
export function checkEligibility({ application, inspectionRating, hasAspirantYearBehind, rates, track = 'expertschool' }: EligibilityInput): Ineligibility[] {
  const problems: Ineligibility[] = [];
  const { participants } = application;
  // People, not rows: the same e-mail address twice is one person.
  const people = new Set(participants.map((p) => p.email.toLowerCase()));

  if (people.size < participants.length) {
    problems.push({
      code: 'duplicate_participant',
      message: 'Elke deelnemer staat één keer in de lijst; een e-mailadres komt vaker voor.',
      path: ['participants'],
    });
  }
  if (people.size < MIN_PARTICIPANTS[track]) {
    problems.push({
      code: 'too_few_participants',
      message: `Er doen minstens ${MIN_PARTICIPANTS[track]} mensen van de school mee; u noemt er ${people.size}.`,
      path: ['participants'],
    });
  }
  if (participants.filter((p) => p.role === 'school_leader').length < MIN_SCHOOL_LEADERS) {
    problems.push({
      code: 'no_school_leader',
      message: 'Minstens één deelnemer is schoolleider.',
      path: ['participants'],
    });
  }
  problems.push(...exclusions({ inspectionRating, otherSubsidies: application.otherSubsidies }));
  for (const key of requiredSections(hasAspirantYearBehind, track)) {
    if (!application.sections[key]?.trim()) {
      problems.push({
        code: 'missing_section',
        message: `Het activiteitenplan mist de sectie "${sectionLabel[key]}".`,
        path: ['sections', key],
      });
    }
  }
  if (track === 'expertschool' && application.trajectories.length === 0) {
    problems.push({ code: 'no_trajectory', message: 'Beschrijf minstens één leertraject.', path: ['trajectories'] });
  }
  if (track === 'ontwikkelschool' && application.trajectories.length > 0) {
    // An ontwikkelschool chooses an expertschool's trajectory once granted; it offers none itself.
    problems.push({
      code: 'trajectory_not_offered',
      message: 'Een ontwikkelschool biedt zelf geen leertrajecten aan; u kiest er een na toekenning.',
      path: ['trajectories'],
    });
  }
  application.trajectories.forEach((trajectory, index) => {
    if (trajectory.places > rates.maxPlacesPerTrajectory) {
      problems.push({
        code: 'too_many_places',
        message: `Een leertraject heeft hoogstens ${rates.maxPlacesPerTrajectory} plaatsen voor ontwikkelscholen; "${trajectory.title}" heeft er ${trajectory.places}.`,
        path: ['trajectories', index, 'places'],
      });
    }
  });
  return problems;
}
