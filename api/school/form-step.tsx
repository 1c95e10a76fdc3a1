/**
 * The form behind a school's link: the one form the link was sent for (its kind and scope), while
 * the journey asks for it and before it is due; once answered, the answers as received.
 */
import type { Response } from 'express';
import { AnswerForm, type FormRequestView } from '../../domain/forms';
import type { SchoolJourneyView } from '../../domain/school-view';
import { parseFormScope, type FormScope } from '../../domain/links';
import { purposePhases } from '../../domain/links';
import { issuesOf } from '../../services/errors';
import { errorsByField, type FormIssue } from '../pages/form-fields';
import { sendPage } from '../pages/render';
import { formAnswerFromForm } from './form-input';
import { FormAnsweredPage, FormPage, FormPastDuePage, type FormValues } from './form-page';
import { StepClosedPage } from './link-refusals';
import { sendAction, type SchoolStep, type StepContext } from './school-step';

const notOpen = (
  <StepClosedPage
    title="Deze vragenlijst staat niet open"
    explanation="De vragenlijst waar deze link bij hoort, wordt op dit moment niet gevraagd. Heeft u vragen, neem dan contact op met het programmabureau."
  />
);

type FormState =
  | { state: 'closed' }
  | { state: 'answered'; request: FormRequestView & { answer: NonNullable<FormRequestView['answer']> } }
  | { state: 'past_due'; request: FormRequestView }
  | { state: 'open'; form: FormScope; request: FormRequestView };

/** What the link's form is now, as the journey sees it. */
function formState({ journey, link }: StepContext, now = Date.now()): FormState {
  const form = parseFormScope(link.scope);
  const request = form ? journey.forms.find((f) => f.kind === form.kind && f.scope === form.scope) : undefined;
  if (!form || !request) return { state: 'closed' };
  if (request.status === 'answered' && request.answer) return { state: 'answered', request: { ...request, answer: request.answer } };
  if (request.status === 'missed' || Date.parse(request.dueAt) <= now) return { state: 'past_due', request };
  return answeringIsOpen(journey) ? { state: 'open', form, request } : { state: 'closed' };
}

function answeringIsOpen(journey: SchoolJourneyView): boolean {
  const phases: readonly string[] = purposePhases.form;
  return phases.includes(journey.phase) && journey.allowedActions.includes('answerForm');
}

/** The page for a form that cannot be filled in (any more). */
function showNotOpen(res: Response, state: Exclude<FormState, { state: 'open' }>): void {
  switch (state.state) {
    case 'answered':
      return sendPage(res, 200, <FormAnsweredPage form={state.request} answer={state.request.answer} justSent={false} />);
    case 'past_due':
      return sendPage(res, 409, <FormPastDuePage form={state.request} />);
    case 'closed':
      return sendPage(res, 409, notOpen);
  }
}

export const formStep: SchoolStep = {
  async show(ctx, _req, res) {
    const current = formState(ctx);
    if (current.state !== 'open') return showNotOpen(res, current);
    sendPage(res, 200, <FormPage token={ctx.token} schoolName={ctx.journey.school.name} form={current.request} />);
  },

  async act(ctx, req, res) {
    const current = formState(ctx);
    if (current.state !== 'open') return showNotOpen(res, current);
    const typed = formAnswerFromForm(req.body as Record<string, unknown>, current.form);
    const values: FormValues = { scores: Object.fromEntries(Object.entries(typed.scores).map(([key, score]) => [key, String(score)])), remarks: typed.remarks };
    const page = (status: number, issues: FormIssue[]) => {
      const { fields, general } = errorsByField(issues);
      sendPage(
        res,
        status,
        <FormPage token={ctx.token} schoolName={ctx.journey.school.name} form={current.request} values={values} errors={fields} general={general} />,
      );
    };

    const input = AnswerForm.safeParse(typed);
    if (!input.success) return page(400, input.error.issues);
    // The input is built from the link's scope; the service checks it against the link all the same.
    const answered = await sendAction(ctx, 'answerForm', input.data);
    if (!answered.ok) {
      if (answered.error.code === 'link_wrong_purpose') {
        return sendPage(res, 403, <StepClosedPage title="Dit kan niet met deze link" explanation={answered.error.message} />);
      }
      if (answered.error.code === 'not_allowed_now') {
        return sendPage(res, 409, <StepClosedPage title="Deze vragenlijst staat niet open" explanation={answered.error.message} />);
      }
      return page(answered.error.status, issuesOf(answered.error));
    }
    const received = answered.journey.forms.find((f) => f.kind === input.data.kind && f.scope === input.data.scope)?.answer;
    const answer = received ?? { scores: input.data.scores, remarks: input.data.remarks, at: new Date().toISOString() };
    sendPage(res, 200, <FormAnsweredPage form={input.data} answer={answer} justSent />);
  },
};
