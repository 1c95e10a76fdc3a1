/**
 * The registration behind a school's link for the school development trajectory: the mail of a
 * cohort's registration carries a `form` link for the self-evaluation (`self_evaluation/<cohortId>`),
 * and that link opens the whole registration, of which the self-evaluation is one part. While the
 * registration is open the page is the form; once sent, where the school stands.
 */
import type { Response } from 'express';
import { SubmitRegistration, type RegistrationView } from '../../domain/cohort';
import { AnswerForm } from '../../domain/forms';
import type { SchoolJourneyView } from '../../domain/school-view';
import { parseFormScope } from '../../domain/links';
import type { LinkGrant } from '../../services/links/open-link';
import { issuesOf } from '../../services/errors';
import { errorsByField, type FormIssue } from '../pages/form-fields';
import { text } from '../pages/form-text';
import { sendPage } from '../pages/render';
import { formAnswerFromForm } from './form-input';
import { StepClosedPage } from './link-refusals';
import { RegistrationClosedPage, RegistrationEndedPage, RegistrationPage, RegistrationStandingPage, type RegistrationValues } from './registration-page';
import { sendAction, type SchoolStep, type StepContext } from './school-step';

/** The link of a registration mail: a form link for the self-evaluation (the JSON API accepts the registration with the same links). */
export const isRegistrationLink = (link: Pick<LinkGrant, 'purpose' | 'scope'>): boolean =>
  link.purpose === 'form' && parseFormScope(link.scope)?.kind === 'self_evaluation';

const notOpen = (
  <StepClosedPage
    title="Deze aanmelding staat niet open"
    explanation="De aanmelding waar deze link bij hoort, wordt op dit moment niet gevraagd. Heeft u vragen, neem dan contact op met het programmabureau."
  />
);

/** Between sending and the cohort's answer, a second send is refused; the page says why rather than that it is closed. */
const beingProcessed = (
  <StepClosedPage
    title="Uw aanmelding wordt verwerkt"
    explanation="Uw aanmelding is net verstuurd en wordt verwerkt. Laad deze pagina over een moment opnieuw."
  />
);

type Submitted = RegistrationView & { submittedAt: string };

type RegistrationState =
  | { state: 'not_open' }
  | { state: 'open'; registration: RegistrationView }
  | { state: 'processing' }
  | { state: 'closed'; registration: RegistrationView }
  | { state: 'ended'; registration: RegistrationView; reason: string | null }
  | { state: 'sent'; registration: Submitted };

/** What the link's registration is now, as the journey sees it. */
export function registrationState({ journey, link }: Pick<StepContext, 'journey' | 'link'>, now = Date.now()): RegistrationState {
  const form = parseFormScope(link.scope);
  const registration = journey.registration;
  if (form?.kind !== 'self_evaluation' || !registration || registration.cohortId !== form.scope) return { state: 'not_open' };
  if (journey.phase === 'closed') {
    // Only the programme's own reasons are the school's to read (no place came free, not registered in time); the office's notes are not.
    const reason = journey.outcome?.outcome === 'dropped_out' ? journey.outcome.reason : null;
    return { state: 'ended', registration, reason };
  }
  if (registration.submittedAt !== null) return { state: 'sent', registration: { ...registration, submittedAt: registration.submittedAt } };
  if (Date.parse(registration.registrationClosesAt) <= now) return { state: 'closed', registration };
  return journey.phase === 'registration' && journey.allowedActions.includes('submitRegistration') ? { state: 'open', registration } : { state: 'processing' };
}

/** The self-evaluation that came with the registration, as the journey keeps it among its forms. */
function selfEvaluationOf(journey: SchoolJourneyView, cohortId: string) {
  return journey.forms.find((f) => f.kind === 'self_evaluation' && f.scope === cohortId)?.answer ?? undefined;
}

function showStanding(res: Response, journey: SchoolJourneyView, registration: Submitted, justSent: boolean): void {
  sendPage(
    res,
    200,
    <RegistrationStandingPage
      schoolName={journey.school.name}
      registration={registration}
      selfEvaluation={selfEvaluationOf(journey, registration.cohortId)}
      groupTheme={journey.developmentGroup?.theme}
      justSent={justSent}
    />,
  );
}

/** The page for a registration that cannot be filled in (any more). */
function showNotOpen(res: Response, journey: SchoolJourneyView, current: Exclude<RegistrationState, { state: 'open' }>): void {
  switch (current.state) {
    case 'sent':
      return showStanding(res, journey, current.registration, false);
    case 'closed':
      return sendPage(res, 409, <RegistrationClosedPage registration={current.registration} />);
    case 'ended':
      return sendPage(res, 409, <RegistrationEndedPage registration={current.registration} reason={current.reason} />);
    case 'processing':
      return sendPage(res, 409, beingProcessed);
    case 'not_open':
      return sendPage(res, 409, notOpen);
  }
}

