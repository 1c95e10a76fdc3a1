/**
 * Link tokens: the secret in a school's e-mailed link. 256 random bits, sent once in the mail and
 * never stored: the database keeps only their SHA-256 (a fast hash suffices for random secrets of
 * this length; there is nothing to guess from a dictionary).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { JourneyPhase } from '../../domain/journey';
import { z } from '../../domain/zod';

/**
 * The step of a journey a link lets the school take. `enrolment`: choose a learning trajectory, or
 * accept a place offered in one; `form`: fill in one form (a measurement, an evaluation).
 */
export const LinkPurpose = z.enum(['application', 'expert-team', 'conversation', 'enrolment', 'form']);
export type LinkPurpose = z.infer<typeof LinkPurpose>;

/**
 * The longest a link lives. A mail lingers in inboxes and forwards; a school that comes back later
 * asks for a new link from the expired one (it goes to the address we know, not to the asker).
 */
export const LINK_LIFETIME_DAYS = 14;

/** base64url of 32 bytes. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A string that could be a token; anything else is refused without looking it up. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** Where a link leads: the school's page for its step. */
export function linkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/s/${token}`;
}

/** What a link is for, as a mail or page says it: "Uw nieuwe link voor …". */
export const purposeLabel: Record<LinkPurpose, string> = {
  application: 'uw subsidieaanvraag',
  'expert-team': 'het doorgeven van uw expertteam',
  conversation: 'uw gesprek met het programmabureau',
  enrolment: 'de keuze van uw leertraject',
  form: 'het invullen van uw vragenlijst',
};

/**
 * The journey phases in which a link's step can be taken; outside them the link has nothing to do.
 * A form is asked in more than one: the measurements of a learning year, the evaluations of a
 * development group, and the self-evaluation that comes with a registration.
 */
export const purposePhases: Record<LinkPurpose, readonly JourneyPhase[]> = {
  application: ['application'],
  'expert-team': ['aspirant_year'],
  conversation: ['conversation'],
  enrolment: ['enrolment'],
  form: ['learning_year', 'execution', 'registration'],
};
