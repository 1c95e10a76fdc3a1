/** To a school that is asked to fill in a form (a measurement, an evaluation): what, until when, and the link. */
import { formDefinitions, type FormKind } from '../domain/forms';
import { formatMoment } from './format';
import { renderMail, type RenderedMail } from './layout';
import type { LinkPolicy } from '../domain/links';
import { formScope } from '../domain/links';
import { mailKind, notice } from './notice';

/** A form as a school reads its name: "Nulmeting", or "Tussenevaluatie 2" when there is more than one of its kind. */
export function formName(form: { kind: FormKind; scope: string }): string {
  const { title } = formDefinitions[form.kind];
  return form.kind === 'interim_evaluation' && /^\d+$/.test(form.scope) ? `${title} ${form.scope}` : title;
}

/** "Nulmeting" in the middle of a sentence: "vul de nulmeting in". */
export const inSentence = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

export interface FormRequestedMail {
  schoolName: string;
  /** The form's name, e.g. "Nulmeting" */
  formTitle: string;
  /** What the form is about, as its page says it. */
  intro: string;
  /** How many statements the school scores. */
  statements: number;
  /** ISO moment the form is due */
  dueAt: string;
  actionUrl?: string | undefined;
  linkValidUntil?: string | undefined;
}

export function renderFormRequested(data: FormRequestedMail): RenderedMail {
  const due = formatMoment(data.dueAt);
  const name = inSentence(data.formTitle);
  return renderMail({
    subject: `Wilt u de ${name} invullen vóór ${due}?`,
    greeting: `Beste schoolleiding van ${data.schoolName},`,
    paragraphs: [
      data.intro,
      `De ${name} bestaat uit ${data.statements} stellingen. Bij elke stelling kiest u een score van 1 (helemaal niet) tot 5 (helemaal wel); daarna kunt u nog een toelichting geven. Het invullen kost een paar minuten, ook op uw telefoon.`,
    ],
    action: { line: `Vul de ${name} in vóór ${due}.`, label: `${data.formTitle} invullen`, url: data.actionUrl, validUntil: data.linkValidUntil },
    after: ['U verstuurt de vragenlijst één keer; daarna kunt u uw antwoorden niet meer wijzigen.'],
  });
}

export const formRequestedSample: FormRequestedMail = {
  schoolName: 'De Regenboog',
  formTitle: formDefinitions.nulmeting.title,
  intro: formDefinitions.nulmeting.intro,
  statements: Object.keys(formDefinitions.nulmeting.statements).length,
  dueAt: '2027-10-01T07:00:00.000Z',
  actionUrl: 'https://koers.ontwikkelkracht.example/s/voorbeeld',
  linkValidUntil: '2027-09-15T07:00:00.000Z',
};

/** A form the school is asked to fill in, as a notice names it. */
export interface RequestedForm {
  kind: FormKind;
  scope: string;
  /** ISO moment the form is due: its link works until then. */
  dueAt: string;
}

/** One form, answered once, until it is due. */
export function formLink(form: RequestedForm): LinkPolicy {
  return { purpose: 'form', scope: formScope(form), stepEndsAt: new Date(form.dueAt), singleUse: true };
}

export const formRequested = mailKind({
  file: 'form-requested',
  render: renderFormRequested,
  samples: [{ id: 'form-requested', title: 'Vragenlijst invullen (nulmeting, eindmeting, evaluatie)', data: formRequestedSample }],
  notice: notice<{ form: RequestedForm }>()({
    kind: 'form-requested',
    purpose: ({ form }) => `form-requested/${form.kind}-${form.scope}`,
    link: ({ form }) => formLink(form),
    compose: ({ form }, { schoolName }, link) => {
      const definition = formDefinitions[form.kind];
      const statements = Object.keys(definition.statements).length;
      return { mail: renderFormRequested({ schoolName, formTitle: formName(form), intro: definition.intro, statements, dueAt: form.dueAt, ...link }) };
    },
  }),
});
