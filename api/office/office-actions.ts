/**
 * The office's forms on a case page, each turned into the input of one journey action. The
 * form's fields are plain strings; the action's schema (via takeJourneyAction) checks them.
 */
import { amsterdamInstant, amsterdamIso } from '../../domain/amsterdam-time';

type Body = Record<string, unknown>;
const text = (body: Body, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
const whole = (value: string) => (/^\s*\d{1,4}\s*$/.test(value) ? Number(value) : value);

/** A datetime-local value ("2027-01-12T10:00") is Amsterdam wall-clock time; anything else (2026-02-30) is left for the schema to refuse. */
function amsterdamMoment(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return value;
  const instant = amsterdamInstant(value);
  return Number.isNaN(instant.getTime()) ? value : amsterdamIso(instant);
}

/** Per journey action (its URL segment): the input a posted form stands for. */
export const officeFormInput: Record<string, (body: Body) => unknown> = {
  'conversation-plan': (b) => ({
    startsAt: amsterdamMoment(text(b, 'startsAt')),
    durationMinutes: whole(text(b, 'durationMinutes') || '60'),
    location: text(b, 'location'),
  }),
  'conversation-report': (b) => ({ conductedOn: text(b, 'conductedOn'), report: text(b, 'report') }),
  'intake-outcome': (b) => ({ outcome: text(b, 'outcome'), notes: text(b, 'notes') }),
  decision: (b) => ({ decision: text(b, 'decision'), reason: text(b, 'reason') }),
  'aspirant-outcome': (b) => ({ outcome: text(b, 'outcome'), reason: text(b, 'reason') }),
  cancel: (b) => ({ reason: text(b, 'reason') }),
};
