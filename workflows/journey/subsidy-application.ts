/**
 * Applying for subsidy: conversation, intake, waiting for a round of the journey's track, filling
 * in and submitting the application before the round closes (in a round with a capacity, only
 * while a place is left), and the office's decision.
 */
import { log, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { RoundShut } from '../../activities/subsidy-rounds';
import { checkEligibility, type Ineligibility } from '../../domain/eligibility';
import { DecideApplication, SaveApplicationDraftInput, SubmitApplication, type ApplicationView, type OpenRound } from '../../domain/journey';
import { subsidyAmount } from '../../domain/subsidy-amount';
import { decideApplication, roundChanged, roundOpened, saveApplicationDraft, submitApplication, type JourneyResult } from '../contracts/journey';
import { RefusalType } from '../contracts/refusals';
import { retry, shortLocalActivity } from '../toolkit';
import type { Journey } from './kernel';

const { findOpenRound, claimRoundPlace, currentRound } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });
const local = proxyLocalActivities<Activities>(shortLocalActivity);

/**
 * Reading the round (findOpenRound, currentRound) is a local activity since this patch: a short
 * read in the worker, no round trip through the server, within the Update's workflow task.
 */
const ROUND_READ_LOCALLY = 'round-read-locally';
const roundReads = () => (patched(ROUND_READ_LOCALLY) ? local : { findOpenRound, currentRound });

/** Joining and submitting read the round in PostgreSQL: no school applies into a cancelled, full or moved round. */
const ROUND_RECHECKED = 'round-rechecked-on-join-and-submit';

/**
 * A round the journey has just found open in PostgreSQL (findOpenRound) is joined without reading
 * it again: the second read, a moment after the first and within the same workflow task, could only
 * say the same. Runs from before this patch read it twice.
 */
const FOUND_ROUND_NOT_REREAD = 'found-round-not-reread';

/**
 * Since this patch, the open round is looked up while "awaiting_round" is being stored, not after:
 * a round open already is joined one local activity sooner (the intake's answer waits for it). A
 * lookup that finds none is asked again once the phase is stored, so a round opening in between
 * still finds the journey parked (or is found by it). Runs from before looked up after storing.
 */
const ROUND_LOOKED_UP_WHILE_PARKING = 'round-looked-up-while-parking';

/** What a school reads when it submits into a round that can no longer take it. */
export const roundShutMessage: Record<RoundShut, string> = {
  cancelled: 'Deze subsidieronde is geannuleerd: aanvragen kan hierin niet meer. De school doet mee in de volgende ronde en krijgt bericht zodra die opengaat.',
  full: 'Deze subsidieronde is vol: alle plaatsen zijn vergeven. De school doet mee in de volgende ronde.',
  closed: 'Deze subsidieronde is gesloten: aanvragen kan hierin niet meer. De school doet mee in de volgende ronde en krijgt bericht zodra die opengaat.',
};

type ApplyingTrack = 'expertschool' | 'ontwikkelschool';

