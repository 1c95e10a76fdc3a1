/**
 * A journey as PostgreSQL keeps it, for when its workflow is gone: Temporal removes a closed
 * workflow once its namespace's retention has passed, but the case stays on record and readable
 * (the case page, GET /api/journeys/{id}). The view is rebuilt from the case row and its steps.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { JourneyEvent } from '../../domain/journey-step';
import { JourneyView, type ClosingOutcome, type JourneyPhase, type Track, type WaitingFor } from '../../domain/journey';
import type { Db } from '../../platform/db';
import { getJourney } from '../../workflows/contracts/journey';

/** The journey rebuilt from its record; null when there is no such case. */
export async function journeyFromRecord(db: Db, journeyId: string): Promise<JourneyView | null> {
  const row = await db.journey.findUnique({ where: { id: journeyId }, include: { school: true } });
  if (!row) return null;
  const steps = await db.auditEvent.findMany({ where: { journeyId }, orderBy: { seq: 'asc' }, select: { actor: true, data: true } });
  const { brin, name, sector, region, inspectionRating } = row.school;
  const view: JourneyView = {
    journeyId,
    track: row.track as Track,
    school: { brin, name, sector, region, inspectionRating } as JourneyView['school'],
    cycle: row.cycle,
    phase: row.phase as JourneyPhase,
    waitingFor: row.waitingFor as WaitingFor | null,
    nextDeadline: row.nextDeadline?.toISOString() ?? null,
    hasAspirantYearBehind: false,
    plannedConversation: null,
    conversation: null,
    intake: null,
    round: null,
    application: null,
    schoolYear: row.schoolYear,
    expertTeam: [],
    aspirantOutcome: null,
    outcome: row.outcome ? { outcome: row.outcome as ClosingOutcome, reason: '' } : null,
    enrolment: null,
    forms: [],
    registration: null,
    developmentGroup: null,
    // Nothing can be done on a journey whose workflow is gone.
    allowedActions: [],
    unrecordedSteps: 0,
  };
  // What each step says, in order, as the workflow's state said it then.
  const shown = { ...view };
  for (const { actor, data } of steps) {
    const event = data as unknown as JourneyEvent;
    switch (event.type) {
      case 'journey_started':
        shown.hasAspirantYearBehind = event.hasAspirantYearBehind;
        break;
      case 'conversation_planned':
      case 'conversation_answered':
        shown.plannedConversation = event.conversation;
        break;
      case 'conversation_recorded':
        shown.conversation = { kind: event.kind, conductedOn: event.conductedOn, report: event.report, recordedBy: actor };
        break;
      case 'intake_recorded':
        shown.intake = { outcome: event.outcome, notes: event.notes, recordedBy: actor };
        break;
      case 'round_joined':
      case 'application_saved':
      case 'application_decided':
        shown.application = event.application;
        break;
      case 'expert_team_registered':
        shown.expertTeam = event.members;
        break;
      case 'aspirant_outcome_recorded':
        shown.aspirantOutcome = event.outcome;
        break;
      case 'enrolment_changed':
        shown.enrolment = event.enrolment;
        break;
      case 'form_requested':
      case 'form_reminded':
      case 'form_answered':
      case 'form_missed':
        shown.forms = [...shown.forms.filter((f) => f.kind !== event.form.kind || f.scope !== event.form.scope), event.form];
        break;
      case 'registration_submitted':
      case 'cohort_place_granted':
        shown.registration = event.registration;
        break;
      case 'development_group_assigned':
        shown.developmentGroup = event.group;
        break;
      case 'journey_closed':
        shown.outcome = { outcome: event.outcome, reason: event.reason };
        break;
    }
  }
  // A step the retention rule erased parts of may no longer fit the view: then the case row alone.
  return JourneyView.safeParse(shown).success ? shown : view;
}

/** The journey as its workflow sees it now; once the workflow is gone, as its record keeps it. */
export async function readJourney(deps: { db: Db; temporal: Client }, journeyId: string): Promise<JourneyView> {
  try {
    return await deps.temporal.workflow.getHandle(journeyId).query(getJourney);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    const recorded = await journeyFromRecord(deps.db, journeyId);
    if (!recorded) throw error;
    return recorded;
  }
}
