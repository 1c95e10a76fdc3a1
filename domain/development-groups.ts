/**
 * Proposes school development groups for the school development trajectory (VO, 1.5 years): the
 * programme runs peer groups of 5 to 7 schools that share a theme. The office confirms or changes
 * the proposal elsewhere; this module only proposes, purely and deterministically, so the same
 * registrations always give the same proposal and the office can trust a re-run.
 *
 * Policy for schools that do not fit (see `rescueBySecondTheme`): schools move to their second
 * theme only when that places more schools in total and never breaks a theme that could already
 * form its groups; whoever still does not fit stays ungrouped, with a Dutch problem for the office.
 * A school never lands in a group of a theme it did not choose.
 */
import { z } from './zod';

export const DevelopmentTheme = z
  .enum(['motivation', 'learning_environment', 'wellbeing', 'teamwork', 'formative', 'other'])
  .openapi({ description: 'Theme of a school development group in the school development trajectory' });
export type DevelopmentTheme = z.infer<typeof DevelopmentTheme>;

export const developmentThemeLabel: Record<DevelopmentTheme, string> = {
  motivation: 'Motivatie',
  learning_environment: 'Betekenisvolle leeromgeving',
  wellbeing: 'Welbevinden',
  teamwork: 'Samenwerken in het team',
  formative: 'Formatief handelen',
  other: 'Overig',
};

export const GROUP_SIZE = { min: 5, max: 7 } as const;

export interface GroupCandidate {
  journeyId: string;
  brin: string;
  name: string;
  theme: DevelopmentTheme;
  /** ISO instant of registration: earlier first */
  registeredAt: string;
  /** optional second choice */
  secondTheme?: DevelopmentTheme | null;
}

export interface ProposedGroup {
  theme: DevelopmentTheme;
  /** sorted by registeredAt */
  members: GroupCandidate[];
}

export interface GroupingProblem {
  theme: DevelopmentTheme | null;
  journeyIds: string[];
  /** Dutch, for office staff */
  message: string;
}

export interface GroupingProposal {
  groups: ProposedGroup[];
  ungrouped: GroupCandidate[];
  problems: GroupingProblem[];
}

const THEMES = DevelopmentTheme.options;