export function subsidyApplication(journey: Journey & { track: ApplyingTrack }) {
  const { state, track, school, input, onAction, onSignal, enter, record, notify, refuse, waitFor, waitUntil, close, now } = journey;
  const { journeyId, hasAspirantYearBehind } = input;
  /** Set while a submission waits for its place in a round with a capacity, so a second one is refused. */
  let submitting = false;
  const roundIsOpen = () => state.round !== null && Date.now() < Date.parse(state.round.closesAt);

  onSignal(roundOpened, (opened) => {
    const beforeApplying = state.phase === 'conversation' || state.phase === 'intake' || state.phase === 'awaiting_round';
    if (beforeApplying && Date.now() < Date.parse(opened.closesAt)) state.round = opened;
    else log.info('Round signal ignored', { roundId: opened.roundId, phase: state.phase });
  });

  onSignal(roundChanged, (changed) => {
    if (state.round?.roundId === changed.roundId) state.round = changed;
  });

  /** The round the school's unsubmitted application belongs to, while it is still open. */
  function requireOpenDraft(): OpenRound {
    const { application, round } = state;
    if (application?.status !== 'draft' || submitting) refuse(RefusalType.notNow, 'De aanvraag is al ingediend.');
    if (!round || !roundIsOpen()) {
      return refuse(
        RefusalType.notNow,
        `De aanvraagtermijn is gesloten${round ? ` sinds ${round.closesAt}` : ''}; de school wacht op de volgende subsidieronde.`,
      );
    }
    return round;
  }

  function ineligible(problems: Ineligibility[]): never {
    const issues = problems.map((p) => ({ path: p.path.map(String), message: p.message, code: p.code }));
    return refuse(RefusalType.notEligible, problems.map((p) => p.message).join(' '), { issues });
  }

  onAction(
    saveApplicationDraft,
    SaveApplicationDraftInput,
    async (draft) => {
      const { draftId: _stored, ...current } = state.application!;
      // A stored draft (PostgreSQL): the journey keeps, and records, only which one it is.
      const application = 'draftId' in draft ? { ...current, draftId: draft.draftId } : { ...current, ...draft };
      state.application = application;
      await record({ type: 'application_saved', application }, 'school');
    },
    () => void requireOpenDraft(),
  );

  onAction(
    submitApplication,
    SubmitApplication,
    async (form) => {
      const recheck = patched(ROUND_RECHECKED);
      let { rates, capacity, roundId } = requireOpenDraft();
      if (recheck) {
        // The journey's copy may be behind the office: PostgreSQL says whether the round still takes it.
        submitting = true;
        const inDb = await roundReads()
          .currentRound({ round: state.round! })
          .finally(() => (submitting = false));
        if (inDb.shut) {
          state.round = inDb.round; // closed for this journey too: its flow moves on
          refuse(RefusalType.notNow, roundShutMessage[inDb.shut]);
        }
        if (inDb.round.closesAt !== state.round!.closesAt) state.round = inDb.round;
        ({ rates, capacity, roundId } = requireOpenDraft());
      }
      if (capacity) {
        submitting = true;
        const { granted, reason } = await claimRoundPlace({ roundId, journeyId }).finally(() => (submitting = false));
        if (!granted) refuse(RefusalType.notNow, roundShutMessage[recheck ? (reason ?? 'full') : 'full']);
        requireOpenDraft(); // the round may have closed while the place was being taken
      }
      state.application = {
        ...state.application!,
        ...form,
        status: 'submitted',
        // The brief names no amount for an ontwikkelschool: its expertschool is paid per place.
        amountEuros: track === 'expertschool' ? subsidyAmount(form.trajectories, rates) : null,
        submittedAt: now(),
      };
      await record({ type: 'application_saved', application: state.application }, 'school');
    },
    (form) => {
      const { rates } = requireOpenDraft();
      const problems = checkEligibility({ application: form, inspectionRating: school.inspectionRating, hasAspirantYearBehind, rates, track });
      if (problems.length > 0) ineligible(problems);
    },
  );

  onAction(decideApplication, DecideApplication, async ({ decision, reason, decidedBy }) => {
    state.application = { ...state.application!, status: decision, decision: { decision, reason, decidedBy, decidedAt: now() } };
    await record({ type: 'application_decided', application: state.application }, decidedBy);
    // Journeys decided before the decision letter existed told the school nothing.
    if (patched('decision-mail')) notify({ kind: 'application-decided', applicationId: state.application.id });
  });

  /** Waits for the school's submission until the round closes; the round may move its deadline. */
  async function applicationSubmittedInTime(): Promise<boolean> {
    for (;;) {
      const deadline = state.round!.closesAt;
      const submitted = () => state.application!.status === 'submitted';
      if (await waitUntil(() => submitted() || state.round!.closesAt !== deadline, deadline)) {
        if (submitted()) return true;
        // Rescheduled (or closed early): the same round, a new deadline.
        await enter('application', 'school', state.round!.closesAt);
        continue;
      }
      return submitted();
    }
  }

  /** Conversation, intake and an application in an open round, up to the office's decision. */
  async function applyForSubsidy(): Promise<JourneyResult | ApplicationView> {
    await enter('conversation', 'office', null);
    await waitFor(() => state.conversation !== null);

    await enter('intake', 'office', null);
    await waitFor(() => state.intake !== null);
    if (state.intake!.outcome !== track) {
      return close('referred', `Na de intake is de beste vervolgstap: ${state.intake!.outcome}.`, state.intake!.recordedBy);
    }

    for (;;) {
      /** The round as PostgreSQL had it a moment ago, in this workflow task. */
      let foundJustNow: OpenRound | null = null;
      if (!roundIsOpen()) {
        const parked = enter('awaiting_round', 'round', null);
        const lookUpWhileParking = patched(ROUND_LOOKED_UP_WHILE_PARKING);
        if (lookUpWhileParking) {
          const [openAlready] = await Promise.all([roundReads().findOpenRound({ track }), parked]);
          if (openAlready && !roundIsOpen()) state.round = foundJustNow = openAlready;
        } else await parked;
        // Asked (again) after the case record says "awaiting_round": a round that opens later finds
        // this journey there and signals it; one that opened before is found here.
        if (!lookUpWhileParking || !roundIsOpen()) {
          const alreadyOpen = await roundReads().findOpenRound({ track });
          if (alreadyOpen && !roundIsOpen()) state.round = foundJustNow = alreadyOpen;
        }
        // Parked after the intake (not after a missed round, whose mail says so): the school hears when one opens.
        if (!roundIsOpen() && state.application === null && patched('awaiting-round-mail')) notify({ kind: 'awaiting-round' });
        await waitFor(roundIsOpen);
      }
      const rereadNeeded = !(foundJustNow !== null && state.round === foundJustNow && patched(FOUND_ROUND_NOT_REREAD));
      if (patched(ROUND_RECHECKED) && rereadNeeded) {
        // A round heard of earlier may since have been cancelled, filled up or moved.
        const inDb = await roundReads().currentRound({ round: state.round! });
        state.round = inDb.round;
        if (inDb.shut || !roundIsOpen()) {
          log.info('Round no longer open when joining', { roundId: inDb.round.roundId, shut: inDb.shut });
          state.round = null;
          continue;
        }
      }
      const current = state.round!;
      const previous = state.application;
      state.application = {
        id: `${journeyId}/${current.roundId}`,
        roundId: current.roundId,
        schoolYear: current.schoolYear,
        status: 'draft',
        // What the school wrote for a round it missed stays: it resumes, not restarts.
        participants: previous?.participants ?? [],
        sections: previous?.sections ?? {},
        trajectories: previous?.trajectories ?? [],
        otherSubsidies: previous?.otherSubsidies ?? [],
        ...(previous?.draftId ? { draftId: previous.draftId } : {}),
        amountEuros: null,
        submittedAt: null,
        decision: null,
      };
      await enter('application', 'school', current.closesAt, {
        type: 'round_joined',
        roundId: current.roundId,
        closesAt: current.closesAt,
        application: state.application,
      });
      notify({ kind: 'round-opened', round: current });
      if (await applicationSubmittedInTime()) break;

      await record({ type: 'round_missed', roundId: current.roundId }, 'system');
      notify({ kind: 'round-missed', round: state.round! });
      state.round = null;
    }

    await enter('decision', 'office', null);
    await waitFor(() => state.application!.decision !== null);
    const { decision, reason, decidedBy } = state.application!.decision!;
    if (decision === 'rejected') return close('rejected', reason, decidedBy);
    return state.application!;
  }

  return { applyForSubsidy };
}
