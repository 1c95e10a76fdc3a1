/** Programme office accounts: who they are, and what their role lets them do. */
import { randomUUID } from 'node:crypto';
import { z } from '../../domain/zod';
import type { Db } from '../../platform/db';
import { hashPassword } from './password';

export const StaffRole = z.enum(['staff', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

export const roleLabel: Record<StaffRole, string> = { staff: 'medewerker', admin: 'beheerder' };

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}

/** Whether a role may do what needs `needed`: an admin may do all a staff member may. */
export function roleAllows(role: StaffRole, needed: StaffRole): boolean {
  return needed === 'staff' || role === 'admin';
}

export const NewStaffMember = z
  .object({
    email: z
      .email({ message: 'Vul een geldig e-mailadres in.' })
      .max(254)
      .transform((e) => e.toLowerCase()),
    name: z.string().trim().min(2, { message: 'Vul de naam in.' }).max(200),
    role: StaffRole.default('staff'),
  })
  .openapi('NewStaffMember');
export type NewStaffMember = z.infer<typeof NewStaffMember>;

export class StaffExistsError extends Error {}

/** Creates an account with this password (hashed); refuses an address that has one. */
export async function createStaffMember(db: Db, input: NewStaffMember, password: string): Promise<StaffMember> {
  const existing = await db.staffMember.findUnique({ where: { email: input.email } });
  if (existing) throw new StaffExistsError(`An account for ${input.email} exists`);
  const member = { id: randomUUID(), email: input.email, name: input.name, role: input.role };
  // Two colleagues adding the same address at once: the unique index decides, the loser is told it exists.
  const created = await db.staffMember.createMany({ data: [{ ...member, passwordHash: await hashPassword(password) }], skipDuplicates: true });
  if (created.count === 0) throw new StaffExistsError(`An account for ${input.email} exists`);
  return member;
}
