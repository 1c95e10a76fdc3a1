/**
 * An approved ontwikkelschool picks an expertschool's learning trajectory. The hub workflow holds
 * the places ("vol = vol"): the school gets a place or a place in line; a place that comes free is
 * offered to it by mail with a deadline to accept. The school's actions come in here, on its own
 * journey (its link is for its own case), and reach the hub through activities; the hub's news
 * comes back as signals.
 */
import { condition, patched, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { PlaceAnswer } from '../../domain/places';
import { AcceptPlace, ChooseTrajectory, type EnrolmentView } from '../../domain/journey';
import { schoolYearBounds, type SchoolYear } from '../../domain/school-year';
import { actionOpenWhen } from '../../domain/tracks';
import { acceptPlace, chooseTrajectory } from '../contracts/journey';
import { RefusalType } from '../contracts/refusals';
import { placeInLine, placeOffered, placeOfferExpired, placeWithdrawn } from '../contracts/hub-year';
import { retry } from '../toolkit';
import type { Journey } from './kernel';

const { describeTrajectory, requestTrajectoryPlace, acceptTrajectoryPlace, leaveTrajectoryPlace } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry,
});

/** A place the office releases is told to the school by mail, with the office's reason. */
export const PLACE_RELEASE_TOLD = 'place-release-told';

type EnrolmentChange = 'chosen' | 'offered' | 'accepted' | 'offer_expired' | 'withdrawn';

