/**
 * A hub year's steps: every change is stored, in order, as one step holding the hub, its
 * trajectories and its enrolments as they now stand; a workflow task's steps together, by the
 * recordHubYears local activity. An Update answers once its step is stored.
 */
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { EnrolmentRow, HubChange } from '../../activities/hub-years';
import type { PlaceHolder } from '../../domain/places';
import { shortLocalActivity, now, orderedSteps, retry } from '../toolkit';
import type { HubState, TrajectoryState } from './state';

// One step per activity: runs from before the patch steps-stored-together; since, a workflow task's steps together.
const { recordHubYear } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry,
});
const { recordHubYears } = proxyLocalActivities<Activities>(shortLocalActivity);

/** A trajectory's enrolments as rows: one per school, where it stands now. */
function enrolmentRows(t: TrajectoryState): EnrolmentRow[] {
  const row = (h: PlaceHolder) => ({ trajectoryId: t.trajectoryId, journeyId: h.journeyId, brin: h.brin, requestedAt: h.askedAt });
  const listed = new Set<string>();
  const rows: EnrolmentRow[] = [];
  for (const h of t.list.taken) {
    listed.add(h.journeyId);
    rows.push({ ...row(h), status: 'enrolled', waitingPosition: null, enrolledAt: h.since, offerExpiresAt: null, endedAt: null });
  }
  if (t.list.offer) {
    const { holder, acceptBefore } = t.list.offer;
    listed.add(holder.journeyId);
    rows.push({ ...row(holder), status: 'offered', waitingPosition: null, enrolledAt: null, offerExpiresAt: acceptBefore, endedAt: null });
  }
  t.list.waiting.forEach((h, index) => {
    listed.add(h.journeyId);
    rows.push({ ...row(h), status: 'waiting', waitingPosition: index + 1, enrolledAt: null, offerExpiresAt: null, endedAt: null });
  });
  // One row per school: a school that left and asked again shows where it stands now.
  for (const e of t.ended) {
    if (listed.has(e.holder.journeyId)) continue;
    rows.push({
      ...row(e.holder),
      status: e.status,
      waitingPosition: null,
      enrolledAt: null,
      offerExpiresAt: null,
      endedAt: e.endedAt,
      endedReason: e.reason ?? null,
    });
  }
  return rows;
}

/** The hub's steps: its first, that it opened, is queued at once, before any handler can run. */
export function hubSteps(hub: HubState) {
  const { hubId, journeyId, school, schoolYear } = hub.input;
  // ---- recording steps: in order, a workflow task's together; callers wait until theirs is stored ----
  const steps = orderedSteps({ one: recordHubYear, together: recordHubYears });

  function record(change: HubChange, actor: string): Promise<void> {
    const { status, outcome, trajectories, knowledgeSharing } = hub;
    return steps.record((seq) => ({
      hubId,
      seq,
      at: now(),
      actor,
      change,
      hub: { journeyId, brin: school.brin, schoolYear, status, outcome },
      trajectories: trajectories.map((t) => ({
        trajectoryId: t.trajectoryId,
        position: t.position,
        title: t.title,
        places: t.places,
        startSessionOn: t.startSession?.heldOn ?? null,
        trainingsGiven: t.trainings.length,
      })),
      enrolments: trajectories.flatMap(enrolmentRows),
      knowledgeSharing: knowledgeSharing.map((k, index) => ({ id: `${hubId}#${index + 1}`, ...k })),
    }));
  }

  void record('hub_opened', 'system');
  void steps.storeInOrder();

  return { record, stored: steps.stored, allStored: steps.allStored };
}
