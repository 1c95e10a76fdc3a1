/** Probes every 100 ms until `done` holds (at most `tries` times), for what the system does in its own time. */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, tries = 200): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await probe();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
