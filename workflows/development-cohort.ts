/**
 * One cohort of the school development trajectory (VO, 1.5 years): an edition with its places,
 * from registration to the end of its development groups.
 *
 *   registration (places first come, first served; then a waiting list) → registration closes
 *     → grouping (the office asks for a proposal and confirms it) → start day → running
 *     → the groups' final evaluations are due → finished
 *
 * The places are one PlaceList (domain/places.ts). Update handlers change it without awaiting
 * anything first, so however many registrations arrive at once, each sees the list the previous
 * one left: places are never overbooked, and the line is the order in which the registrations
 * were submitted. A place that comes free before the kick-off goes to the first in line at once
 * (no offer to accept: the school committed itself when it registered), whose journey is told.
 */
import { allHandlersFinished, condition, log, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../activities';
import {
  CohortJourneyNotice,
  CohortPlaceRequest,
  ConfirmGroups,
  ProposeGroups,
  problemIssues,
  type CohortInput,
  type CohortStatus,
  type CohortView,
} from '../domain/cohort';
import { developmentThemeLabel, proposeDevelopmentGroups, type GroupCandidate, type GroupingProposal } from '../domain/development-groups';
import { acceptOffer, askForPlace, emptyPlaceList, freePlaces, leave, offerFreePlace, standing, type PlaceAnswer, type PlaceList } from '../domain/places';
import { developmentEvaluations } from '../domain/tracks';
import type { z } from '../domain/zod';
import {
  cohortPlaceGranted,
  cohortPositionChanged,
  confirmGroups,
  getCohort,
  groupAssigned,
  intakeCompleted,
  leaveCohort,
  proposeGroups,
  requestCohortPlace,
} from './contracts/development-cohort';
import { RefusalType } from './contracts/refusals';
import { now, refuse, retry, tell as tellWorkflow, validatedUpdate } from './toolkit';

const { recordCohortStatus, recordDevelopmentGroups } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry,
});

type Proposal = GroupingProposal & { proposedBy: string; proposedAt: string };
type ConfirmedGroup = CohortView['groups'][number];