const object = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {});

/**
 * The registration as posted (`theme`, `secondTheme`, `selfEvaluation[scores][key]`,
 * `selfEvaluation[remarks]`, `schoolLeader[name]`, `schoolLeader[email]`) in the shape of
 * SubmitRegistration. Nothing is validated here: "no second theme" is the empty choice, and
 * the schema names every other problem.
 */
export function registrationFromForm(body: Record<string, unknown>, cohortId: string) {
  const evaluation = formAnswerFromForm(object(body.selfEvaluation), { kind: 'self_evaluation', scope: cohortId });
  const leader = object(body.schoolLeader);
  const secondTheme = text(body.secondTheme).trim();
  return {
    theme: text(body.theme).trim(),
    secondTheme: secondTheme === '' ? null : secondTheme,
    selfEvaluation: { scores: evaluation.scores, remarks: evaluation.remarks },
    schoolLeader: { name: text(leader.name), email: text(leader.email).trim() },
  };
}

const THEME_NOT_CHOSEN = 'Kies het thema waaraan uw school wil werken.';

/**
 * Every problem with the registration at once. SubmitRegistration checks the statements in a
 * refinement, which zod skips while another field is wrong; the self-evaluation's own schema
 * (AnswerForm, the same rules for the same statements) names the missing scores meanwhile. The
 * enum's message lists codes, so a theme left open gets words a school leader reads.
 */
export function checkRegistration(
  typed: ReturnType<typeof registrationFromForm>,
  cohortId: string,
): { ok: true; input: SubmitRegistration } | { ok: false; issues: FormIssue[] } {
  const parsed = SubmitRegistration.safeParse(typed);
  if (parsed.success) return { ok: true, input: parsed.data };
  const evaluation = AnswerForm.safeParse({ kind: 'self_evaluation', scope: cohortId, ...typed.selfEvaluation });
  const evaluationIssues = evaluation.success ? [] : evaluation.error.issues.map((issue) => ({ ...issue, path: ['selfEvaluation', ...issue.path] }));
  const issues = parsed.error.issues.map((issue) => (issue.path.join('.') === 'theme' && typed.theme === '' ? { ...issue, message: THEME_NOT_CHOSEN } : issue));
  return { ok: false, issues: [...issues, ...evaluationIssues] };
}

export const registrationStep: SchoolStep = {
  async show(ctx, _req, res) {
    const current = registrationState(ctx);
    if (current.state !== 'open') return showNotOpen(res, ctx.journey, current);
    sendPage(res, 200, <RegistrationPage token={ctx.token} schoolName={ctx.journey.school.name} registration={current.registration} />);
  },

  async act(ctx, req, res) {
    const current = registrationState(ctx);
    if (current.state !== 'open') return showNotOpen(res, ctx.journey, current);
    const { registration } = current;
    const typed = registrationFromForm(req.body as Record<string, unknown>, registration.cohortId);
    const values: RegistrationValues = {
      theme: typed.theme,
      secondTheme: typed.secondTheme ?? '',
      scores: Object.fromEntries(Object.entries(typed.selfEvaluation.scores).map(([key, score]) => [key, String(score)])),
      remarks: typed.selfEvaluation.remarks,
      leaderName: typed.schoolLeader.name,
      leaderEmail: typed.schoolLeader.email,
    };
    const page = (status: number, issues: FormIssue[]) => {
      const { fields, general } = errorsByField(issues);
      sendPage(
        res,
        status,
        <RegistrationPage
          token={ctx.token}
          schoolName={ctx.journey.school.name}
          registration={registration}
          values={values}
          errors={fields}
          general={general}
        />,
      );
    };

    const checked = checkRegistration(typed, registration.cohortId);
    if (!checked.ok) return page(400, checked.issues);
    const sent = await sendAction(ctx, 'submitRegistration', checked.input);
    if (!sent.ok) {
      // Sent already (another tab), closed meanwhile, or refused by the cohort: the workflow's words.
      if (sent.error.code === 'not_allowed_now') {
        return sendPage(res, 409, <StepClosedPage title="Uw aanmelding is niet verwerkt" explanation={sent.error.message} />);
      }
      return page(sent.error.status, issuesOf(sent.error));
    }
    const received = sent.journey.registration;
    // Shown here rather than after a redirect: a spent link would open the "used" page.
    if (received?.submittedAt) return showStanding(res, sent.journey, { ...received, submittedAt: received.submittedAt }, true);
    sendPage(res, 200, <StepClosedPage title="Uw aanmelding is ontvangen" explanation="Het programmabureau laat u weten of uw school een plaats heeft." />);
  },
};
