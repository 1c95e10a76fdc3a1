/**
 * Turns what a browser posts (application/x-www-form-urlencoded, parsed with `qs`: names such as
 * participants[2][email]) into the input the domain's zod schemas expect. Nothing is validated
 * here: the schemas do that, so a page and the JSON API refuse exactly the same things.
 */
import { SectionKey } from '../../domain/application';
import { formDefinitions, type FormKind } from '../../domain/forms';
import { text } from '../pages/form-text';

type Row = Record<string, string>;

/** `qs` makes rows an array up to 20 entries and an object keyed by index beyond: both read in order. */
export function formRows(value: unknown): Row[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value)
    ? value.map((row, index) => [index, row] as const)
    : Object.entries(value).map(([key, row]) => [Number(key), row] as const);
  return entries
    .filter(([index, row]) => Number.isInteger(index) && index >= 0 && row !== null && typeof row === 'object')
    .sort(([a], [b]) => a - b)
    .map(([, row]) => Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([key, v]) => [key, text(v)])));
}

/** A row the school left empty is not a row. */
function filled(row: Row): boolean {
  return Object.values(row).some((value) => value.trim() !== '');
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(text).filter((v) => v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

export function participantsFromForm(value: unknown): { name: string; email: string; role: string }[] {
  return formRows(value)
    .filter(filled)
    .map((row) => ({ name: text(row.name), email: text(row.email).trim(), role: text(row.role) }));
}

/** A number as typed; anything else is passed on as typed, for the schema to name the problem. */
function whole(value: string): number | string {
  return /^\s*\d{1,6}\s*$/.test(value) ? Number(value) : value;
}

export function applicationFromForm(body: Record<string, unknown>) {
  const sections = (body.sections ?? {}) as Record<string, unknown>;
  return {
    participants: participantsFromForm(body.participants),
    sections: Object.fromEntries(SectionKey.options.map((key) => [key, text(sections[key])]).filter(([, content]) => content!.trim() !== '')),
    trajectories: formRows(body.trajectories)
      .filter(filled)
      .map((row) => ({ title: text(row.title), places: whole(text(row.places)) })),
    otherSubsidies: list(body.otherSubsidies),
  };
}

/** How many rows the form showed, from its hidden field, within sane bounds. */
export function rowsShown(value: unknown, max: number): number {
  const count = Number(text(value));
  return Number.isInteger(count) && count >= 0 ? Math.min(count, max) : 0;
}

export function intentOf(body: Record<string, unknown>): string {
  return text(body.intent) || 'save';
}

/**
 * A form's answers as posted: the score of each of its statements (radio buttons `scores[key]`)
 * and the remarks. A statement left open is left out, for the schema to name; only the form's own
 * statements are read.
 */
export function formAnswerFromForm(body: Record<string, unknown>, form: { kind: FormKind; scope: string }) {
  const posted = body.scores !== null && typeof body.scores === 'object' ? (body.scores as Record<string, unknown>) : {};
  const typed = Object.keys(formDefinitions[form.kind].statements)
    .map((key) => [key, text(posted[key]).trim()] as const)
    .filter(([, value]) => value !== '');
  return {
    kind: form.kind,
    scope: form.scope,
    scores: Object.fromEntries(typed.map(([key, value]) => [key, whole(value)])),
    remarks: text(body.remarks),
  };
}
