/**
 * A decade of the programme on the time-skipping server: schools enter each school year, and
 * simulated schools and office staff drive every journey the way the API does (one Update per
 * action), with seeded chances for what people decide. Time passes by sleeping the server to the
 * next step of the year (calendar.ts). The figures come from PostgreSQL, as the office reads them.
 *
 * The caller brings the stack ({ env, client, db, taskQueue }): bench/simulate.ts starts its own,
 * the workflow test uses the test harness.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openTrajectories, type OpenTrajectory } from '../../services/hubs/open-trajectories';
import { startJourney } from '../../services/journeys/start-journey';
import { buildReports, type Reports } from '../../services/office/reports';
import { startRoundNow } from '../../services/rounds/round-schedule';
import { nextSchoolYear, previousSchoolYear, schoolYearOf, type SchoolYear } from '../../domain/school-year';
import type { FormKind } from '../../domain/forms';
import type { Db } from '../../platform/db';
import { createRoundRecord, schoolLeader } from '../../test/support/fixtures';
import {
  acceptPlace,
  answerForm,
  cancelJourney,
  chooseTrajectory,
  decideApplication,
  planConversation,
  recordAspirantOutcome,
  recordConversationReport,
  recordIntakeOutcome,
  registerExpertTeam,
  respondToConversation,
  submitApplication,
} from '../../workflows/contracts/journey';
import { recordHubOutcome } from '../../workflows/contracts/hub-year';
import { inBatches } from '../pure';
import { afterYear, CONVERSATION_AFTER_DAYS, ROUND_DAYS, stepMoment, YEAR_STEPS, type YearStep } from './calendar';
import { pick, seededDraw, type Draw } from './random';
import { expertschoolApplication, formScores, ontwikkelschoolApplication, planSchools, registerSchools, type SimulatedSchool } from './schools';

export interface SimulationHarness {
  env: TestWorkflowEnvironment;
  client: Client;
  db: Db;
  taskQueue: string;
}

export interface SimulationOptions {
  schools: number;
  years: number;
  /** Places per trajectory an expertschool offers (at most 6: the subsidy rules). */
  places: number;
  seed: number;
  /** Share of the entering schools that apply as expertschool; the rest as ontwikkelschool. */
  expertschoolShare: number;
  /** Share of those expertschools that did an aspirant year before (straight to a hub year). */
  aspirantBehindShare: number;
  /** Updates in flight at once. */
  concurrency: number;
  log?: (line: string) => void;
}

export const DEFAULT_OPTIONS: Omit<SimulationOptions, 'log'> = {
  schools: 300,
  years: 10,
  places: 6,
  seed: 1,
  expertschoolShare: 0.12,
  aspirantBehindShare: 0.2,
  concurrency: 16,
};

/** How likely the simulated people are to do each thing. */
export const CHANCES = {
  /** The intake finds a would-be expertschool fit; otherwise it is referred to the ontwikkelschool track. */
  expertschoolIntake: 0.9,
  /** The intake confirms an ontwikkelschool; otherwise "not now". */
  ontwikkelschoolIntake: 0.95,
  /** A school in a round submits before it closes; otherwise it waits for the next round. */
  submits: 0.95,
  approvesExpertschool: 0.85,
  approvesOntwikkelschool: 0.9,
  /** An aspirant year ends with the school an expertschool; otherwise it drops out. */
  aspirantSucceeds: 0.9,
  /** The office lets an expertschool continue after its hub year; otherwise it stops (completed). */
  hubContinues: 0.8,
  /** A school answers a measurement form; some never do. */
  answersForm: 0.85,
  /** An ontwikkelschool stops in the autumn of its learning year; its place goes to the first in line. */
  stopsLearningYear: 0.03,
  /** An ontwikkelschool picks a trajectory in its own region when one has a free place. */
  ownRegion: 0.7,
};

const OFFICE = 'Simulatie Programmabureau';
const DAY = 86_400_000;

