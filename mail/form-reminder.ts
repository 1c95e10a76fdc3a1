/** To a school that has not filled in a form yet, some days before it is due, with a fresh link. */
import { formatDaysLeft, formatMoment } from './format';
import { inSentence } from './form-requested';
import { renderMail, type RenderedMail } from './layout';
import { formLink, formName, type RequestedForm } from './form-requested';
import { mailKind, notice } from './notice';

export interface FormReminderMail {
  schoolName: string;
  /** The form's name, e.g. "Nulmeting" */
  formTitle: string;
  /** ISO moment the form is due */
  dueAt: string;
  /** Whole days until it is due (the reminder day, e.g. 7 or 2). */
  daysLeft: number;
  actionUrl?: string | undefined;
  linkValidUntil?: string | undefined;
}

export function renderFormReminder(data: FormReminderMail): RenderedMail {
  const due = formatMoment(data.dueAt);
  const name = inSentence(data.formTitle);
  return renderMail({
    subject: `Herinnering: de ${name} is nog niet ingevuld`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [`We hebben de ${name} van uw school nog niet ontvangen. U heeft ${formatDaysLeft(data.daysLeft)}: graag vóór ${due}.`],
    action: { line: `Vul de ${name} in vóór ${due}.`, label: `${data.formTitle} invullen`, url: data.actionUrl, validUntil: data.linkValidUntil },
    after: ['Heeft u de vragenlijst net ingevuld? Dan kunt u deze e-mail negeren.'],
  });
}

export const formReminderSample: FormReminderMail = {
  schoolName: 'De Regenboog',
  formTitle: 'Nulmeting',
  dueAt: '2027-10-01T07:00:00.000Z',
  daysLeft: 7,
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
  linkValidUntil: '2027-10-01T07:00:00.000Z',
};

export const formReminder = mailKind({
  file: 'form-reminder',
  render: renderFormReminder,
  samples: [{ id: 'form-reminder', title: 'Herinnering: vragenlijst nog niet ingevuld', data: formReminderSample }],
  notice: notice<{ form: RequestedForm; daysBefore: number }>()({
    kind: 'form-reminder',
    purpose: ({ form, daysBefore }) => `form-reminder-${daysBefore}d/${form.kind}-${form.scope}`,
    // A fresh link: the first one may have expired (links live two weeks; a form is due later).
    // The earlier one keeps working until then; whichever is used first, the form is answered once.
    link: ({ form }) => formLink(form),
    compose: ({ form, daysBefore }, { schoolName }, link) => ({
      mail: renderFormReminder({ schoolName, formTitle: formName(form), dueAt: form.dueAt, daysLeft: daysBefore, ...link }),
    }),
  }),
});
