/**
 * Link tokens against PostgreSQL: how long a link lives, and the order in which a link that is
 * wrong in more than one way is refused (unknown → revoked → used → case closed → expired).
 */
import { randomUUID } from 'node:crypto';
import { issueLink } from '../../services/links/issue-link';
import { LINK_LIFETIME_DAYS } from '../../domain/links';
import { hashToken } from '../../services/links/link-token';
import { openLink } from '../../services/links/open-link';
import { revokeLinks } from '../../services/links/revoke-links';
import { createTestDatabase } from '../support/database';
import { createDb, type Db } from '../../platform/db';
import { createSchool } from '../support/fixtures';
import { TEST_PUBLIC_URL } from '../support/time-skipping';

const DAY = 86_400_000;
let db: Db;
beforeAll(async () => {
  // A database of its own: the migrated one is the template other files copy theirs from.
  db = createDb(await createTestDatabase());
});
afterAll(async () => {
  await db?.$disconnect();
});

async function journeyInPhase(phase: string): Promise<string> {
  const school = await createSchool(db);
  const id = `journey-expertschool-${school.brin}`;
  await db.journey.create({ data: { id, brin: school.brin, track: 'expertschool', cycle: 0, phase, lastStep: 1 } });
  return id;
}

function issue(journeyId: string, stepEndsAt: Date, now = new Date()) {
  return db.$transaction((tx) => issueLink(tx, TEST_PUBLIC_URL, { journeyId, purpose: 'application', scope: 'voorjaar', stepEndsAt, singleUse: false }, now));
}

test('a link lives at most two weeks, and never beyond the end of its step', async () => {
  const journeyId = await journeyInPhase('application');
  const now = new Date();
  const long = await issue(journeyId, new Date(now.getTime() + 60 * DAY), now);
  expect(long.expiresAt.getTime()).toBe(now.getTime() + LINK_LIFETIME_DAYS * DAY);
  const short = await issue(journeyId, new Date(now.getTime() + 3 * DAY), now);
  expect(short.expiresAt.getTime()).toBe(now.getTime() + 3 * DAY);
  expect(long.url).toBe(`${TEST_PUBLIC_URL}/s/${long.token}`);
  expect(long.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // Only the hash is stored, and two links never share a token.
  expect(await db.linkToken.findUnique({ where: { id: long.id } })).toMatchObject({ tokenHash: hashToken(long.token) });
  expect(long.token).not.toBe(short.token);
});

test('a valid link opens with its case and step; a token that does not exist or cannot is unknown', async () => {
  const journeyId = await journeyInPhase('application');
  const link = await issue(journeyId, new Date(Date.now() + 10 * DAY));
  expect(await openLink(db, link.token)).toMatchObject({ status: 'valid', link: { id: link.id, journeyId, purpose: 'application', scope: 'voorjaar' } });
  expect(await openLink(db, 'x'.repeat(43))).toEqual({ status: 'unknown' });
  expect(await openLink(db, `${link.token}=`)).toEqual({ status: 'unknown' });
  expect(await openLink(db, '')).toEqual({ status: 'unknown' });
});

test('a link wrong in several ways is refused for the first reason in the order', async () => {
  const past = new Date(Date.now() - DAY);
  const expiredAnd = async (change: 'revoked' | 'used' | 'closed') => {
    const journeyId = await journeyInPhase(change === 'closed' ? 'closed' : 'application');
    const link = await issue(journeyId, new Date(Date.now() + 10 * DAY));
    await db.linkToken.update({ where: { id: link.id }, data: { expiresAt: past } });
    if (change === 'revoked') await revokeLinks(db, { journeyId, revokedBy: 'Anna Visser' });
    if (change === 'used') await db.linkToken.update({ where: { id: link.id }, data: { usedAt: new Date() } });
    return openLink(db, link.token);
  };
  expect(await expiredAnd('revoked')).toEqual({ status: 'revoked' });
  expect(await expiredAnd('used')).toEqual({ status: 'used' });
  expect(await expiredAnd('closed')).toEqual({ status: 'closed' });

  const journeyId = await journeyInPhase('application');
  const link = await issue(journeyId, new Date(Date.now() + 10 * DAY));
  await db.linkToken.update({ where: { id: link.id }, data: { expiresAt: past } });
  expect(await openLink(db, link.token)).toEqual({ status: 'expired', linkId: link.id });
});

test('revoking takes the live links of one step, or all of them, and leaves used ones as they are', async () => {
  const journeyId = await journeyInPhase('application');
  const a = await issue(journeyId, new Date(Date.now() + 10 * DAY));
  const b = await issue(journeyId, new Date(Date.now() + 10 * DAY));
  await db.linkToken.update({ where: { id: b.id }, data: { usedAt: new Date() } });
  await db.$transaction((tx) =>
    issueLink(tx, TEST_PUBLIC_URL, { journeyId, purpose: 'conversation', scope: '0-1', stepEndsAt: new Date(Date.now() + DAY), singleUse: true }),
  );
  expect(await revokeLinks(db, { journeyId, purpose: 'application', revokedBy: 'Anna Visser' })).toBe(1);
  expect(await openLink(db, a.token)).toEqual({ status: 'revoked' });
  expect(await openLink(db, b.token)).toEqual({ status: 'used' });
  expect(await revokeLinks(db, { journeyId, revokedBy: 'Anna Visser' })).toBe(1);
  expect(await revokeLinks(db, { journeyId: `journey-expertschool-${randomUUID().slice(0, 4)}`, revokedBy: 'Anna Visser' })).toBe(0);
});

test('revoking one part of a step (a scope) leaves its other parts live; inside a transaction, with the link that replaces it', async () => {
  const journeyId = await journeyInPhase('conversation');
  const link = (scope: string) => ({ journeyId, purpose: 'conversation' as const, scope, stepEndsAt: new Date(Date.now() + DAY), singleUse: true });
  const first = await db.$transaction((tx) => issueLink(tx, TEST_PUBLIC_URL, link('0-1')));
  const other = await db.$transaction((tx) => issueLink(tx, TEST_PUBLIC_URL, link('1-1')));
  const second = await db.$transaction(async (tx) => {
    expect(await revokeLinks(tx, { journeyId, purpose: 'conversation', scope: '0-1', revokedBy: 'system: new moment planned' })).toBe(1);
    return issueLink(tx, TEST_PUBLIC_URL, link('0-2'));
  });
  expect(await openLink(db, first.token)).toEqual({ status: 'revoked' });
  expect(await openLink(db, other.token)).toMatchObject({ status: 'valid' });
  expect(await openLink(db, second.token)).toMatchObject({ status: 'valid' });
});