/** Places in one school year: what ontwikkelscholen asked for against what the hubs offered. */
export interface PlacesInYear {
  schoolYear: SchoolYear;
  hubs: number;
  trajectories: number;
  placesOffered: number;
  /** Approved ontwikkelscholen looking for a place when the hubs opened. */
  schoolsWanting: number;
  /** Of those: enrolled in a trajectory. */
  enrolled: number;
  /** Of those: without a place (on a waiting list, or no trajectory at all that year). */
  unplaced: number;
  longestWaitingList: number;
  /** Places short to seat every school that wanted one: wanting − offered, at least 0. */
  placesNeeded: number;
  /** After the year's end: learning years completed, schools that never got a place, schools that stopped. */
  completed: number | null;
  withoutPlace: number | null;
  stopped: number | null;
}

export interface StepRecord {
  year: number;
  /** `end`: the sleep past the last school year's end. */
  step: YearStep | 'end';
  journeysStarted: number;
  updates: number;
  /** Journeys closed by the end of this step, all told (the baseline ends as many bare workflows). */
  journeysClosed: number;
  /** Wall-clock seconds: the server's time skipping to this step, then acting on it. */
  sleepSeconds: number;
  actSeconds: number;
}

export interface SimulationResult {
  options: Omit<SimulationOptions, 'log'>;
  firstSchoolYear: SchoolYear;
  lastSchoolYear: SchoolYear;
  seconds: { total: number; sleeping: number; acting: number };
  journeys: { expertschool: number; ontwikkelschool: number; total: number };
  hubYears: number;
  updates: number;
  stepsStored: number;
  mailsSent: number;
  formsAnswered: number;
  formsMissed: number;
  refusals: { workflowId: string; action: string; message: string }[];
  /**
   * Actions whose outcome the server had forgotten when asked for it: the time-skipping test
   * server's continue-as-new is not atomic (temporalio/sdk-java#1538), so an Update answered by a
   * run that hands over in the same task can be asked after in the next run and not be found.
   * Not sent again (it may have taken effect); the record check says whether it did.
   */
  outcomesLost: { workflowId: string; action: string }[];
  outcomes: { track: string; phase: string; outcome: string | null; count: number }[];
  places: PlacesInYear[];
  reports: Reports;
  steps: StepRecord[];
}

