/**
 * Forms a school fills in by link (measurements, evaluations): each is sent at its moment, the
 * school is reminded before the due date, and a form not answered by then is marked as such for
 * the office to follow up. Forms run beside the journey's flow: a school that never answers never
 * holds up its year.
 */
import { condition } from '@temporalio/workflow';
import { daysBeforeInAmsterdam } from '../../domain/amsterdam-time';
import { AnswerForm, type FormMoment, type FormRequestView } from '../../domain/forms';
import { actionOpenWhen } from '../../domain/tracks';
import { answerForm } from '../contracts/journey';
import { RefusalType } from '../contracts/refusals';
import type { Journey } from './kernel';

/** A form asked late (the school joined mid-year) still gets this long to be answered. */
const MINIMUM_DAYS_TO_ANSWER = 21;
const DAY_MS = 24 * 3_600_000;

export function formSteps(journey: Journey) {
  const { state, onAction, onlyWhen, record, notify, refuse, now } = journey;

  const find = (kind: string, scope: string) => state.forms.find((f) => f.kind === kind && f.scope === scope);
  function update(form: FormRequestView): FormRequestView {
    state.forms = state.forms.map((f) => (f.kind === form.kind && f.scope === form.scope ? form : f));
    return form;
  }

  onlyWhen('answerForm', () => actionOpenWhen.answerForm(state));

  onAction(
    answerForm,
    AnswerForm,
    async ({ kind, scope, scores, remarks }) => {
      const form = update({ ...find(kind, scope)!, status: 'answered', answer: { scores, remarks, at: now() } });
      await record({ type: 'form_answered', form }, 'school');
    },
    ({ kind, scope }) => {
      const form = find(kind, scope);
      if (!form) return refuse(RefusalType.notNow, 'Dit formulier is (nog) niet aan de school gevraagd.');
      if (form.status === 'answered') refuse(RefusalType.notNow, 'Dit formulier is al ingevuld. Dank u wel!');
      if (form.status === 'missed') refuse(RefusalType.notNow, 'De termijn voor dit formulier is verstreken. Neem contact op met het programmabureau.');
    },
  );

  /** Waits until the form is answered, the journey stops, or the moment comes; true when answered. */
  async function answeredBefore(form: FormRequestView, moment: string): Promise<boolean> {
    const answered = () => find(form.kind, form.scope)?.status === 'answered';
    const ms = Date.parse(moment) - Date.now();
    if (ms > 0) await condition(() => answered() || state.stopRequest !== null, ms);
    return answered();
  }

  async function ask(moment: FormMoment): Promise<void> {
    const wait = Date.parse(moment.requestAt) - Date.now();
    if (wait > 0 && (await condition(() => state.stopRequest !== null, wait))) return;
    const requestedAt = now();
    const dueAt = new Date(Math.max(Date.parse(moment.dueAt), Date.parse(requestedAt) + MINIMUM_DAYS_TO_ANSWER * DAY_MS)).toISOString();
    const form: FormRequestView = { kind: moment.kind, scope: moment.scope, requestedAt, dueAt, status: 'requested', remindersSent: 0, answer: null };
    state.forms = [...state.forms, form];
    await record({ type: 'form_requested', form }, 'system');
    notify({ kind: 'form-requested', form: { kind: form.kind, scope: form.scope, dueAt } });

    const reminders = [...moment.reminderDaysBefore].sort((a, b) => b - a);
    for (const daysBefore of reminders) {
      const remindAt = daysBeforeInAmsterdam(new Date(dueAt), daysBefore).toISOString();
      if (Date.parse(remindAt) <= Date.now()) continue;
      if ((await answeredBefore(form, remindAt)) || state.stopRequest) return;
      const reminded = update({ ...find(form.kind, form.scope)!, remindersSent: find(form.kind, form.scope)!.remindersSent + 1 });
      await record({ type: 'form_reminded', form: reminded }, 'system');
      notify({ kind: 'form-reminder', form: { kind: form.kind, scope: form.scope, dueAt }, daysBefore });
    }
    if ((await answeredBefore(form, dueAt)) || state.stopRequest) return;
    const missed = update({ ...find(form.kind, form.scope)!, status: 'missed' });
    await record({ type: 'form_missed', form: missed }, 'system');
  }

  /** Sends each form at its moment, all beside the flow; resolves when every one is answered or marked. */
  const askForms = (moments: readonly FormMoment[]): Promise<void> => Promise.all(moments.map(ask)).then(() => undefined);

  return { askForms };
}
