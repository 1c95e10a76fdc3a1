/** The application behind a school's link: show it, save it, add rows, submit it. */
import type { Response } from 'express';
import { ApplicationDraft, ApplicationForm, requiredSections } from '../../domain/application';
import { exclusions, MIN_PARTICIPANTS } from '../../domain/eligibility';
import type { Track } from '../../domain/journey';
import type { SchoolJourneyView } from '../../domain/school-view';
import { ROUND_OF_LINK_CLOSED } from '../../domain/links';
import { issuesOf, type AppError } from '../../services/errors';
import { errorsByField, type FormIssue } from '../pages/form-fields';
import { sendPage } from '../pages/render';
import { ApplicationPage, ApplicationSubmittedPage, defaultRows, MAX_PARTICIPANT_ROWS, MAX_TRAJECTORY_ROWS, type ApplicationValues } from './application-page';
import { applicationFromForm, intentOf, rowsShown } from './form-input';
import { StepClosedPage } from './link-refusals';
import { sendAction, type SchoolStep, type StepContext } from './school-step';

type Body = Record<string, unknown>;

function draftIsOpen({ journey, link }: StepContext): boolean {
  return journey.phase === 'application' && journey.application?.roundId === link.scope && journey.application.status === 'draft';
}

function valuesOf(journey: SchoolJourneyView): ApplicationValues {
  const a = journey.application!;
  return { participants: a.participants, sections: a.sections, trajectories: a.trajectories, otherSubsidies: a.otherSubsidies };
}

interface FormState {
  values: ApplicationValues;
  participantRows?: number;
  trajectoryRows?: number;
  status?: number;
  notice?: string;
  focus?: 'participant' | 'trajectory';
  error?: AppError;
  issues?: FormIssue[];
}

function showForm(ctx: StepContext, res: Response, state: FormState): void {
  const { journey } = ctx;
  const round = journey.round!;
  const { values } = state;
  const { fields, general } = state.issues ? errorsByField(state.issues) : state.error ? errorsByField(issuesOf(state.error)) : { fields: {}, general: [] };
  sendPage(
    res,
    state.status ?? 200,
    <ApplicationPage
      token={ctx.token}
      schoolName={journey.school.name}
      roundName={round.name ?? `subsidieronde ${round.schoolYear}`}
      schoolYear={round.schoolYear}
      closesAt={round.closesAt}
      sections={requiredSections(journey.hasAspirantYearBehind, applyingTrack(journey.track))}
      offersTrajectories={journey.track === 'expertschool'}
      minimumParticipants={MIN_PARTICIPANTS[applyingTrack(journey.track)]}
      exclusions={exclusions({ inspectionRating: journey.school.inspectionRating, otherSubsidies: journey.application?.otherSubsidies ?? [] }).map(
        (e) => e.message,
      )}
      values={values}
      participantRows={state.participantRows ?? defaultRows(values.participants.length, 4, MAX_PARTICIPANT_ROWS)}
      trajectoryRows={journey.track === 'expertschool' ? (state.trajectoryRows ?? defaultRows(values.trajectories.length, 1, MAX_TRAJECTORY_ROWS)) : 0}
      errors={fields}
      general={general}
      notice={state.notice}
      focus={state.focus}
    />,
  );
}

function showClosed(ctx: StepContext, res: Response, explanation?: string): void {
  const application = ctx.journey.application;
  if (application && application.roundId === ctx.link.scope && application.status !== 'draft') {
    sendPage(res, 200, <ApplicationSubmittedPage schoolName={ctx.journey.school.name} application={application} />);
    return;
  }
  sendPage(res, 409, <StepClosedPage title="Aanvragen kan nu niet" explanation={explanation ?? ROUND_OF_LINK_CLOSED} />);
}

/** Rows shown after an action: what was filled, plus what the form showed, plus one when adding. */
function rowsAfter(body: Body, filled: { participants: number; trajectories: number }, intent: string) {
  const participantRows = Math.max(filled.participants, rowsShown(body.participantRows, MAX_PARTICIPANT_ROWS)) + (intent === 'add-participant' ? 1 : 0);
  const trajectoryRows = Math.max(filled.trajectories, rowsShown(body.trajectoryRows, MAX_TRAJECTORY_ROWS)) + (intent === 'add-trajectory' ? 1 : 0);
  return { participantRows: Math.min(participantRows, MAX_PARTICIPANT_ROWS), trajectoryRows: Math.min(trajectoryRows, MAX_TRAJECTORY_ROWS) };
}

export const applicationStep: SchoolStep = {
  async show(ctx, req, res) {
    if (!draftIsOpen(ctx)) return showClosed(ctx, res);
    const saved = req.query.opgeslagen === '1';
    showForm(ctx, res, {
      values: valuesOf(ctx.journey),
      ...(saved ? { notice: 'Uw aanvraag is opgeslagen. U kunt later verder met de link uit uw e-mail.' } : {}),
    });
  },

  async act(ctx, req, res) {
    if (!draftIsOpen(ctx)) return showClosed(ctx, res);
    const body = req.body as Body;
    const intent = intentOf(body);
    const typed = applicationFromForm(body);
    const rows = rowsAfter(body, { participants: typed.participants.length, trajectories: typed.trajectories.length }, intent);
    const asTyped = { values: typed as ApplicationValues, ...rows };

    // Whatever the button, what the school typed is saved first, so nothing is lost.
    const draft = ApplicationDraft.safeParse(typed);
    if (!draft.success) return showForm(ctx, res, { ...asTyped, status: 400, issues: draft.error.issues });
    const saved = await sendAction(ctx, 'saveApplicationDraft', draft.data);
    if (!saved.ok)
      return saved.error.code === 'not_allowed_now'
        ? showClosed(ctx, res, saved.error.message)
        : showForm(ctx, res, { ...asTyped, status: saved.error.status, error: saved.error });

    if (intent === 'submit') {
      const form = ApplicationForm.safeParse(typed);
      if (!form.success)
        return showForm(ctx, res, { ...asTyped, status: 400, issues: form.error.issues, notice: 'Uw aanvraag is opgeslagen, maar nog niet ingediend.' });
      const submitted = await sendAction(ctx, 'submitApplication', form.data);
      if (!submitted.ok) {
        if (submitted.error.code === 'not_allowed_now') return showClosed(ctx, res, submitted.error.message);
        return showForm(ctx, res, {
          ...asTyped,
          status: submitted.error.status,
          error: submitted.error,
          notice: 'Uw aanvraag is opgeslagen, maar nog niet ingediend.',
        });
      }
      res.redirect(303, `/s/${ctx.token}`);
      return;
    }
    if (intent === 'add-participant' || intent === 'add-trajectory') {
      const focus = intent === 'add-participant' ? 'participant' : 'trajectory';
      return showForm(ctx, res, { values: valuesOf(saved.journey), ...rows, focus, notice: 'Opgeslagen. Er is een lege rij bijgekomen.' });
    }
    res.redirect(303, `/s/${ctx.token}?opgeslagen=1`);
  },
};

/** The application rules a journey follows: an ontwikkelschool's, or (for every other track) an expertschool's. */
const applyingTrack = (track: Track): 'expertschool' | 'ontwikkelschool' => (track === 'ontwikkelschool' ? 'ontwikkelschool' : 'expertschool');