export function trajectoryEnrolment(journey: Journey) {
  const { state, school, input, onAction, onSignal, onlyWhen, enter, notify, refuse, refuseField, waitUntil } = journey;
  /** The last change the hub or the school made, for the flow to act on (mail, phase). */
  let change: { kind: EnrolmentChange; trajectoryId: string; title: string; reason?: string } | null = null;
  /**
   * While the school's request for a place is under way, the hub's news about that trajectory (an
   * offer, a new place in line) can arrive before the request's answer: it is kept, and applied
   * once the answer is in, instead of being dropped.
   */
  let requesting: { trajectoryId: string; early: (() => void)[] } | null = null;
  function whenAnswered(trajectoryId: string, news: () => void): void {
    if (requesting?.trajectoryId === trajectoryId) requesting.early.push(news);
    else news();
  }

  function changed(kind: EnrolmentChange, enrolment: EnrolmentView | null, trajectory: { trajectoryId: string; title: string }, reason?: string): void {
    state.enrolment = enrolment;
    change = { kind, trajectoryId: trajectory.trajectoryId, title: trajectory.title, ...(reason === undefined ? {} : { reason }) };
  }

  function standing(answer: PlaceAnswer): Pick<EnrolmentView, 'status' | 'position' | 'acceptBefore'> {
    if (answer.status === 'refused') return refuse(RefusalType.notNow, answer.message);
    if (answer.status === 'waiting') return { status: 'waiting', position: answer.position, acceptBefore: null };
    if (answer.status === 'offered') return { status: 'offered', position: null, acceptBefore: answer.acceptBefore };
    return { status: 'enrolled', position: null, acceptBefore: null };
  }

  /**
   * The trajectory a choice under way asks for: a second choice meanwhile (a double submit, another
   * tab) is refused, so a school never holds places in two trajectories; a stop waits for it.
   */
  let choosing: string | null = null;
  const ONE_CHOICE_AT_A_TIME = 'one-choice-at-a-time';

  onlyWhen('chooseTrajectory', () => actionOpenWhen.chooseTrajectory(state) && choosing === null);
  onlyWhen('acceptPlace', () => actionOpenWhen.acceptPlace(state));

  onAction(
    chooseTrajectory,
    ChooseTrajectory,
    async ({ trajectoryId }) => {
      const guarded = patched(ONE_CHOICE_AT_A_TIME);
      if (guarded) choosing = trajectoryId;
      try {
        await choose(trajectoryId);
      } finally {
        if (guarded) choosing = null;
      }
    },
    () => {
      if (state.enrolment) refuse(RefusalType.notNow, `De school heeft al gekozen voor "${state.enrolment.title}".`);
      if (choosing !== null) refuse(RefusalType.notNow, 'De keuze van de school voor een leertraject wordt al verwerkt; de school kiest één leertraject.');
    },
  );

  /** Asks the trajectory's hub for a place, and keeps what it answered. */
  async function choose(trajectoryId: string): Promise<void> {
    const trajectory = await describeTrajectory({ trajectoryId });
    if (!trajectory || trajectory.schoolYear !== state.application!.schoolYear) {
      return refuseField('trajectoryId', `Dit leertraject wordt in schooljaar ${state.application!.schoolYear} niet aangeboden.`);
    }
    const pending = patched('enrolment-keeps-early-news') ? { trajectoryId, early: [] as (() => void)[] } : null;
    requesting = pending;
    let answer: PlaceAnswer;
    try {
      answer = await requestTrajectoryPlace({ trajectoryId, journeyId: input.journeyId, brin: school.brin, schoolName: school.name });
    } finally {
      requesting = null;
    }
    const enrolment = { trajectoryId, title: trajectory.title, expertschoolName: trajectory.expertschoolName, ...standing(answer) };
    changed(enrolment.status === 'offered' ? 'offered' : 'chosen', enrolment, enrolment);
    for (const news of pending?.early ?? []) news();
  }

  onAction(
    acceptPlace,
    AcceptPlace,
    async ({ trajectoryId }) => {
      const offered = state.enrolment!;
      const answer = await acceptTrajectoryPlace({ trajectoryId, journeyId: input.journeyId });
      if (answer.status === 'refused') {
        // Too late: the place went to the next school; this one can choose again.
        if (answer.reason === 'offer_expired') changed('offer_expired', null, offered);
        return refuse(RefusalType.notNow, answer.message);
      }
      changed('accepted', { ...offered, ...standing(answer) }, offered);
    },
    ({ trajectoryId }) => {
      if (state.enrolment?.trajectoryId !== trajectoryId) refuseField('trajectoryId', 'Voor dit leertraject staat geen plaats voor de school klaar.');
    },
  );

  onSignal(placeOffered, ({ trajectoryId, acceptBefore }) =>
    whenAnswered(trajectoryId, () => {
      const current = state.enrolment;
      if (current?.trajectoryId === trajectoryId && current.status === 'waiting') {
        changed('offered', { ...current, status: 'offered', position: null, acceptBefore }, current);
      }
    }),
  );
  onSignal(placeOfferExpired, ({ trajectoryId }) =>
    whenAnswered(trajectoryId, () => {
      const current = state.enrolment;
      if (current?.trajectoryId === trajectoryId && current.status === 'offered') changed('offer_expired', null, current);
    }),
  );
  // Only the view changes: the school sees where it stands now, on its page and in the JSON view.
  onSignal(placeInLine, ({ trajectoryId, position }) =>
    whenAnswered(trajectoryId, () => {
      const current = state.enrolment;
      if (current?.trajectoryId === trajectoryId && current.status === 'waiting') state.enrolment = { ...current, position };
    }),
  );
  onSignal(placeWithdrawn, ({ trajectoryId, reason }) =>
    whenAnswered(trajectoryId, () => {
      const current = state.enrolment;
      if (current?.trajectoryId === trajectoryId) changed('withdrawn', null, current, reason);
    }),
  );

  /** Tells the school and the case record what the last change means, and who acts next. */
  async function actOn(schoolYear: SchoolYear): Promise<void> {
    const { kind, trajectoryId, title, reason } = change!;
    change = null;
    const enrolment = state.enrolment;
    const event = { type: 'enrolment_changed', change: kind, trajectoryId, enrolment } as const;
    if (enrolment?.status === 'enrolled') {
      notify({ kind: 'place-enrolled', trajectoryId, title, expertschoolName: enrolment.expertschoolName });
      await enter('enrolment', 'calendar', schoolYearBounds(schoolYear).start.toISOString(), event);
    } else if (enrolment?.status === 'waiting') {
      notify({ kind: 'place-waiting', trajectoryId, title, position: enrolment.position! });
      await enter('enrolment', 'place', null, event);
    } else if (enrolment?.status === 'offered') {
      notify({ kind: 'place-offered', trajectoryId, title, expertschoolName: enrolment.expertschoolName, acceptBefore: enrolment.acceptBefore! });
      await enter('enrolment', 'school', enrolment.acceptBefore, event);
    } else {
      // The offer lapsed or the office withdrew the place: the school chooses again.
      if (kind === 'offer_expired') notify({ kind: 'place-offer-expired', trajectoryId, title, schoolYear });
      // The office released the place: the school reads why, and that it can choose again.
      if (kind === 'withdrawn' && patched(PLACE_RELEASE_TOLD)) {
        notify({ kind: 'place-released', trajectoryId, title, schoolYear, reason: reason ?? '', participationEnds: false });
      }
      await enter('enrolment', 'school', null, event);
    }
  }

  /**
   * From approval until the school has a place and its school year begins; false when the year
   * ended without a place.
   */
  async function enrol(schoolYear: SchoolYear): Promise<boolean> {
    const { start, end } = schoolYearBounds(schoolYear);
    await enter('enrolment', 'school', null);
    notify({ kind: 'trajectory-choice-requested', schoolYear });
    for (;;) {
      const enrolled = state.enrolment?.status === 'enrolled';
      // Enrolled: wait for the year to start (the office may still withdraw the place before).
      const until = enrolled ? start : end;
      if (!(await waitUntil(() => change !== null, until.toISOString()))) return enrolled;
      await actOn(schoolYear);
    }
  }

  /** A school that stops gives its place (or place in line) to the next. */
  async function leaveTrajectory(reason: string): Promise<void> {
    // A choice under way when the school stopped: its answer may still give a place, which is left too.
    if (patched(ONE_CHOICE_AT_A_TIME)) await condition(() => choosing === null);
    const { enrolment } = state;
    if (enrolment) await leaveTrajectoryPlace({ trajectoryId: enrolment.trajectoryId, journeyId: input.journeyId, reason });
  }

  /** During the learning year, the office may still withdraw the place. */
  const withdrawn = () => change?.kind === 'withdrawn';

  /** The place the office withdrew during the learning year, with its reason. */
  const withdrawal = () => (change?.kind === 'withdrawn' ? { trajectoryId: change.trajectoryId, title: change.title, reason: change.reason ?? '' } : null);

  return { enrol, leaveTrajectory, withdrawn, withdrawal };
}