/** Throws, naming the option, when the simulation cannot run with these. */
export function checkOptions(options: SimulationOptions): void {
  const whole = (name: string, value: number, min: number, max = Infinity) => {
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name}: a whole number from ${min}${max < Infinity ? ` to ${max}` : ''}`);
  };
  whole('schools', options.schools, 1, 67_600); // as many as brinFor has BRIN codes
  whole('years', options.years, 1);
  whole('places', options.places, 1, 6); // the subsidy rules: at most 6 places per trajectory
  whole('concurrency', options.concurrency, 1);
  if (!(options.expertschoolShare >= 0 && options.expertschoolShare <= 1)) throw new Error('--expertschool-share: a share from 0 to 1');
}

/** Plays `options.years` school years; resolves with the figures once the last has ended. */
export async function simulateDecade(harness: SimulationHarness, options: SimulationOptions): Promise<SimulationResult> {
  return new Decade(harness, options).run();
}

class Decade {
  private readonly draw: Draw;
  private readonly schools: Map<string, SimulatedSchool>;
  private readonly refusals: SimulationResult['refusals'] = [];
  private readonly outcomesLost: SimulationResult['outcomesLost'] = [];
  private readonly places: PlacesInYear[] = [];
  private readonly steps: StepRecord[] = [];
  private updates = 0;
  private journeysStarted = 0;

  constructor(
    private readonly h: SimulationHarness,
    private readonly options: SimulationOptions,
  ) {
    checkOptions(options);
    this.draw = seededDraw(options.seed);
    const planned = planSchools(this.draw, options.schools, options.years, options.expertschoolShare, options.aspirantBehindShare);
    this.schools = new Map(planned.map((s) => [s.brin, s]));
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  async run(): Promise<SimulationResult> {
    const started = performance.now();
    // The decade starts with the next school year, so every step of the first year lies ahead.
    const firstSchoolYear = nextSchoolYear(schoolYearOf(new Date(await this.h.env.currentTimeMs())));
    const firstStart = Number(firstSchoolYear.slice(0, 4));
    for (let year = 0; year < this.options.years; year++) {
      const schoolYear: SchoolYear = `${firstStart + year}-${firstStart + year + 1}`;
      for (const step of YEAR_STEPS) {
        const sleeping = performance.now();
        await this.sleepUntil(stepMoment(firstStart + year, step));
        const acting = performance.now();
        const [updates, journeys] = [this.updates, this.journeysStarted];
        await this.act(step, year, schoolYear);
        const record: StepRecord = {
          year,
          step,
          journeysStarted: this.journeysStarted - journeys,
          updates: this.updates - updates,
          sleepSeconds: (acting - sleeping) / 1000,
          actSeconds: (performance.now() - acting) / 1000,
          journeysClosed: await this.journeysClosed(),
        };
        this.steps.push(record);
        this.log(
          `  ${schoolYear} ${step}: ${record.updates} updates in ${record.actSeconds.toFixed(1)} s, time skipped in ${record.sleepSeconds.toFixed(1)} s`,
        );
      }
      this.log(`${schoolYear}: done after ${((performance.now() - started) / 1000).toFixed(0)} s, ${this.journeysStarted} journeys, ${this.updates} updates`);
    }
    const lastStart = firstStart + this.options.years - 1;
    const lastSchoolYear: SchoolYear = `${lastStart}-${lastStart + 1}`;
    const sleeping = performance.now();
    await this.sleepUntil(afterYear(lastStart));
    const acting = performance.now();
    await this.yearTurned(nextSchoolYear(lastSchoolYear));
    await this.closeYearFigures(lastSchoolYear);
    this.steps.push({
      year: this.options.years,
      step: 'end',
      journeysStarted: 0,
      updates: 0,
      journeysClosed: await this.journeysClosed(),
      sleepSeconds: (acting - sleeping) / 1000,
      actSeconds: 0,
    });
    const total = (performance.now() - started) / 1000;
    return this.result(firstSchoolYear, lastSchoolYear, total);
  }

  private act(step: YearStep, year: number, schoolYear: SchoolYear): Promise<void> {
    switch (step) {
      case 'autumnRound':
        return this.autumnRound(year, schoolYear);
      case 'enrolment':
        return this.enrolment(schoolYear);
      case 'invitations':
        return this.invitations(year, schoolYear);
      case 'intake':
        return this.intake();
      case 'springRound':
        return this.springRound(schoolYear);
      case 'finalMeasurement':
        return this.finalMeasurement(schoolYear);
      case 'hubOutcomes':
        return this.hubOutcomes(schoolYear);
    }
  }

  // ---- the steps of a year ----

  private async autumnRound(year: number, schoolYear: SchoolYear): Promise<void> {
    await this.yearTurned(schoolYear);
    if (year > 0) await this.closeYearFigures(previousSchoolYear(schoolYear));
    const roundId = `${schoolYear}-najaar`;
    await this.openRound(roundId, schoolYear, ['expertschool']);
    // Expertschools back from their hub year: the evaluation conversation, then the intake.
    await this.conversationsHeld();
    await this.applications(roundId, ['expertschool']);
  }

  private async enrolment(schoolYear: SchoolYear): Promise<void> {
    const { db } = this.h;
    // Every expertschool approved in the autumn round is in its hub year, and every hub has opened (its record is what schools choose from).
    await this.yearTurned(schoolYear);
    const hubYears = await db.journey.findMany({ where: { track: 'expertschool', phase: 'hub_year', schoolYear }, select: { brin: true } });
    await this.settle(
      'the hubs to open',
      async () => hubYears.length - (await db.hubYear.count({ where: { schoolYear, brin: { in: hubYears.map((j) => j.brin) } } })),
    );

    const inEnrolment = await db.journey.findMany({ where: { track: 'ontwikkelschool', phase: 'enrolment', schoolYear }, select: { id: true, brin: true } });
    const enrolledBefore = new Set(
      (await db.trajectoryEnrolment.findMany({ where: { journeyId: { in: inEnrolment.map((j) => j.id) } } })).map((e) => e.journeyId),
    );
    const wanting = inEnrolment.filter((j) => !enrolledBefore.has(j.id)).sort((a, b) => a.id.localeCompare(b.id));
    const trajectories = await openTrajectories(db, { schoolYear });
    const choices = this.assignTrajectories(wanting, trajectories);
    await inBatches(choices, this.options.concurrency, ({ journeyId, trajectoryId }) => this.send(journeyId, chooseTrajectory, { trajectoryId }));

    const rows = await db.trajectoryEnrolment.findMany({ where: { trajectoryId: { in: trajectories.map((t) => t.trajectoryId) } } });
    const enrolled = rows.filter((r) => r.status === 'enrolled').length;
    const placesOffered = trajectories.reduce((sum, t) => sum + t.places, 0);
    const waitingPerTrajectory = trajectories.map((t) => rows.filter((r) => r.trajectoryId === t.trajectoryId && r.status === 'waiting').length);
    this.places.push({
      schoolYear,
      hubs: new Set(trajectories.map((t) => t.hubId)).size,
      trajectories: trajectories.length,
      placesOffered,
      schoolsWanting: wanting.length,
      enrolled,
      unplaced: wanting.length - enrolled,
      longestWaitingList: Math.max(0, ...waitingPerTrajectory),
      placesNeeded: Math.max(0, wanting.length - placesOffered),
      completed: null,
      withoutPlace: null,
      stopped: null,
    });

    // The enrolled schools start their learning year at once (the school year is under way) and are asked for the baseline measurement.
    const learning = rows.filter((r) => r.status === 'enrolled').map((r) => r.journeyId);
    await this.settle('enrolled schools to start their learning year', () =>
      db.journey.count({ where: { id: { in: learning }, phase: { not: 'learning_year' } } }),
    );
    await this.settle(
      'the baseline measurements to be asked',
      async () => learning.length - (await db.formRequest.count({ where: { journeyId: { in: learning }, kind: 'nulmeting', scope: schoolYear } })),
    );
    await this.schoolsRespond();
  }

  private async invitations(year: number, schoolYear: SchoolYear): Promise<void> {
    const { db } = this.h;
    const cohort = [...this.schools.values()].filter((s) => s.cohort === year);
    await registerSchools(db, this.draw, cohort);
    const now = await this.h.env.currentTimeMs();
    const startsAt = new Date(now + CONVERSATION_AFTER_DAYS * DAY).toISOString();
    await inBatches(cohort, this.options.concurrency, async (school) => {
      const journeyId = await this.startJourney(school.brin, school.track, school.hasAspirantYearBehind);
      await this.send(journeyId, planConversation, { startsAt, durationMinutes: 60, location: `Locatie van school ${school.brin}`, plannedBy: OFFICE });
      await this.send(journeyId, respondToConversation, { answer: 'confirm', note: '' });
    });

    // Aspirants name their expert team.
    const aspirants = await db.journey.findMany({ where: { phase: 'aspirant_year', waitingFor: 'school' }, select: { id: true } });
    const members = [schoolLeader, { name: 'Jan de Vries', email: 'j.devries@regenboog.example', role: 'teacher' as const }];
    await inBatches(aspirants, this.options.concurrency, ({ id }) => this.send(id, registerExpertTeam, { members }));

    // A few ontwikkelscholen stop in the autumn; the office records it, and each place goes to the first in line.
    const learning = await db.journey.findMany({ where: { track: 'ontwikkelschool', phase: 'learning_year', schoolYear }, select: { id: true } });
    const stopping = learning.filter(({ id }) => this.draw(id, 'stops') < CHANCES.stopsLearningYear);
    await inBatches(stopping, this.options.concurrency, ({ id }) =>
      this.send(id, cancelJourney, { reason: 'De school stopt met het leertraject (simulatie).', cancelledBy: OFFICE }),
    );
    if (stopping.length > 0) await this.offersMade(schoolYear);
    await this.schoolsRespond();
  }

  private async intake(): Promise<void> {
    await this.conversationsHeld();
    await this.schoolsRespond();
  }

  private async springRound(schoolYear: SchoolYear): Promise<void> {
    const next = nextSchoolYear(schoolYear);
    const roundId = `${next}-voorjaar`;
    await this.openRound(roundId, next, ['expertschool', 'ontwikkelschool']);
    await this.applications(roundId, ['expertschool', 'ontwikkelschool']);

    // The office judges this year's aspirants (it takes effect at the year's end; dropping out at once).
    const aspirants = await this.h.db.journey.findMany({ where: { phase: 'aspirant_year', schoolYear }, select: { id: true } });
    await inBatches(aspirants, this.options.concurrency, ({ id }) =>
      this.send(
        id,
        recordAspirantOutcome,
        this.draw(id, schoolYear, 'aspirant') < CHANCES.aspirantSucceeds
          ? { outcome: 'expertschool', reason: 'De aanpak is overdraagbaar gemaakt (simulatie).', recordedBy: OFFICE }
          : { outcome: 'dropped_out', reason: 'De aanpak bleek niet overdraagbaar (simulatie).', recordedBy: OFFICE },
      ),
    );
    await this.schoolsRespond();
  }

  private async finalMeasurement(schoolYear: SchoolYear): Promise<void> {
    const { db } = this.h;
    const learning = (await db.journey.findMany({ where: { track: 'ontwikkelschool', phase: 'learning_year', schoolYear }, select: { id: true } })).map(
      (j) => j.id,
    );
    await this.settle(
      'the final measurements to be asked',
      async () => learning.length - (await db.formRequest.count({ where: { journeyId: { in: learning }, kind: 'eindmeting', scope: schoolYear } })),
    );
    await this.schoolsRespond();
  }

  private async hubOutcomes(schoolYear: SchoolYear): Promise<void> {
    const hubs = await this.h.db.hubYear.findMany({ where: { schoolYear, status: 'open', outcome: null }, select: { id: true } });
    await inBatches(hubs, this.options.concurrency, ({ id }) =>
      this.send(
        id,
        recordHubOutcome,
        this.draw(id, 'continues') < CHANCES.hubContinues
          ? { outcome: 'continue', reason: 'Een goed hubjaar; de school vraagt opnieuw aan (simulatie).', decidedBy: OFFICE }
          : { outcome: 'stop', reason: 'De school stopt na dit jaar als expertschool (simulatie).', decidedBy: OFFICE },
      ),
    );
    await this.schoolsRespond();
  }

  // ---- what the office and the schools do, in several steps ----

  /** The office opens a round now ("open now": its workflow started at once; the time-skipping server has no Schedules). */
  private async openRound(roundId: string, schoolYear: SchoolYear, tracks: string[]): Promise<void> {
    const now = await this.h.env.currentTimeMs();
    await createRoundRecord(this.h.db, now, { id: roundId, schoolYear, opensInDays: 0, openForDays: ROUND_DAYS, tracks });
    await startRoundNow(this.h.client, this.h.taskQueue, roundId);
    await this.settle('the round to open', () => this.h.db.subsidyRound.count({ where: { id: roundId, status: 'scheduled' } }));
  }

  /** Every conversation the office is due to record: the report, then the intake outcome. */
  private async conversationsHeld(): Promise<void> {
    const { db } = this.h;
    const held = await db.journey.findMany({
      where: { phase: 'conversation', waitingFor: 'office' },
      select: { id: true, brin: true, track: true, cycle: true },
    });
    const conductedOn = new Date(await this.h.env.currentTimeMs()).toISOString().slice(0, 10);
    await inBatches(held, this.options.concurrency, async ({ id, brin, track, cycle }) => {
      const report = `Gesprek met school ${brin} over de aanpak en de plannen (simulatie).`;
      if (!(await this.send(id, recordConversationReport, { conductedOn, report, recordedBy: OFFICE }))) return;
      if (track === 'expertschool') {
        // An expertschool back from its hub year goes on; a new one may be referred.
        const fit = cycle > 0 || this.draw(id, 'intake', conductedOn) < CHANCES.expertschoolIntake;
        await this.send(id, recordIntakeOutcome, { outcome: fit ? 'expertschool' : 'ontwikkelschool', notes: '', recordedBy: OFFICE });
        if (fit) return;
        // Referred: the school goes on as an ontwikkelschool, the conversation already held.
        const referred = await this.startJourney(brin, 'ontwikkelschool', false);
        await this.send(referred, recordConversationReport, { conductedOn, report, recordedBy: OFFICE });
        await this.send(referred, recordIntakeOutcome, { outcome: 'ontwikkelschool', notes: 'Doorverwezen vanuit de expertroute.', recordedBy: OFFICE });
      } else {
        const fit = this.draw(id, 'intake', conductedOn) < CHANCES.ontwikkelschoolIntake;
        await this.send(id, recordIntakeOutcome, { outcome: fit ? 'ontwikkelschool' : 'not_now', notes: '', recordedBy: OFFICE });
      }
    });
  }

  /** Every journey of `tracks` waiting for a round joins it; most submit, and the office decides each submission. */
  private async applications(roundId: string, tracks: string[]): Promise<void> {
    const { db } = this.h;
    await this.settle('waiting journeys to join the round', () => db.journey.count({ where: { track: { in: tracks }, phase: 'awaiting_round' } }));
    const applying = await db.journey.findMany({
      where: { track: { in: tracks }, phase: 'application', roundId },
      select: { id: true, brin: true, track: true, cycle: true },
    });
    await inBatches(applying, this.options.concurrency, async ({ id, brin, track, cycle }) => {
      if (this.draw(id, roundId, 'submits') >= CHANCES.submits) return; // misses the deadline: waits for the next round
      const expertschool = track === 'expertschool';
      const aspirantYearBehind = expertschool && (cycle > 0 || (this.schools.get(brin)?.hasAspirantYearBehind ?? false));
      const form = expertschool ? expertschoolApplication(this.draw, id, roundId, aspirantYearBehind, this.options.places) : ontwikkelschoolApplication();
      if (!(await this.send(id, submitApplication, form))) return;
      const approves = this.draw(id, roundId, 'decision') < (expertschool ? CHANCES.approvesExpertschool : CHANCES.approvesOntwikkelschool);
      await this.send(id, decideApplication, {
        decision: approves ? 'approved' : 'rejected',
        reason: approves ? 'Voldoet aan de criteria van de regeling (simulatie).' : 'Onvoldoende onderbouwd (simulatie).',
        decidedBy: OFFICE,
      });
    });
  }

  /**
   * Which trajectory each school asks for, decided for all at once so that nobody lands on a
   * waiting list while a place is free elsewhere: a free place, in the school's own region when
   * it likes; with no place left, the shortest waiting list. The hubs decide (vol = vol).
   */
  private assignTrajectories(wanting: { id: string; brin: string }[], trajectories: OpenTrajectory[]): { journeyId: string; trajectoryId: string }[] {
    if (trajectories.length === 0) return [];
    const free = new Map(trajectories.map((t) => [t.trajectoryId, t.freePlaces]));
    const waiting = new Map(trajectories.map((t) => [t.trajectoryId, t.waiting]));
    return wanting.map(({ id, brin }) => {
      const open = trajectories.filter((t) => free.get(t.trajectoryId)! > 0);
      const region = this.schools.get(brin)?.region;
      const nearby = open.filter((t) => t.expertschool.region === region);
      let chosen: OpenTrajectory;
      if (open.length > 0) {
        chosen = pick(nearby.length > 0 && this.draw(id, 'own-region') < CHANCES.ownRegion ? nearby : open, this.draw(id, 'trajectory'));
        free.set(chosen.trajectoryId, free.get(chosen.trajectoryId)! - 1);
      } else {
        const shortest = Math.min(...waiting.values());
        chosen = pick(
          trajectories.filter((t) => waiting.get(t.trajectoryId) === shortest),
          this.draw(id, 'trajectory'),
        );
        waiting.set(chosen.trajectoryId, shortest + 1);
      }
      return { journeyId: id, trajectoryId: chosen.trajectoryId };
    });
  }

  /** After places came free: each has been offered to the first in line, and that school's journey knows. */
  private async offersMade(schoolYear: SchoolYear): Promise<void> {
    const { db } = this.h;
    const trajectories = await openTrajectories(db, { schoolYear });
    const places = new Map(trajectories.map((t) => [t.trajectoryId, t.places]));
    await this.settle('freed places to be offered', async () => {
      const rows = await db.trajectoryEnrolment.groupBy({
        by: ['trajectoryId', 'status'],
        where: { trajectoryId: { in: [...places.keys()] } },
        _count: { _all: true },
      });
      const count = (id: string, status: string) => rows.find((r) => r.trajectoryId === id && r.status === status)?._count._all ?? 0;
      return [...places].filter(([id, n]) => count(id, 'waiting') > 0 && count(id, 'enrolled') + count(id, 'offered') < n).length;
    });
    await this.settle('schools to hear of their offer', async () => {
      const offered = await db.trajectoryEnrolment.findMany({ where: { status: 'offered' }, select: { journeyId: true } });
      return db.journey.count({ where: { id: { in: offered.map((o) => o.journeyId) }, NOT: { phase: 'enrolment', waitingFor: 'school' } } });
    });
  }

  /** Schools act on what they were asked: a place offered is taken; most forms are answered, some never. */
  private async schoolsRespond(): Promise<void> {
    const { db } = this.h;
    const offers = await db.trajectoryEnrolment.findMany({ where: { status: 'offered' }, select: { journeyId: true, trajectoryId: true } });
    await inBatches(offers, this.options.concurrency, ({ journeyId, trajectoryId }) => this.send(journeyId, acceptPlace, { trajectoryId }));
    const forms = await db.formRequest.findMany({
      where: { status: 'requested', journey: { phase: 'learning_year' } },
      select: { id: true, journeyId: true, kind: true, scope: true },
    });
    const answering = forms.filter((f) => this.draw(f.id, 'answers') < CHANCES.answersForm);
    await inBatches(answering, this.options.concurrency, (f) =>
      this.send(f.journeyId, answerForm, { kind: f.kind as FormKind, scope: f.scope, scores: formScores(this.draw, f.id, f.kind as FormKind), remarks: '' }),
    );
  }

  /**
   * The server's clock passed the start of `schoolYear`: every journey whose period ended has moved
   * on (new runs, hub years closed, learning years completed) and stored it.
   */
  private async yearTurned(schoolYear: SchoolYear): Promise<void> {
    const { db } = this.h;
    await this.settle('the school year to turn', async () => {
      const [journeys, hubs] = await Promise.all([
        db.journey.count({
          where: {
            OR: [
              { phase: 'approved', schoolYear: { lte: schoolYear } },
              { phase: { in: ['aspirant_year', 'hub_year', 'learning_year', 'enrolment'] }, schoolYear: { lt: schoolYear } },
            ],
          },
        }),
        db.hubYear.count({ where: { schoolYear: { lt: schoolYear }, status: { not: 'closed' } } }),
      ]);
      return journeys + hubs;
    });
  }

  /** How the ontwikkelscholen of an ended school year came out. */
  private async closeYearFigures(schoolYear: SchoolYear): Promise<void> {
    const figures = this.places.find((p) => p.schoolYear === schoolYear);
    if (!figures) return;
    const outcomes = await this.h.db.journey.groupBy({
      by: ['outcome'],
      where: { track: 'ontwikkelschool', schoolYear, phase: 'closed' },
      _count: { _all: true },
    });
    const count = (outcome: string) => outcomes.find((o) => o.outcome === outcome)?._count._all ?? 0;
    figures.completed = count('completed');
    figures.withoutPlace = count('dropped_out');
    figures.stopped = count('cancelled');
  }

  // ---- plumbing ----

  private async startJourney(brin: string, track: 'expertschool' | 'ontwikkelschool', hasAspirantYearBehind: boolean): Promise<string> {
    const { journeyId } = await startJourney({ db: this.h.db, temporal: this.h.client, taskQueue: this.h.taskQueue }, { brin, track, hasAspirantYearBehind });
    this.journeysStarted++;
    return journeyId;
  }

  /** One action, as the API sends it; a refusal is kept for the report (there should be none) and answers null. */
  private async send<T, R>(workflowId: string, update: UpdateDefinition<R, [T]>, input: T): Promise<R | null> {
    this.updates++;
    try {
      return await this.h.client.workflow.getHandle(workflowId).executeUpdate(update, { args: [input] });
    } catch (error) {
      if (error instanceof WorkflowNotFoundError && /update .* not found/i.test(error.message)) {
        this.outcomesLost.push({ workflowId, action: update.name });
        this.log(`outcome lost: ${update.name} on ${workflowId}: ${error.message}`);
        return null;
      }
      if (!(error instanceof WorkflowUpdateFailedError)) {
        this.log(`${update.name} on ${workflowId} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
        throw error;
      }
      const message = error.cause?.message ?? error.message;
      this.refusals.push({ workflowId, action: update.name, message });
      this.log(`refused: ${update.name} on ${workflowId}: ${message}`);
      return null;
    }
  }

  private journeysClosed(): Promise<number> {
    return this.h.db.journey.count({ where: { phase: 'closed' } });
  }

  private async sleepUntil(moment: Date): Promise<void> {
    const ms = moment.getTime() - (await this.h.env.currentTimeMs());
    if (ms > 0) await this.h.env.sleep(ms);
  }

  /**
   * Polls `remaining` until it is 0: what the worker does after a timer or signal happens in its
   * own time. Gives up when the number stops moving for two minutes.
   */
  private async settle(what: string, remaining: () => Promise<number>): Promise<void> {
    let last = Number.NaN;
    let since = Date.now();
    for (;;) {
      const left = await remaining();
      if (left <= 0) return;
      if (left !== last) [last, since] = [left, Date.now()];
      if (Date.now() - since > 120_000) throw new Error(`waited two minutes for ${what}: ${left} to go`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  private async result(firstSchoolYear: SchoolYear, lastSchoolYear: SchoolYear, total: number): Promise<SimulationResult> {
    const { db } = this.h;
    const [byTrack, hubYears, stepsStored, mailsSent, formsAnswered, formsMissed, outcomes, reports] = await Promise.all([
      db.journey.groupBy({ by: ['track'], _count: { _all: true } }),
      db.hubYear.count(),
      db.auditEvent.count(),
      db.outboxMail.count({ where: { status: 'sent' } }),
      db.formRequest.count({ where: { status: 'answered' } }),
      db.formRequest.count({ where: { status: 'missed' } }),
      db.journey.groupBy({ by: ['track', 'phase', 'outcome'], _count: { _all: true }, orderBy: [{ track: 'asc' }, { phase: 'asc' }, { outcome: 'asc' }] }),
      buildReports(db, {}),
    ]);
    const tracks = (track: string) => byTrack.find((t) => t.track === track)?._count._all ?? 0;
    const sleeping = this.steps.reduce((sum, s) => sum + s.sleepSeconds, 0);
    const { log: _, ...options } = this.options;
    return {
      options,
      firstSchoolYear,
      lastSchoolYear,
      seconds: { total, sleeping, acting: total - sleeping },
      journeys: { expertschool: tracks('expertschool'), ontwikkelschool: tracks('ontwikkelschool'), total: this.journeysStarted },
      hubYears,
      updates: this.updates,
      stepsStored,
      mailsSent,
      formsAnswered,
      formsMissed,
      refusals: this.refusals,
      outcomesLost: this.outcomesLost,
      outcomes: outcomes.map((o) => ({ track: o.track, phase: o.phase, outcome: o.outcome, count: o._count._all })),
      places: this.places,
      reports,
      steps: this.steps,
    };
  }
}