/** Instants may carry different offsets, so compare them as times, not strings; unparsable ones go last. */
function instant(candidate: GroupCandidate): number {
  const time = Date.parse(candidate.registeredAt);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

function byRegistration(a: GroupCandidate, b: GroupCandidate): number {
  const ta = instant(a);
  const tb = instant(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.journeyId < b.journeyId ? -1 : a.journeyId > b.journeyId ? 1 : 0;
}

/** The fewest groups of 5..7 that hold exactly n schools, or null when no split fits (0–4, 8, 9). */
function groupCount(n: number): number | null {
  const k = Math.ceil(n / GROUP_SIZE.max);
  return k > 0 && k * GROUP_SIZE.min <= n ? k : null;
}

/** How many of a theme's n schools get a place: all, one full group when there are 8 or 9, or none. */
function placed(n: number): number {
  if (groupCount(n) !== null) return n;
  return n > GROUP_SIZE.max ? GROUP_SIZE.max : 0;
}

type Pools = Map<DevelopmentTheme, GroupCandidate[]>;

/**
 * Greedily moves schools to their second theme while that places more schools. Each step takes the
 * move with the largest gain (ties: first theme pair in enum order, then fewest schools moved), so
 * a bundle that completes a new group beats topping up an existing one. The latest registrations
 * move first: earlier ones keep their first choice. A theme that can form its groups must still be
 * able to afterwards, so nobody loses a place to a newcomer. Every step places strictly more
 * schools, so the loop ends.
 */
function rescueBySecondTheme(pools: Pools): void {
  for (;;) {
    let best: { from: DevelopmentTheme; to: DevelopmentTheme; movers: GroupCandidate[]; gain: number } | null = null;
    for (const from of THEMES) {
      const source = pools.get(from)!;
      for (const to of THEMES) {
        if (to === from) continue;
        const target = pools.get(to)!;
        // Only first-choice schools move, so nobody is moved twice or back.
        const movable = source.filter((c) => c.theme === from && c.secondTheme === to).reverse();
        for (let k = 1; k <= movable.length; k++) {
          const sourceAfter = source.length - k;
          const targetAfter = target.length + k;
          if (breaks(source.length, sourceAfter) || breaks(target.length, targetAfter)) continue;
          const gain = placed(sourceAfter) + placed(targetAfter) - placed(source.length) - placed(target.length);
          if (gain > 0 && (best === null || gain > best.gain)) best = { from, to, movers: movable.slice(0, k), gain };
        }
      }
    }
    if (best === null) return;
    const movers = new Set(best.movers);
    pools.set(
      best.from,
      pools.get(best.from)!.filter((c) => !movers.has(c)),
    );
    pools.set(best.to, [...pools.get(best.to)!, ...best.movers].sort(byRegistration));
  }
}

function breaks(before: number, after: number): boolean {
  return groupCount(before) !== null && groupCount(after) === null;
}

function schools(n: number): string {
  return n === 1 ? '1 school' : `${n} scholen`;
}

function problemFor(theme: DevelopmentTheme, inTheme: number, left: GroupCandidate[]): GroupingProblem {
  const label = developmentThemeLabel[theme];
  const journeyIds = left.map((c) => c.journeyId);
  if (inTheme > GROUP_SIZE.max) {
    const who = left.length === 1 ? 'De laatst aangemelde school is' : `De ${left.length} laatst aangemelde scholen zijn`;
    return {
      theme,
      journeyIds,
      message:
        `Voor het thema ${label} zijn ${inTheme} scholen aangemeld: te veel voor één groep van maximaal ${GROUP_SIZE.max} scholen ` +
        `en te weinig voor twee groepen van minimaal ${GROUP_SIZE.min}. ${who} niet ingedeeld. ` +
        'Deel ze in bij een groep van een ander thema of wacht op meer aanmeldingen.',
    };
  }
  const verb = inTheme === 1 ? 'blijft' : 'blijven';
  return {
    theme,
    journeyIds,
    message:
      `Voor het thema ${label} ${verb} ${schools(inTheme)} over; een groep telt ${GROUP_SIZE.min} tot ${GROUP_SIZE.max} scholen. ` +
      'Voeg deze scholen samen met een ander thema of wacht op meer aanmeldingen.',
  };
}

export function proposeDevelopmentGroups(candidates: readonly GroupCandidate[]): GroupingProposal {
  const sorted = [...candidates].sort(byRegistration);
  if (sorted.length < GROUP_SIZE.min) {
    const registered =
      sorted.length === 0 ? 'Er zijn nog geen scholen aangemeld' : `Er ${sorted.length === 1 ? 'is' : 'zijn'} ${schools(sorted.length)} aangemeld`;
    return {
      groups: [],
      ungrouped: sorted,
      problems: [
        {
          theme: null,
          journeyIds: sorted.map((c) => c.journeyId),
          message: `${registered}; een groep telt ${GROUP_SIZE.min} tot ${GROUP_SIZE.max} scholen, dus er kan nog geen groep worden gevormd. Wacht op meer aanmeldingen.`,
        },
      ],
    };
  }

  const pools: Pools = new Map(THEMES.map((theme) => [theme, sorted.filter((c) => c.theme === theme)]));
  rescueBySecondTheme(pools);

  const groups: ProposedGroup[] = [];
  const ungrouped: GroupCandidate[] = [];
  const problems: GroupingProblem[] = [];
  for (const theme of THEMES) {
    const members = pools.get(theme)!;
    const k = groupCount(members.length);
    if (k !== null) {
      // Round-robin rather than blocks: the early registrations are spread over the groups instead of
      // one group of early starters and one of latecomers. Group i starts with the i-th earliest school,
      // so the groups come out ordered by earliest member and the first ones are the larger ones.
      for (let g = 0; g < k; g++) groups.push({ theme, members: members.filter((_, i) => i % k === g) });
      continue;
    }
    // 8 or 9: one full group of the earliest registrations; otherwise nobody of this theme fits.
    const fit = members.length > GROUP_SIZE.max ? GROUP_SIZE.max : 0;
    if (fit > 0) groups.push({ theme, members: members.slice(0, fit) });
    const left = members.slice(fit);
    if (left.length === 0) continue;
    ungrouped.push(...left);
    problems.push(problemFor(theme, members.length, left));
  }
  return { groups, ungrouped: ungrouped.sort(byRegistration), problems };
}
