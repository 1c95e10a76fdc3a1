import { ApplicationForm, OtherSubsidy, type Participant, requiredSections, type SectionKey } from '../../domain/application';
import { checkEligibility, type EligibilityInput, type Ineligibility } from '../../domain/eligibility';
import { InspectionRating } from '../../domain/school';
import { type SubsidyRates, subsidyRatesFor } from '../../domain/subsidy-rates';

const rates: SubsidyRates = subsidyRatesFor('2024-2025')!;
const text = 'Uitgebreide beschrijving die aan de eisen van de regeling voldoet.';

const leader: Participant = { name: 'Fatima el Amrani', email: 'f.elamrani@regenboog.example', role: 'school_leader' };
const teachers: Participant[] = [
  { name: 'Jan de Vries', email: 'j.devries@regenboog.example', role: 'teacher' },
  { name: 'Sanne Bakker', email: 's.bakker@regenboog.example', role: 'teacher' },
  { name: 'Kees Jansen', email: 'k.jansen@regenboog.example', role: 'internal_supervisor' },
];

function sectionsFor(hasAspirantYearBehind: boolean): Partial<Record<SectionKey, string>> {
  return Object.fromEntries(requiredSections(hasAspirantYearBehind).map((key) => [key, text]));
}

/** An application that meets every rule: 4 participants of whom 1 school leader, all sections, 6 + 4 places. */
function completeApplication(hasAspirantYearBehind: boolean, overrides: Partial<ApplicationForm> = {}): ApplicationForm {
  return {
    participants: [leader, ...teachers],
    sections: sectionsFor(hasAspirantYearBehind),
    trajectories: [
      { title: 'Begrijpend lezen', places: 6 },
      { title: 'Rekenen met inzicht', places: 4 },
    ],
    otherSubsidies: [],
    ...overrides,
  };
}

function check(overrides: Partial<EligibilityInput> & { application?: ApplicationForm } = {}): Ineligibility[] {
  const hasAspirantYearBehind = overrides.hasAspirantYearBehind ?? false;
  return checkEligibility({
    application: completeApplication(hasAspirantYearBehind),
    inspectionRating: 'goed',
    hasAspirantYearBehind,
    rates,
    ...overrides,
  });
}

const codes = (problems: Ineligibility[]) => problems.map((p) => p.code);

describe('checkEligibility: a complete application', () => {
  it.each([false, true])('has no problems (hasAspirantYearBehind: %s)', (hasAspirantYearBehind) => {
    expect(check({ hasAspirantYearBehind })).toEqual([]);
  });

  it('is what the ApplicationForm schema accepts too', () => {
    expect(ApplicationForm.safeParse(completeApplication(false)).success).toBe(true);
    expect(ApplicationForm.safeParse(completeApplication(true)).success).toBe(true);
  });

  it('accepts exactly 4 participants of whom exactly 1 school leader', () => {
    const application = completeApplication(false);
    expect(application.participants).toHaveLength(4);
    expect(application.participants.filter((p) => p.role === 'school_leader')).toHaveLength(1);
    expect(check({ application })).toEqual([]);
  });

  it('accepts trajectories of exactly the maximum number of places', () => {
    const application = completeApplication(false, {
      trajectories: [
        { title: 'Lezen', places: 6 },
        { title: 'Rekenen', places: 6 },
      ],
    });
    expect(check({ application })).toEqual([]);
  });
});

describe('checkEligibility: participants', () => {
  it('refuses 3 participants, naming the minimum and the count in Dutch', () => {
    const application = completeApplication(false, { participants: [leader, ...teachers.slice(0, 2)] });
    expect(check({ application })).toEqual([
      {
        code: 'too_few_participants',
        message: 'Er doen minstens 4 mensen van de school mee; u noemt er 3.',
        path: ['participants'],
      },
    ]);
  });

  it('counts the participants it is given', () => {
    const application = completeApplication(false, { participants: [leader] });
    const [problem] = check({ application });
    expect(problem?.code).toBe('too_few_participants');
    expect(problem?.message).toContain('u noemt er 1.');
  });

  it('refuses an application without a school leader', () => {
    const application = completeApplication(false, {
      participants: [...teachers, { name: 'Piet Smit', email: 'p.smit@regenboog.example', role: 'other' }],
    });
    expect(check({ application })).toEqual([{ code: 'no_school_leader', message: 'Minstens één deelnemer is schoolleider.', path: ['participants'] }]);
  });

  it('reports both problems for no participants at all', () => {
    const application = completeApplication(false, { participants: [] });
    expect(codes(check({ application }))).toEqual(['too_few_participants', 'no_school_leader']);
    expect(check({ application })[0]?.message).toContain('u noemt er 0.');
  });
});

