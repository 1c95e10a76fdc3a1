/**
 * Office sessions: a random token in an HttpOnly cookie, its SHA-256 in the database, a fixed
 * lifetime, and a CSRF token for the forms of that session.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db';
import { verifyPassword } from './password';
import { StaffRole, type StaffMember } from './staff-member';

export const SESSION_HOURS = 10;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A session's id (its row) from the cookie's token. */
export const sessionIdOf = hash;

export interface Session {
  staff: StaffMember;
  csrfToken: string;
}

/** Same work whether or not the address exists, so timing does not tell which addresses have accounts. */
const NO_SUCH_ACCOUNT = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** Checks the address and password; answers the new session's cookie token, or null. */
export async function signIn(db: Db, email: string, password: string, now = new Date()): Promise<{ token: string; session: Session } | null> {
  const member = await db.staffMember.findUnique({ where: { email: email.trim().toLowerCase() } });
  const valid = await verifyPassword(password, member?.passwordHash ?? NO_SUCH_ACCOUNT);
  if (!member || !valid || member.disabledAt) return null;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.staffSession.create({
    data: { id: hash(token), staffId: member.id, csrfToken, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000) },
  });
  return { token, session: { staff: toStaff(member), csrfToken } };
}

export async function findSession(db: Db, token: string | undefined, now = new Date()): Promise<Session | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db.staffSession.findUnique({ where: { id: hash(token) }, include: { staff: true } });
  if (!row || row.expiresAt <= now || row.staff.disabledAt) return null;
  return { staff: toStaff(row.staff), csrfToken: row.csrfToken };
}

export async function signOut(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.staffSession.deleteMany({ where: { id: hash(token) } });
}

function toStaff(row: { id: string; email: string; name: string; role: string }): StaffMember {
  return { id: row.id, email: row.email, name: row.name, role: StaffRole.parse(row.role) };
}
