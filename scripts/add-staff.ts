/**
 * `npm run staff:add -- <e-mail> "<name>" [staff|admin]`: adds a programme office account and
 * prints its first password, once. This is how the first admin comes to exist; there is no
 * default account or password. Uses DATABASE_URL, or the database of a running `npm start`.
 */
import { localDatabaseUrl } from '../devtools/embedded-postgres';
import { createDb } from '../platform/db';
import { generatePassword } from '../services/staff/password';
import { createStaffMember, NewStaffMember, StaffExistsError } from '../services/staff/staff-member';

async function main(): Promise<void> {
  const [email, name, role = 'staff'] = process.argv.slice(2);
  const input = NewStaffMember.safeParse({ email, name, role });
  if (!input.success) {
    console.error(
      `usage: npm run staff:add -- <e-mail> "<name>" [staff|admin]\n${input.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
    process.exit(2);
  }
  const db = createDb(process.env.DATABASE_URL ?? localDatabaseUrl());
  try {
    const password = generatePassword();
    const member = await createStaffMember(db, input.data, password);
    console.log(`Account for ${member.name} <${member.email}> (${member.role}) added.`);
    console.log(`First password (shown once; keep it somewhere safe): ${password}`);
  } catch (error) {
    if (!(error instanceof StaffExistsError)) throw error;
    console.error(`There is an account for ${input.data.email} already.`);
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
