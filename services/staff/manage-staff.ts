/**
 * Admins manage the office's accounts (list, change a role, disable, reset a password) and every
 * member changes their own password: one implementation for the pages and the JSON API. The office
 * always keeps an active admin, and a disabled account's sessions end at once.
 */
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import { generatePassword, hashPassword, verifyPassword } from './password';
import { sessionIdOf } from './sessions';
import { createStaffMember, StaffRole, type NewStaffMember, type StaffMember } from './staff-member';

export const MIN_PASSWORD_LENGTH = 12;

/** Why a change to an account is refused: the message is Dutch, `field` the form field it is about. */
export class StaffChangeRefused extends Error {
  constructor(
    readonly reason: 'not_found' | 'last_admin' | 'own_account' | 'wrong_password',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const StaffAccount = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: StaffRole,
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('StaffAccount');
export type StaffAccount = z.infer<typeof StaffAccount>;

export const RoleChange = z.object({ role: z.enum(StaffRole.options, { message: 'Kies een rol.' }) }).openapi('RoleChange');
export type RoleChange = z.infer<typeof RoleChange>;

export const PasswordChange = z
  .object({
    currentPassword: z.string().min(1, { message: 'Vul uw huidige wachtwoord in.' }).max(1_000),
    newPassword: z
      .string()
      .min(MIN_PASSWORD_LENGTH, { message: `Een wachtwoord heeft minstens ${MIN_PASSWORD_LENGTH} tekens.` })
      .max(1_000, { message: 'Een wachtwoord heeft hoogstens 1000 tekens.' }),
    repeatPassword: z.string().max(1_000),
  })
  .refine((change) => change.newPassword === change.repeatPassword, {
    path: ['repeatPassword'],
    message: 'Het herhaalde wachtwoord is niet hetzelfde als het nieuwe.',
  })
  .openapi('PasswordChange');
export type PasswordChange = z.infer<typeof PasswordChange>;

export const StaffId = z.uuid({ message: 'Onbekend account.' });

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const accountOf = (row: { id: string; email: string; name: string; role: string; disabledAt: Date | null; createdAt: Date }): StaffAccount => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: StaffRole.parse(row.role),
  disabled: row.disabledAt !== null,
  createdAt: row.createdAt.toISOString(),
});

export async function listStaff(db: Db): Promise<StaffAccount[]> {
  const rows = await db.staffMember.findMany({ orderBy: [{ name: 'asc' }, { email: 'asc' }] });
  return rows.map(accountOf);
}

/** One account, or undefined when the id names none (or is no account id at all). */
export async function findStaffAccount(db: Db, staffId: string): Promise<StaffAccount | undefined> {
  const id = StaffId.safeParse(staffId);
  const row = id.success ? await db.staffMember.findUnique({ where: { id: id.data } }) : null;
  return row ? accountOf(row) : undefined;
}

/**
 * Locks the active admins' rows, then the account itself: two admins demoting each other at once
 * wait for one another, so the second sees the first's change and the office keeps an admin.
 */
async function lockAccount(tx: Tx, staffId: string) {
  await tx.$queryRaw`SELECT id FROM "StaffMember" WHERE role = 'admin' AND "disabledAt" IS NULL ORDER BY id FOR UPDATE`;
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "StaffMember" WHERE id = ${staffId} FOR UPDATE`;
  if (!rows.length) throw new StaffChangeRefused('not_found', 'Dit account bestaat niet.');
  return (await tx.staffMember.findUnique({ where: { id: staffId } }))!;
}

async function refuseLastAdmin(tx: Tx, account: { id: string; role: string; disabledAt: Date | null }, what: string): Promise<void> {
  if (account.role !== 'admin' || account.disabledAt) return;
  const others = await tx.staffMember.count({ where: { role: 'admin', disabledAt: null, id: { not: account.id } } });
  if (others === 0) {
    throw new StaffChangeRefused('last_admin', `Dit is de laatste actieve beheerder: ${what} kan pas als er een andere beheerder is.`);
  }
}

export async function changeRole(db: Db, staffId: string, role: StaffRole): Promise<StaffAccount> {
  return db.$transaction(async (tx) => {
    const account = await lockAccount(tx, staffId);
    if (role !== 'admin') await refuseLastAdmin(tx, account, 'de rol veranderen');
    return accountOf(await tx.staffMember.update({ where: { id: staffId }, data: { role } }));
  });
}

/** Disables an account and ends its sessions in the same transaction: it is signed out at once. */
export async function disableStaff(db: Db, staffId: string, now = new Date()): Promise<StaffAccount> {
  return db.$transaction(async (tx) => {
    const account = await lockAccount(tx, staffId);
    await refuseLastAdmin(tx, account, 'uitschakelen');
    const updated = account.disabledAt ? account : await tx.staffMember.update({ where: { id: staffId }, data: { disabledAt: now } });
    await tx.staffSession.deleteMany({ where: { staffId } });
    return accountOf(updated);
  });
}

/**
 * A new colleague's account with a generated first password, answered once (the admin passes it
 * on). Refuses an address that has an account (StaffExistsError).
 */
export async function addStaffMember(db: Db, input: NewStaffMember): Promise<{ member: StaffMember; account: StaffAccount; password: string }> {
  const password = generatePassword();
  const member = await createStaffMember(db, input, password);
  return { member, account: (await findStaffAccount(db, member.id))!, password };
}

/**
 * A new generated password for a colleague, answered once; their sessions end, so whoever had the
 * old one is out. Not for one's own account: that is a change with the current password.
 */
export async function resetPassword(db: Db, staffId: string, actor: StaffMember): Promise<{ account: StaffAccount; password: string }> {
  if (staffId === actor.id) {
    throw new StaffChangeRefused('own_account', 'Uw eigen wachtwoord wijzigt u zelf, met uw huidige wachtwoord (Wachtwoord wijzigen).');
  }
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    await lockAccount(tx, staffId);
    const updated = await tx.staffMember.update({ where: { id: staffId }, data: { passwordHash } });
    await tx.staffSession.deleteMany({ where: { staffId } });
    return { account: accountOf(updated), password };
  });
}

/**
 * A member changes their own password with the current one. Their other sessions end (a browser
 * left signed in elsewhere); the session they changed it in stays.
 */
export async function changeOwnPassword(db: Db, staffId: string, sessionToken: string | undefined, change: PasswordChange): Promise<void> {
  const member = await db.staffMember.findUnique({ where: { id: staffId } });
  if (!member) throw new StaffChangeRefused('not_found', 'Dit account bestaat niet.');
  if (!(await verifyPassword(change.currentPassword, member.passwordHash))) {
    throw new StaffChangeRefused('wrong_password', 'Het huidige wachtwoord klopt niet.', 'currentPassword');
  }
  const passwordHash = await hashPassword(change.newPassword);
  await db.$transaction([
    db.staffMember.update({ where: { id: staffId }, data: { passwordHash } }),
    db.staffSession.deleteMany({ where: { staffId, ...(sessionToken ? { id: { not: sessionIdOf(sessionToken) } } : {}) } }),
  ]);
}
