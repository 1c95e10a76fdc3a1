/**
 * Seeded draws for the simulation. Each decision is a hash of the seed and what it is about (a
 * journey, a round, a form), not the next number of one stream: with many schools acting at once,
 * a run decides the same whatever order concurrency gives.
 */
export type Draw = (...about: (string | number)[]) => number;

/** A number in [0, 1) for each distinct `about`, the same every time for the same seed. */
export function seededDraw(seed: number): Draw {
  return (...about) => {
    // cyrb53: two 32-bit lanes of multiply-xorshift over the characters, 53 bits out.
    const text = `${seed}|${about.join('|')}`;
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return (4294967296 * (2097151 & h2) + (h1 >>> 0)) / 2 ** 53;
  };
}

/** One of `items` (not empty), chosen by a draw in [0, 1). */
export function pick<T>(items: readonly T[], u: number): T {
  return items[Math.min(items.length - 1, Math.floor(u * items.length))]!;
}

/** A key of `weights` with probability proportional to its weight, chosen by a draw in [0, 1). */
export function weighted<K extends string>(weights: Record<K, number>, u: number): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let left = u * total;
  for (const [key, w] of entries) {
    if (left < w) return key;
    left -= w;
  }
  return entries[entries.length - 1]![0];
}
