/**
 * The forms a school is sent by link and answers on its phone: the baseline and final measurement
 * of a learning year, the self-evaluation of a registration, the evaluations of a development
 * group. Each kind declares its statements once; the page, the validation and the report follow.
 */
import { z } from './zod';

export const FormKind = z.enum(['nulmeting', 'eindmeting', 'self_evaluation', 'interim_evaluation', 'final_evaluation']);
export type FormKind = z.infer<typeof FormKind>;

export interface FormDefinition {
  title: string;
  intro: string;
  /** Statements the school scores from 1 (helemaal niet) to 5 (helemaal wel). */
  statements: Record<string, string>;
}

const progressStatements = {
  vision: 'Het team heeft een gedeelde visie op de verbetering die we nastreven.',
  practice: 'Leraren passen de aanpak zichtbaar toe in hun lessen.',
  evidence: 'We verzamelen en bespreken gegevens over het effect op leerlingen.',
  leadership: 'De schoolleiding ondersteunt de verbetering met tijd en middelen.',
  lasting: 'De verbetering is geborgd in het beleid en de werkwijze van de school.',
};

export const formDefinitions: Record<FormKind, FormDefinition> = {
  nulmeting: {
    title: 'Nulmeting',
    intro: 'Waar staat uw school aan het begin van het leertraject? Deze meting is het vertrekpunt voor de eindmeting.',
    statements: progressStatements,
  },
  eindmeting: {
    title: 'Eindmeting',
    intro: 'Waar staat uw school aan het eind van het leertraject? We vergelijken dit met de nulmeting.',
    statements: progressStatements,
  },
  self_evaluation: {
    title: 'Zelfevaluatie van de randvoorwaarden',
    intro: 'Hoe staan de randvoorwaarden voor schoolontwikkeling er op uw school voor?',
    statements: {
      vision: 'De school heeft een heldere visie op onderwijs en ontwikkeling.',
      goals: 'De school heeft concrete doelen voor de komende anderhalf jaar.',
      support: 'Team, schoolleiding en bestuur steunen deelname aan het traject.',
      time: 'Er is tijd vrijgemaakt voor minstens twee vertegenwoordigers en een schoolleider.',
    },
  },
  interim_evaluation: {
    title: 'Tussenevaluatie',
    intro: 'Hoe loopt het traject in uw ontwikkelgroep tot nu toe?',
    statements: {
      meetings: 'Onze school was bij elke groepsbijeenkomst vertegenwoordigd.',
      learning: 'We leren van de andere scholen in de groep.',
      progress: 'We komen dichter bij de doelen die we ons stelden.',
      board: 'Het bestuur is betrokken bij de ontwikkeling.',
    },
  },
  final_evaluation: {
    title: 'Eindevaluatie',
    intro: 'Wat heeft het traject uw school opgeleverd?',
    statements: {
      goals: 'We hebben de doelen bereikt die we ons stelden.',
      students: 'Leerlingen merken de verbetering.',
      lasting: 'De verbetering is geborgd en gaat door na het traject.',
      network: 'We blijven samenwerken met scholen uit de groep.',
    },
  },
};

export const formKindLabel: Record<FormKind, string> = Object.fromEntries(FormKind.options.map((kind) => [kind, formDefinitions[kind].title])) as Record<
  FormKind,
  string
>;

const Score = z
  .number({ message: 'Kies bij elke stelling een score van 1 tot en met 5.' })
  .int({ message: 'Kies bij elke stelling een score van 1 tot en met 5.' })
  .min(1, { message: 'Kies bij elke stelling een score van 1 tot en met 5.' })
  .max(5, { message: 'Kies bij elke stelling een score van 1 tot en met 5.' });

export const AnswerForm = z
  .object({
    kind: FormKind,
    /** What the form is about within the journey (the school year, the evaluation's number), as in the mail's link. */
    scope: z.string().min(1).max(100),
    scores: z.record(z.string().max(50), Score),
    remarks: z.string().trim().max(5_000, { message: 'De toelichting is te lang (maximaal 5.000 tekens).' }).default(''),
  })
  .superRefine((answer, context) => {
    const statements = Object.keys(formDefinitions[answer.kind].statements);
    for (const key of statements) {
      if (answer.scores[key] === undefined)
        context.addIssue({ code: 'custom', path: ['scores', key], message: 'Kies bij deze stelling een score van 1 tot en met 5.' });
    }
    for (const key of Object.keys(answer.scores)) {
      if (!statements.includes(key)) context.addIssue({ code: 'custom', path: ['scores', key], message: 'Deze stelling hoort niet bij dit formulier.' });
    }
  })
  .openapi('AnswerForm');
export type AnswerForm = z.infer<typeof AnswerForm>;

export const FormStatus = z.enum(['requested', 'answered', 'missed']);
export type FormStatus = z.infer<typeof FormStatus>;

export const formStatusLabel: Record<FormStatus, string> = { requested: 'gevraagd', answered: 'ingevuld', missed: 'niet ingevuld' };

/** A form the journey asked its school to fill in, as the journey's view shows it. */
export const FormRequestView = z
  .object({
    kind: FormKind,
    scope: z.string(),
    requestedAt: z.iso.datetime({ offset: true }),
    dueAt: z.iso.datetime({ offset: true }),
    status: FormStatus,
    remindersSent: z.number().int(),
    answer: z.object({ scores: z.record(z.string(), z.number().int()), remarks: z.string(), at: z.iso.datetime({ offset: true }) }).nullable(),
  })
  .openapi('FormRequestView');
export type FormRequestView = z.infer<typeof FormRequestView>;

/** When a form is asked, when it is due, and the days before the due date on which the school is reminded. */
export interface FormMoment {
  kind: FormKind;
  scope: string;
  requestAt: string;
  dueAt: string;
  reminderDaysBefore: readonly number[];
}