export async function developmentCohort(input: CohortInput): Promise<{ status: CohortStatus }> {
  const { cohortId, name } = input;
  const closesAt = Date.parse(input.registrationClosesAt);
  const kickOffAt = Date.parse(input.kickOffAt);
  const startDayAt = Date.parse(input.startDayAt);
  const evaluations = developmentEvaluations(input.startDayAt);
  const endsAt = Date.parse(evaluations[evaluations.length - 1]!.dueAt);

  // ---- state: everything the query shows ----
  let status: CohortStatus = 'registration';
  let places: PlaceList = emptyPlaceList(input.capacity);
  /** Every registration the cohort took, by journey: its themes for the grouping. */
  const registrations = new Map<string, GroupCandidate>();
  const ready = new Set<string>();
  const grouped = new Set<string>();
  let proposal: Proposal | null = null;
  const groups: ConfirmedGroup[] = [];

  function candidates(): GroupCandidate[] {
    return places.taken.flatMap((h) => {
      const candidate = registrations.get(h.journeyId);
      return candidate && ready.has(h.journeyId) && !grouped.has(h.journeyId) ? [candidate] : [];
    });
  }

  function view(): CohortView {
    const { kickOffAt: _k, startDayAt: _s, cohortId: _c, ...record } = input;
    return {
      cohortId,
      ...record,
      status,
      places,
      readyForGrouping: candidates(),
      awaitingIntake: places.taken.filter((h) => !ready.has(h.journeyId) && !grouped.has(h.journeyId)).map((h) => h.journeyId),
      proposal,
      groups,
    };
  }

  // ---- telling journeys: a journey that no longer exists must not fail the cohort ----
  function tell<Args extends unknown[]>(journeyId: string, signal: SignalDefinition<Args>, ...args: Args): void {
    void tellWorkflow(journeyId, signal, args, 'Journey not told', { cohortId, journeyId });
  }

  /** Before the kick-off, free places go to the first in line at once; everyone still in line hears where they stand. */
  function moveUp(): void {
    if (Date.now() >= kickOffAt) return;
    let moved = false;
    while (freePlaces(places) > 0 && places.waiting.length > 0) {
      const { list, offered } = offerFreePlace(places, new Date(kickOffAt).toISOString());
      const accepted = acceptOffer(list, offered!.holder.journeyId, now());
      places = accepted.list;
      moved = true;
      tell(offered!.holder.journeyId, cohortPlaceGranted, { cohortId });
    }
    if (moved) places.waiting.forEach((h, index) => tell(h.journeyId, cohortPositionChanged, { cohortId, position: index + 1 }));
  }

  /**
   * A cohort's Updates are checked on their input (`allowed`). Their handlers hand back a promise,
   * as they always did: the answer comes a moment later, when the recorded histories have it.
   */
  function onUpdate<T, R>(definition: UpdateDefinition<R, [T]>, schema: z.ZodType<T>, allowed: (input: T) => void, handle: (input: T) => Promise<R> | R): void {
    validatedUpdate(definition, schema, { check: allowed }, async (input) => handle(input));
  }

  const beforeStartDay = () => {
    if (Date.now() >= startDayAt) refuse(RefusalType.notNow, `De ontwikkelgroepen van ${name} zijn al begonnen: er valt niets meer in te delen.`);
  };

  // ---- handlers ----
  setHandler(getCohort, view);

  onUpdate(
    requestCohortPlace,
    CohortPlaceRequest,
    (r) => {
      // Asking again (a retried activity) answers where the school stands, also after closing.
      if (standing(places, r.journeyId)) return;
      if (Date.now() >= closesAt) refuse(RefusalType.notNow, `De aanmelding voor ${name} is gesloten.`);
    },
    (r): PlaceAnswer => {
      const { list, answer } = askForPlace(places, { journeyId: r.journeyId, brin: r.brin, schoolName: r.schoolName, askedAt: r.submittedAt }, now());
      places = list;
      if (!registrations.has(r.journeyId)) {
        registrations.set(r.journeyId, {
          journeyId: r.journeyId,
          brin: r.brin,
          name: r.schoolName,
          theme: r.theme,
          secondTheme: r.secondTheme,
          registeredAt: r.submittedAt,
        });
      }
      return answer;
    },
  );

  onUpdate(intakeCompleted, CohortJourneyNotice, beforeStartDay, ({ journeyId }) => {
    const placed = standing(places, journeyId)?.status === 'enrolled';
    if (placed) ready.add(journeyId);
    return { ready: placed };
  });

  onUpdate(
    leaveCohort,
    CohortJourneyNotice,
    () => undefined,
    ({ journeyId }) => {
      const { list, left } = leave(places, journeyId);
      if (!left) return { left: false };
      places = list;
      ready.delete(journeyId);
      // A proposal with this school in it no longer stands.
      if (proposal && [...proposal.groups.flatMap((g) => g.members), ...proposal.ungrouped].some((c) => c.journeyId === journeyId)) proposal = null;
      moveUp();
      return { left: true };
    },
  );

  onUpdate(proposeGroups, ProposeGroups, beforeStartDay, ({ requestedBy }) => {
    proposal = { ...proposeDevelopmentGroups(candidates()), proposedBy: requestedBy, proposedAt: now() };
    return view();
  });

  onUpdate(
    confirmGroups,
    ConfirmGroups,
    () => {
      beforeStartDay();
      if (!proposal) refuse(RefusalType.notNow, 'Er is geen voorstel om te bevestigen: vraag eerst een voorstel voor de ontwikkelgroepen.');
      const current = new Set(candidates().map((c) => c.journeyId));
      const proposed = proposal.groups.flatMap((g) => g.members).map((c) => c.journeyId);
      if (proposed.some((id) => !current.has(id))) refuse(RefusalType.notNow, 'Het voorstel is verouderd: vraag een nieuw voorstel.');
      if (proposal.groups.length === 0) {
        const problems = proposal.problems;
        refuse(RefusalType.notEligible, `Er kan nog geen ontwikkelgroep worden gevormd. ${problems.map((p) => p.message).join(' ')}`.trim(), {
          issues: problemIssues(problems),
        });
      }
    },
    async ({ confirmedBy }) => {
      const confirming = proposal!;
      const confirmedAt = now();
      const numbered = confirming.groups.map((group) => {
        const n = groups.filter((g) => g.theme === group.theme).length + confirming.groups.filter((g) => g.theme === group.theme).indexOf(group) + 1;
        return { groupId: `${cohortId}/${group.theme}-${n}`, theme: group.theme, members: group.members };
      });
      // Shown as confirmed at once, so a second confirmation cannot confirm the same schools again.
      for (const group of numbered) {
        for (const m of group.members) grouped.add(m.journeyId);
        groups.push({
          groupId: group.groupId,
          theme: group.theme,
          members: group.members.map(({ journeyId, brin, name: schoolName }) => ({ journeyId, brin, name: schoolName })),
          confirmedBy,
          confirmedAt,
        });
      }
      // What could not be grouped stays in view, with its problems, for the office to resolve.
      proposal = { ...confirming, groups: [] };
      await recordDevelopmentGroups({
        cohortId,
        groups: numbered.map((g) => ({ groupId: g.groupId, theme: g.theme, journeyIds: g.members.map((m) => m.journeyId) })),
        confirmedBy,
        confirmedAt,
      });
      for (const group of numbered) {
        const members = group.members.map(({ brin, name: schoolName }) => ({ brin, name: schoolName }));
        for (const m of group.members) {
          tell(m.journeyId, groupAssigned, { groupId: group.groupId, theme: group.theme, members, kickOffOn: input.kickOffOn, startDayOn: input.startDayOn });
        }
      }
      log.info('Development groups confirmed', { cohortId, groups: numbered.map((g) => `${g.groupId} (${developmentThemeLabel[g.theme]})`) });
      return view();
    },
  );

  // ---- the calendar ----
  async function until(moment: number, next: CohortStatus): Promise<void> {
    const ms = moment - Date.now();
    if (ms > 0) await sleep(ms);
    status = next;
    await recordCohortStatus({ cohortId, status });
  }

  await recordCohortStatus({ cohortId, status });
  await until(closesAt, 'grouping');
  await until(startDayAt, 'running');
  await until(endsAt, 'finished');
  await condition(allHandlersFinished);
  return { status };
}
