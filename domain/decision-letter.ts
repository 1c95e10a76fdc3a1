/**
 * The decision on a subsidy application as the school reads it: one pure model that both the mail
 * and its PDF letter are rendered from, so the two always state the same facts (amounts, school
 * year, conditions, what comes next, or the office's reason). Free of Node built-ins.
 */
import { MIN_PARTICIPANTS, MIN_SCHOOL_LEADERS } from './eligibility';
import { schoolYearBounds, nextSchoolYear, type SchoolYear } from './school-year';
import type { SubsidyRates } from './subsidy-rates';

/** What the letter is made of; read from the stored application, round and journey. */
export interface DecisionFacts {
  applicationId: string;
  schoolName: string;
  brin: string;
  track: 'expertschool' | 'ontwikkelschool';
  roundName: string;
  schoolYear: SchoolYear;
  decision: 'approved' | 'rejected';
  /** The office's reason, as it recorded it. */
  reason: string;
  /** ISO moment of the decision: the letter's date. */
  decidedAt: string;
  trajectories: readonly { title: string; places: number }[];
  /** The round's rates; an expertschool's amounts follow from them. */
  rates: SubsidyRates | null;
  /** An expertschool that did its aspirant year (or continues after a hub year) goes on to a hub year. */
  hubYearNext: boolean;
}

export interface LetterBlock {
  /** E.g. "Toegekend bedrag"; null for the opening lines. */
  heading: string | null;
  lines: readonly string[];
}

export interface DecisionLetter {
  subject: string;
  title: string;
  /** [school name, "BRIN 12AB"] */
  addressee: readonly string[];
  /** "Datum: 12 juli 2027" */
  dateLine: string;
  /** "Kenmerk: …" */
  reference: string;
  salutation: string;
  blocks: readonly LetterBlock[];
  /** The PDF's file name, e.g. besluit-subsidieaanvraag-12AB-2027-2028.pdf */
  fileName: string;
}

const grouped = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0, useGrouping: true });

/** An amount in whole euros as the programme writes it: "€ 120.416". */
export function formatEuros(amount: number): string {
  return `€ ${grouped.format(amount)}`;
}