describe('checkEligibility: other subsidies', () => {
  const labels: Record<OtherSubsidy, string> = {
    groeikracht: 'Groeikracht',
    de_transformatieve_school: 'De Transformatieve School',
    aspirant_expertschool: 'het traject Aspirant-expertschool',
  };

  it.each(OtherSubsidy.options)('excludes a school that already receives subsidy for %s', (subsidy) => {
    const application = completeApplication(false, { otherSubsidies: [subsidy] });
    expect(check({ application })).toEqual([
      {
        code: 'excluded_by_other_subsidy',
        message: `Een school die al subsidie ontvangt voor ${labels[subsidy]} kan deze subsidie niet aanvragen.`,
        path: ['otherSubsidies'],
      },
    ]);
  });

  it('reports each declared subsidy', () => {
    const application = completeApplication(false, { otherSubsidies: [...OtherSubsidy.options] });
    const problems = check({ application });
    expect(codes(problems)).toEqual(['excluded_by_other_subsidy', 'excluded_by_other_subsidy', 'excluded_by_other_subsidy']);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/Groeikracht[\s\S]*De Transformatieve School[\s\S]*Aspirant-expertschool/);
  });
});

describe('checkEligibility: inspection rating', () => {
  it.each([
    ['onvoldoende', 'onvoldoende'],
    ['zeer_zwak', 'zeer zwak'],
  ] as const)('excludes a school the Inspectorate rated %s', (inspectionRating, said) => {
    expect(check({ inspectionRating })).toEqual([
      {
        code: 'excluded_by_inspection_rating',
        message: `De Inspectie van het Onderwijs beoordeelde de kwaliteit van de school als "${said}"; dan is deze subsidie niet mogelijk.`,
        path: [],
      },
    ]);
  });

  it.each(['goed', 'voldoende', 'niet_beoordeeld'] as const)('does not exclude a school rated %s', (inspectionRating) => {
    expect(check({ inspectionRating })).toEqual([]);
  });

  it('knows every rating the schema allows', () => {
    // A new rating must be decided on deliberately: this lists which ones exclude.
    const excluded = InspectionRating.options.filter((inspectionRating) => check({ inspectionRating }).length > 0);
    expect(excluded.sort()).toEqual(['onvoldoende', 'zeer_zwak']);
  });
});

