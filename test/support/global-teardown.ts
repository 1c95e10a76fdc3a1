import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  await globalThis.koersTestDatabase?.stop();
  if (process.env.KOERS_TEST_SCRATCH) await rm(process.env.KOERS_TEST_SCRATCH, { recursive: true, force: true });
}