const dayInAmsterdam = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' });
const dayUtc = new Intl.DateTimeFormat('nl-NL', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "12 juli 2027": the calendar day in the Netherlands of a moment. */
export function formatDutchDate(moment: string | Date): string {
  return dayInAmsterdam.format(typeof moment === 'string' ? new Date(moment) : moment);
}

/** "1 augustus 2027 tot en met 31 juli 2028" */
function schoolYearSpan(schoolYear: SchoolYear): string {
  const { start, end } = schoolYearBounds(schoolYear);
  // The bounds are midnight in Amsterdam (22:00 UTC the day before): name the days themselves.
  const first = new Date(start.getTime() + 2 * 3_600_000);
  const last = new Date(end.getTime() + 2 * 3_600_000 - 86_400_000);
  return `${dayUtc.format(first)} tot en met ${dayUtc.format(last)}`;
}

function firstDay(schoolYear: SchoolYear): string {
  return dayUtc.format(new Date(schoolYearBounds(schoolYear).start.getTime() + 2 * 3_600_000));
}

/** What an expertschool is paid per trajectory: places (up to the maximum) times the rate per place. */
export function trajectoryAmounts(trajectories: DecisionFacts['trajectories'], rates: SubsidyRates) {
  return trajectories.map((t) => {
    const places = Math.min(t.places, rates.maxPlacesPerTrajectory);
    return { title: t.title, places, amount: places * rates.perOntwikkelschoolPlace };
  });
}

function amountBlock(facts: DecisionFacts): LetterBlock {
  const { rates } = facts;
  if (facts.track === 'ontwikkelschool' || !rates) {
    return {
      heading: 'Bedrag',
      lines: ['Een ontwikkelschool ontvangt zelf geen subsidiebedrag: de expertschool van het leertraject dat u kiest, ontvangt een vergoeding per plaats.'],
    };
  }
  const perTrajectory = trajectoryAmounts(facts.trajectories, rates);
  const total = rates.fixedPerSchool + perTrajectory.reduce((sum, t) => sum + t.amount, 0);
  return {
    heading: 'Toegekend bedrag',
    lines: [
      `Vast bedrag per school: ${formatEuros(rates.fixedPerSchool)}`,
      ...perTrajectory.map(
        (t) =>
          `Leertraject "${t.title}": ${t.places} ${t.places === 1 ? 'plaats' : 'plaatsen'} × ${formatEuros(rates.perOntwikkelschoolPlace)} = ${formatEuros(t.amount)}`,
      ),
      `Totaal voor schooljaar ${facts.schoolYear}: ${formatEuros(total)}`,
    ],
  };
}

function conditionsBlock(facts: DecisionFacts): LetterBlock {
  const people = `Minstens ${MIN_PARTICIPANTS[facts.track]} mensen van de school doen mee, onder wie minstens ${MIN_SCHOOL_LEADERS === 1 ? 'één' : MIN_SCHOOL_LEADERS} schoolleider.`;
  const common = [
    'Uw school doet mee aan de monitoring van het programma, met een nulmeting aan het begin en een eindmeting aan het eind van het schooljaar.',
    // An ontwikkelschool receives no amount of its own: it accounts for the content only.
    `Na afloop van het schooljaar legt u ${facts.track === 'expertschool' ? 'inhoudelijk en financieel' : 'inhoudelijk'} verantwoording af aan het programmabureau.`,
    'Verandert er iets aan uw plan of aan de mensen die meedoen, meld dat dan vooraf aan het programmabureau.',
  ];
  if (facts.track === 'ontwikkelschool') {
    return {
      heading: 'Voorwaarden',
      lines: ['U volgt het leertraject van de expertschool en past de aanpak toe in uw eigen school.', people, ...common],
    };
  }
  return {
    heading: 'Voorwaarden',
    lines: [
      'U besteedt de subsidie aan wat uw activiteitenplan beschrijft: uw aanpak overdraagbaar maken en de leertrajecten voor ontwikkelscholen geven.',
      `Per leertraject begeleidt u hoogstens ${facts.rates?.maxPlacesPerTrajectory ?? 6} ontwikkelscholen.`,
      people,
      ...common,
    ],
  };
}

function nextBlock(facts: DecisionFacts): LetterBlock {
  const year = facts.schoolYear;
  if (facts.track === 'ontwikkelschool') {
    return {
      heading: 'Wat er nu volgt',
      lines: [
        'U kiest een leertraject van een expertschool. Daarvoor ontvangt u een aparte e-mail met een link.',
        `Uw leerjaar loopt van ${schoolYearSpan(year)}.`,
      ],
    };
  }
  if (facts.hubYearNext) {
    return {
      heading: 'Wat er nu volgt',
      lines: [
        `Uw hubjaar als expertschool loopt van ${schoolYearSpan(year)}. Daarin begeleidt u 4 tot 6 ontwikkelscholen in uw leertrajecten.`,
        'Wilt u daarna doorgaan, dan vraagt u opnieuw subsidie aan in de volgende ronde.',
      ],
    };
  }
  return {
    heading: 'Wat er nu volgt',
    lines: [
      `Uw aspirantjaar loopt van ${schoolYearSpan(year)}. Daarin maakt u uw aanpak overdraagbaar. Aan het begin ervan vragen wij u per e-mail uw expertteam door te geven.`,
      `Na een geslaagd aspirantjaar begint op ${firstDay(nextSchoolYear(year))} uw hubjaar als expertschool, met 4 tot 6 ontwikkelscholen.`,
    ],
  };
}

/** The letter for a decided application. */
export function decisionLetter(facts: DecisionFacts): DecisionLetter {
  const approved = facts.decision === 'approved';
  const common = {
    title: approved ? 'Besluit: uw subsidieaanvraag is toegekend' : 'Besluit: uw subsidieaanvraag is afgewezen',
    addressee: [facts.schoolName, `BRIN ${facts.brin}`],
    dateLine: `Datum: ${formatDutchDate(facts.decidedAt)}`,
    reference: `Kenmerk: ${facts.applicationId}`,
    salutation: `Beste schoolleiding van ${facts.schoolName},`,
    fileName: `besluit-subsidieaanvraag-${facts.brin}-${facts.schoolYear}.pdf`,
  };
  if (approved) {
    return {
      ...common,
      subject: `Uw subsidieaanvraag voor schooljaar ${facts.schoolYear} is toegekend`,
      blocks: [
        {
          heading: null,
          lines: [`Het programmabureau Ontwikkelkracht heeft uw subsidieaanvraag in ${facts.roundName} toegekend, voor schooljaar ${facts.schoolYear}.`],
        },
        amountBlock(facts),
        conditionsBlock(facts),
        nextBlock(facts),
        ...(facts.reason.trim() ? [{ heading: 'Toelichting van het programmabureau', lines: [facts.reason.trim()] }] : []),
      ],
    };
  }
  return {
    ...common,
    subject: `Uw subsidieaanvraag voor schooljaar ${facts.schoolYear} is afgewezen`,
    blocks: [
      {
        heading: null,
        lines: [`Het programmabureau Ontwikkelkracht heeft uw subsidieaanvraag in ${facts.roundName}, voor schooljaar ${facts.schoolYear}, afgewezen.`],
      },
      { heading: 'Reden', lines: [facts.reason.trim()] },
      {
        heading: 'Wat u nu kunt doen',
        lines: [
          'U kunt opnieuw subsidie aanvragen in een volgende subsidieronde. Vraag daarvoor een nieuw gesprek aan bij het programmabureau.',
          'Heeft u vragen over dit besluit, neem dan contact op met het programmabureau Ontwikkelkracht. Vermeld daarbij het kenmerk van deze brief.',
        ],
      },
    ],
  };
}

/** Every fact line of the letter, in order: what the mail and the PDF must both say. */
export function letterFacts(letter: DecisionLetter): string[] {
  return [
    letter.title,
    ...letter.addressee,
    letter.dateLine,
    letter.reference,
    ...letter.blocks.flatMap((b) => [...(b.heading ? [b.heading] : []), ...b.lines]),
  ];
}
