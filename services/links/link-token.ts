/**
 * Link tokens: the secret in a school's e-mailed link. 256 random bits, sent once in the mail and
 * never stored: the database keeps only their SHA-256 (a fast hash suffices for random secrets of
 * this length; there is nothing to guess from a dictionary).
 */
import { createHash, randomBytes } from 'node:crypto';

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