describe('checkEligibility: sections of the activity plan', () => {
  const sectionLabels: Record<SectionKey, string> = {
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

  describe.each([true, false])('hasAspirantYearBehind: %s', (hasAspirantYearBehind) => {
    it.each(requiredSections(hasAspirantYearBehind))('reports the missing section %s', (key) => {
      const { [key]: _left, ...sections } = sectionsFor(hasAspirantYearBehind);
      const application = completeApplication(hasAspirantYearBehind, { sections });
      expect(check({ application, hasAspirantYearBehind })).toEqual([
        {
          code: 'missing_section',
          message: `Het activiteitenplan mist de sectie "${sectionLabels[key]}".`,
          path: ['sections', key],
        },
      ]);
    });

    it.each(requiredSections(hasAspirantYearBehind))('treats a blank section %s as missing', (key) => {
      const application = completeApplication(hasAspirantYearBehind, { sections: { ...sectionsFor(hasAspirantYearBehind), [key]: '   \n ' } });
      expect(codes(check({ application, hasAspirantYearBehind }))).toEqual(['missing_section']);
    });

    it('reports every required section of an empty plan, in order', () => {
      const application = completeApplication(hasAspirantYearBehind, { sections: {} });
      const problems = check({ application, hasAspirantYearBehind });
      expect(problems.map((p) => p.path)).toEqual(requiredSections(hasAspirantYearBehind).map((key) => ['sections', key]));
    });
  });

  it('asks a school with the aspirant year behind it for the evaluation report, not for evidence', () => {
    expect(requiredSections(true)).toContain('evaluation_conversation_report');
    expect(requiredSections(true)).not.toContain('evidence_of_expertise');
    // Sections the other kind of school needs are not required of it.
    expect(check({ hasAspirantYearBehind: true, application: completeApplication(true) })).toEqual([]);
  });

  it('asks a school without the aspirant year for evidence, not for an evaluation report', () => {
    expect(requiredSections(false)).toEqual(expect.arrayContaining(['evidence_of_expertise', 'evidence_of_research_culture', 'evidence_informed_approach']));
    expect(requiredSections(false)).not.toContain('evaluation_conversation_report');
  });

  it('does not accept the sections of a school with the aspirant year from one without it', () => {
    const application = completeApplication(true);
    expect(codes(check({ application, hasAspirantYearBehind: false }))).toEqual(['missing_section', 'missing_section', 'missing_section']);
  });
});

describe('checkEligibility: places per trajectory', () => {
  it('refuses a trajectory with more places than the maximum, pointing at that trajectory', () => {
    const application = completeApplication(false, {
      trajectories: [
        { title: 'Begrijpend lezen', places: 6 },
        { title: 'Rekenen met inzicht', places: 7 },
      ],
    });
    expect(check({ application })).toEqual([
      {
        code: 'too_many_places',
        message: 'Een leertraject heeft hoogstens 6 plaatsen voor ontwikkelscholen; "Rekenen met inzicht" heeft er 7.',
        path: ['trajectories', 1, 'places'],
      },
    ]);
  });

  it('reports each trajectory over the maximum at its own index', () => {
    const application = completeApplication(false, {
      trajectories: [
        { title: 'Lezen', places: 8 },
        { title: 'Rekenen', places: 2 },
        { title: 'Schrijven', places: 12 },
      ],
    });
    expect(check({ application }).map((p) => p.path)).toEqual([
      ['trajectories', 0, 'places'],
      ['trajectories', 2, 'places'],
    ]);
  });

  it('takes the maximum from the rates it is given', () => {
    const application = completeApplication(false, { trajectories: [{ title: 'Lezen', places: 4 }] });
    expect(check({ application, rates: { ...rates, maxPlacesPerTrajectory: 3 } })[0]).toMatchObject({
      code: 'too_many_places',
      message: 'Een leertraject heeft hoogstens 3 plaatsen voor ontwikkelscholen; "Lezen" heeft er 4.',
    });
    expect(check({ application, rates: { ...rates, maxPlacesPerTrajectory: 4 } })).toEqual([]);
  });
});

describe('checkEligibility: several problems at once', () => {
  it('reports all of them, not only the first', () => {
    const application = completeApplication(false, {
      participants: teachers,
      sections: {},
      otherSubsidies: ['groeikracht'],
      trajectories: [{ title: 'Lezen', places: 7 }],
    });
    const found = new Set(codes(check({ application, inspectionRating: 'zeer_zwak' })));
    expect(found).toEqual(
      new Set(['too_few_participants', 'no_school_leader', 'excluded_by_other_subsidy', 'excluded_by_inspection_rating', 'missing_section', 'too_many_places']),
    );
  });
});

describe('people are counted once', () => {
  test('the same person listed four times is one participant, and the list says so', () => {
    const sameTwice = { ...teachers[0]!, email: teachers[0]!.email.toUpperCase() };
    const problems = check({ application: completeApplication(false, { participants: [leader, teachers[0]!, sameTwice, teachers[1]!] }) });
    expect(problems.map((p) => p.code)).toEqual(['duplicate_participant', 'too_few_participants']);
    expect(problems[1]!.message).toBe('Er doen minstens 4 mensen van de school mee; u noemt er 3.');
  });

  test('a subsidy declared twice is one exclusion', () => {
    const problems = check({ application: completeApplication(false, { otherSubsidies: ['groeikracht', 'groeikracht'] }) });
    expect(problems.map((p) => p.code)).toEqual(['excluded_by_other_subsidy']);
  });
});

describe('checkEligibility: an ontwikkelschool', () => {
  const ontwikkelschool = (overrides: Partial<ApplicationForm> = {}): Ineligibility[] =>
    check({
      track: 'ontwikkelschool',
      application: {
        participants: [leader, teachers[0]!],
        sections: Object.fromEntries(requiredSections(false, 'ontwikkelschool').map((key) => [key, text])),
        trajectories: [],
        otherSubsidies: [],
        ...overrides,
      },
    });

  it('needs two people (one a school leader), its improvement question and commitment, and no trajectories of its own', () => {
    expect(requiredSections(false, 'ontwikkelschool')).toEqual(['improvement_question', 'support_and_commitment']);
    expect(ontwikkelschool()).toEqual([]);
    expect(codes(ontwikkelschool({ participants: [leader] }))).toEqual(['too_few_participants']);
    expect(codes(ontwikkelschool({ trajectories: [{ title: 'Begrijpend lezen', places: 6 }] }))).toEqual(['trajectory_not_offered']);
    expect(codes(ontwikkelschool({ sections: {} }))).toEqual(['missing_section', 'missing_section']);
  });

  it('while an expertschool must offer at least one trajectory', () => {
    expect(codes(check({ application: completeApplication(false, { trajectories: [] }) }))).toEqual(['no_trajectory']);
  });
});
