import {
  DevelopmentTheme,
  GROUP_SIZE,
  type GroupCandidate,
  type GroupingProposal,
  developmentThemeLabel,
  proposeDevelopmentGroups,
} from '../../domain/development-groups';

const THEMES = DevelopmentTheme.options;
const START = Date.UTC(2027, 0, 4, 9);

let serial = 0;
/** A school registered `minute` minutes after the registration opened. */
function school(theme: DevelopmentTheme, minute: number, secondTheme: DevelopmentTheme | null = null): GroupCandidate {
  serial += 1;
  const id = `j-${String(serial).padStart(4, '0')}`;
  return {
    journeyId: id,
    brin: `${String(serial).padStart(2, '0')}AB`,
    name: `School ${serial}`,
    theme,
    registeredAt: new Date(START + minute * 60_000).toISOString(),
    secondTheme,
  };
}

/** `count` schools of one theme, registered one minute apart from `from` on. */
function schools(theme: DevelopmentTheme, count: number, from = 0, secondTheme: DevelopmentTheme | null = null): GroupCandidate[] {
  return Array.from({ length: count }, (_, i) => school(theme, from + i, secondTheme));
}

const ids = (list: readonly GroupCandidate[]) => list.map((c) => c.journeyId);
const sizes = (proposal: GroupingProposal) => proposal.groups.map((g) => g.members.length);

