/**
 * The codes Koers keeps that a person must never read: every value of the domain's enums (zod
 * schemas), every key of a label table, and the few inline code lists beside them. A page, mail or
 * CSV that shows one of these as a whole word (or any snake_case token) shows a code instead of its
 * Dutch label.
 */
import * as application from '../../domain/application';
import * as cohort from '../../domain/cohort';
import * as developmentGroups from '../../domain/development-groups';
import * as forms from '../../domain/forms';
import * as hub from '../../domain/hub';
import * as journey from '../../domain/journey';
import { allLabelTables } from '../../domain/labels';
import * as round from '../../domain/round';
import * as school from '../../domain/school';
import * as linkToken from '../../services/links/link-token';
import * as staff from '../../services/staff/staff-member';

/**
 * Codes that are Dutch words (or the abbreviations everyone in Dutch education reads), so prose
 * may use them: the sectors PO/VO/SO, the track names expertschool and ontwikkelschool, and plain
 * words such as intake, school, open, goed. Any code whose Dutch label is the code itself is
 * allowed as well (see allowedCodes).
 */
export const DUTCH_CODES: readonly string[] = [
  'PO',
  'VO',
  'SO',
  'expertschool',
  'ontwikkelschool',
  'intake',
  'school',
  'open',
  'goed',
  'voldoende',
  'onvoldoende',
  'nulmeting',
  'eindmeting',
  'webinar',
  'training',
  'start',
  'stop',
  'deadline',
  'schoolontwikkeling', // the track's id, and the plain Dutch word for what it is about
];

/** Code lists written inline in schemas (not exported as an enum of their own). */
const INLINE_CODES = ['all', 'pending', 'sent', 'overdue', 'stuck', 'form_missed', 'deadline', 'full', 'placed', 'waiting', 'enrolled', 'offered'];

function enumValues(module: Record<string, unknown>): string[] {
  return Object.values(module).flatMap((value) => {
    const options = (value as { options?: unknown } | null)?.options;
    return Array.isArray(options) && options.every((o) => typeof o === 'string') ? (options as string[]) : [];
  });
}

export function allCodes(): string[] {
  const fromEnums = [application, cohort, developmentGroups, forms, hub, journey, round, school, linkToken, staff].flatMap((m) =>
    enumValues(m as Record<string, unknown>),
  );
  const fromLabels = Object.values(allLabelTables).flatMap((table) => Object.keys(table));
  return [...new Set([...fromEnums, ...fromLabels, ...INLINE_CODES])].sort();
}

export function allowedCodes(): Set<string> {
  const sameAsLabel = Object.values(allLabelTables).flatMap((table) =>
    Object.entries(table)
      .filter(([code, label]) => code.toLowerCase() === label.toLowerCase())
      .map(([code]) => code),
  );
  return new Set([...DUTCH_CODES, ...sameAsLabel]);
}

/** The codes a person may not read. */
export function forbiddenCodes(): string[] {
  const allowed = allowedCodes();
  return allCodes().filter((code) => !allowed.has(code));
}

/** A page's or mail's readable text: no scripts, styles or tags, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style|title)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');
}

/** Each code (or snake_case token) the text shows as a whole word, with a little context to find it by. */
export function rawCodesIn(text: string, codes: readonly string[] = forbiddenCodes()): string[] {
  const found: string[] = [];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const word = (pattern: string) => new RegExp(`(?<![\\p{L}\\p{N}_./@-])(${pattern})(?![\\p{L}\\p{N}_@-]|\\.[\\p{L}])`, 'giu');
  for (const code of codes) {
    for (const match of text.matchAll(word(escape(code))))
      found.push(`${code} in “…${text.slice(Math.max(0, match.index - 40), match.index + code.length + 40)}…”`);
  }
  for (const match of text.matchAll(word('[a-z]+(?:_[a-z0-9]+)+')))
    found.push(`${match[1]} in “…${text.slice(Math.max(0, match.index - 40), match.index + match[1]!.length + 40)}…”`);
  return [...new Set(found)];
}
