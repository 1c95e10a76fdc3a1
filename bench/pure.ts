/**
 * Helpers the benchmarks and the simulation share that start nothing and load no servers, so a
 * jest test can import them (bench/stack.ts loads embedded PostgreSQL, an ES module jest cannot).
 */

/**
 * Runs `task` over `items`, `concurrency` at a time. After a failure no new task starts; the
 * first failure is thrown once the tasks under way have ended (none is left running while the
 * caller stops its stack).
 */
export async function inBatches<T>(items: T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed = false;
  const workers = await Promise.allSettled(
    Array.from({ length: concurrency }, async () => {
      while (!failed && next < items.length) {
        await task(items[next++]!).catch((error: unknown) => {
          failed = true;
          throw error;
        });
      }
    }),
  );
  const failure = workers.find((w) => w.status === 'rejected');
  if (failure) throw failure.reason;
}

/** A distinct BRIN per index (up to 67,600): two digits, two letters. */
export function brinFor(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `${String(i % 100).padStart(2, '0')}${letters[Math.floor(i / 100) % 26]}${letters[Math.floor(i / 2600) % 26]}`;
}