/** Seeded PRNG, so the property loop is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = copy[i]!;
    copy[i] = copy[j]!;
    copy[j] = swap;
  }
  return copy;
}

describe('themes', () => {
  test('six themes with their Dutch labels', () => {
    expect(THEMES).toEqual(['motivation', 'learning_environment', 'wellbeing', 'teamwork', 'formative', 'other']);
    expect(developmentThemeLabel.learning_environment).toBe('Betekenisvolle leeromgeving');
    expect(DevelopmentTheme.safeParse('teamwork').success).toBe(true);
    expect(DevelopmentTheme.safeParse('rekenen').success).toBe(false);
  });
});

describe('proposeDevelopmentGroups', () => {
  test('23 schools over 4 themes that can all be grouped', () => {
    const candidates = [
      ...schools('motivation', 7),
      ...schools('learning_environment', 6, 100),
      ...schools('wellbeing', 5, 200),
      ...schools('teamwork', 5, 300),
    ];
    const proposal = proposeDevelopmentGroups(candidates);

    expect(proposal.groups.map((g) => g.theme)).toEqual(['motivation', 'learning_environment', 'wellbeing', 'teamwork']);
    expect(sizes(proposal)).toEqual([7, 6, 5, 5]);
    expect(proposal.groups.flatMap((g) => ids(g.members)).sort()).toEqual(ids(candidates).sort());
    expect(proposal.ungrouped).toEqual([]);
    expect(proposal.problems).toEqual([]);
  });

  test('23 schools, 12 / 6 / 3 / 2 without second choices: groups where possible, the rest explained per theme', () => {
    const motivation = schools('motivation', 12);
    const learning = schools('learning_environment', 6, 100);
    const wellbeing = schools('wellbeing', 3, 200);
    const teamwork = schools('teamwork', 2, 300);
    const proposal = proposeDevelopmentGroups([...motivation, ...learning, ...wellbeing, ...teamwork]);

    expect(proposal.groups.map((g) => g.theme)).toEqual(['motivation', 'motivation', 'learning_environment']);
    expect(sizes(proposal)).toEqual([6, 6, 6]);
    expect(ids(proposal.ungrouped)).toEqual(ids([...wellbeing, ...teamwork]));
    expect(proposal.problems).toEqual([
      {
        theme: 'wellbeing',
        journeyIds: ids(wellbeing),
        message:
          'Voor het thema Welbevinden blijven 3 scholen over; een groep telt 5 tot 7 scholen. Voeg deze scholen samen met een ander thema of wacht op meer aanmeldingen.',
      },
      { theme: 'teamwork', journeyIds: ids(teamwork), message: expect.stringContaining('Voor het thema Samenwerken in het team blijven 2 scholen over') },
    ]);
  });

  test('a second choice rescues a theme that is too small on its own', () => {
    const wellbeing = schools('wellbeing', 3, 200);
    const teamwork = schools('teamwork', 2, 300, 'wellbeing');
    const proposal = proposeDevelopmentGroups([...schools('motivation', 12), ...schools('learning_environment', 6, 100), ...wellbeing, ...teamwork]);

    expect(sizes(proposal)).toEqual([6, 6, 6, 5]);
    expect(proposal.groups[3]).toEqual({ theme: 'wellbeing', members: [...wellbeing, ...teamwork] });
    expect(proposal.ungrouped).toEqual([]);
    expect(proposal.problems).toEqual([]);
  });

  test('a leftover tops up its second theme only while that group has room; the latest registration moves first', () => {
    const learning = schools('learning_environment', 6, 100);
    const wellbeing = schools('wellbeing', 3, 200, 'learning_environment');
    const proposal = proposeDevelopmentGroups([...schools('motivation', 12), ...learning, ...wellbeing, ...schools('teamwork', 2, 300)]);

    const learningGroup = proposal.groups.find((g) => g.theme === 'learning_environment')!;
    expect(learningGroup.members).toEqual([...learning, wellbeing[2]]);
    expect(ids(proposal.ungrouped)).toEqual(expect.arrayContaining(ids(wellbeing.slice(0, 2))));
    expect(proposal.problems.map((p) => [p.theme, p.journeyIds.length])).toEqual([
      ['wellbeing', 2],
      ['teamwork', 2],
    ]);
  });

  test('a move never breaks a theme that could already form its groups', () => {
    // Moving 2 of 5 formative schools would make teamwork 5 but leave formative with 3.
    const formative = schools('formative', 5, 0, 'teamwork');
    const teamwork = schools('teamwork', 3, 100);
    const proposal = proposeDevelopmentGroups([...formative, ...teamwork]);
    expect(proposal.groups).toEqual([{ theme: 'formative', members: formative }]);
    expect(proposal.problems.map((p) => p.theme)).toEqual(['teamwork']);
  });

  test('8 in one theme: one group of the 7 earliest, the latest ungrouped', () => {
    const motivation = schools('motivation', 8);
    const proposal = proposeDevelopmentGroups(shuffled(motivation, mulberry32(1)));
    expect(proposal.groups).toEqual([{ theme: 'motivation', members: motivation.slice(0, 7) }]);
    expect(proposal.ungrouped).toEqual([motivation[7]]);
    expect(proposal.problems).toEqual([
      {
        theme: 'motivation',
        journeyIds: [motivation[7]!.journeyId],
        message:
          'Voor het thema Motivatie zijn 8 scholen aangemeld: te veel voor één groep van maximaal 7 scholen en te weinig voor twee groepen van minimaal 5. ' +
          'De laatst aangemelde school is niet ingedeeld. Deel ze in bij een groep van een ander thema of wacht op meer aanmeldingen.',
      },
    ]);
  });

  test('9 in one theme: 7 grouped, the 2 latest ungrouped, unless a second theme has room', () => {
    const motivation = schools('motivation', 9);
    const alone = proposeDevelopmentGroups(motivation);
    expect(sizes(alone)).toEqual([7]);
    expect(alone.ungrouped).toEqual(motivation.slice(7));
    expect(alone.problems[0]!.message).toContain('De 2 laatst aangemelde scholen zijn niet ingedeeld.');

    const flexible = [...schools('motivation', 7), ...schools('motivation', 2, 50, 'other')];
    const withOther = proposeDevelopmentGroups([...flexible, ...schools('other', 4, 100)]);
    expect(withOther.groups.map((g) => [g.theme, g.members.length])).toEqual([
      ['motivation', 7],
      ['other', 6],
    ]);
    expect(withOther.problems).toEqual([]);
  });

  test.each([
    [10, [5, 5]],
    [13, [7, 6]],
    [14, [7, 7]],
    [15, [5, 5, 5]],
    [22, [6, 6, 5, 5]],
  ])('%i in one theme: the fewest groups, sizes as equal as possible', (n, expected) => {
    const proposal = proposeDevelopmentGroups(schools('teamwork', n));
    expect(sizes(proposal)).toEqual(expected);
    expect(proposal.ungrouped).toEqual([]);
  });

  test('groups are filled round-robin in registration order', () => {
    const teamwork = schools('teamwork', 13);
    const proposal = proposeDevelopmentGroups(teamwork);
    expect(proposal.groups.map((g) => ids(g.members))).toEqual([ids(teamwork.filter((_, i) => i % 2 === 0)), ids(teamwork.filter((_, i) => i % 2 === 1))]);
  });

  test('registration instants are compared as times; ties go by journeyId', () => {
    const base = { brin: '01AB', name: 'School', theme: 'other' as const };
    const candidates: GroupCandidate[] = [
      { ...base, journeyId: 'e', registeredAt: '2027-01-04T10:00:00+01:00' }, // 09:00Z
      { ...base, journeyId: 'a', registeredAt: '2027-01-04T09:30:00Z' },
      { ...base, journeyId: 'd', registeredAt: '2027-01-04T09:00:00Z' },
      { ...base, journeyId: 'c', registeredAt: '2027-01-04T08:59:00Z' },
      { ...base, journeyId: 'b', registeredAt: '2027-01-04T09:10:00Z' },
    ];
    expect(ids(proposeDevelopmentGroups(candidates).groups[0]!.members)).toEqual(['c', 'd', 'e', 'b', 'a']);
  });

  test('fewer than 5 schools in total: one problem, no groups', () => {
    const candidates = [...schools('motivation', 3), school('wellbeing', 10)];
    expect(proposeDevelopmentGroups(candidates)).toEqual({
      groups: [],
      ungrouped: candidates,
      problems: [
        {
          theme: null,
          journeyIds: ids(candidates),
          message: 'Er zijn 4 scholen aangemeld; een groep telt 5 tot 7 scholen, dus er kan nog geen groep worden gevormd. Wacht op meer aanmeldingen.',
        },
      ],
    });
    const none = proposeDevelopmentGroups([]);
    expect(none.groups).toEqual([]);
    expect(none.problems).toEqual([{ theme: null, journeyIds: [], message: expect.stringContaining('Er zijn nog geen scholen aangemeld') }]);
  });

  test('the input order does not matter', () => {
    const random = mulberry32(7);
    const candidates = [
      ...schools('motivation', 9, 0, 'formative'),
      ...schools('wellbeing', 4, 0, 'teamwork'),
      ...schools('teamwork', 3, 2),
      ...schools('formative', 4, 1),
      ...schools('other', 2, 0, 'wellbeing'),
    ];
    const expected = proposeDevelopmentGroups(candidates);
    for (let run = 0; run < 20; run++) expect(proposeDevelopmentGroups(shuffled(candidates, random))).toEqual(expected);
  });

  test('invariants hold for many random registrations', () => {
    const random = mulberry32(20271);
    const pick = () => THEMES[Math.floor(random() * random() * THEMES.length)]!; // skewed: some themes popular
    for (let run = 0; run < 500; run++) {
      const candidates = Array.from({ length: Math.floor(random() * 45) }, () => {
        const second = random() < 0.6 ? pick() : null; // may equal the first theme: then it is no second choice
        return school(pick(), Math.floor(random() * 30), second); // few distinct minutes, so ties occur
      });
      const proposal = proposeDevelopmentGroups(candidates);
      const context = `run ${run}`;

      // Exact partition: every school exactly once, in a group or ungrouped.
      const placed = [...proposal.groups.flatMap((g) => g.members), ...proposal.ungrouped];
      expect({ context, ids: ids(placed).sort() }).toEqual({ context, ids: ids(candidates).sort() });

      for (const group of proposal.groups) {
        expect(group.members.length).toBeGreaterThanOrEqual(GROUP_SIZE.min);
        expect(group.members.length).toBeLessThanOrEqual(GROUP_SIZE.max);
        for (const m of group.members) expect(m.theme === group.theme || m.secondTheme === group.theme).toBe(true);
        const times = group.members.map((m) => Date.parse(m.registeredAt));
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }

      // Groups in theme order, then by earliest member.
      const order = proposal.groups.map((g) => [THEMES.indexOf(g.theme), Date.parse(g.members[0]!.registeredAt), g.members[0]!.journeyId] as const);
      const sortedOrder = [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1));
      expect(order).toEqual(sortedOrder);

      // Every ungrouped school is explained by exactly one problem.
      expect(ids(proposal.ungrouped).sort()).toEqual(proposal.problems.flatMap((p) => p.journeyIds).sort());
      for (const p of proposal.problems) expect(p.message).toMatch(p.theme === null ? /geen groep/ : new RegExp(developmentThemeLabel[p.theme]));

      if (candidates.length >= GROUP_SIZE.min) {
        // A theme that could form its groups on first choices alone keeps all its schools grouped.
        const grouped = new Set(proposal.groups.flatMap((g) => ids(g.members)));
        for (const theme of THEMES) {
          const first = candidates.filter((c) => c.theme === theme);
          const n = first.length;
          if (n >= GROUP_SIZE.min && Math.ceil(n / GROUP_SIZE.max) * GROUP_SIZE.min <= n) expect(first.every((c) => grouped.has(c.journeyId))).toBe(true);
        }
        // No ungrouped school could simply have joined a group of its second theme that has room.
        for (const c of proposal.ungrouped) {
          const roomy = proposal.groups.some((g) => g.theme === c.secondTheme && c.secondTheme !== c.theme && g.members.length < GROUP_SIZE.max);
          expect({ context, school: c.journeyId, roomy }).toEqual({ context, school: c.journeyId, roomy: false });
        }
      }

      expect(proposeDevelopmentGroups(shuffled(candidates, random))).toEqual(proposal);
    }
  });
});
