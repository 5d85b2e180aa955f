// A seeded generator for the scale data: the same seed and the same starting database give the same
// history (only ciphertexts differ, their IVs are random by design). mulberry32: fast, 32-bit state,
// good enough for picking words and instants.
export interface Rand {
  (): number;
  int(maxExclusive: number): number;
  pick<T>(xs: readonly T[]): T;
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(table: readonly (readonly [T, number])[]): T;
  chance(p: number): boolean;
  /** A version-4 UUID drawn from the generator (deterministic ids, so reruns from one state match). */
  uuid(): string;
}

export function seededRandom(seed: number): Rand {
  let a = seed >>> 0;
  const next = (() => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rand;
  next.int = (n) => Math.floor(next() * n);
  next.pick = (xs) => xs[Math.floor(next() * xs.length)]!;
  next.weighted = (table) => {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of table) if ((r -= w) < 0) return v;
    return table.at(-1)![0];
  };
  next.chance = (p) => next() < p;
  next.uuid = () => {
    const hex = (n: number) =>
      Math.floor(next() * 2 ** 32)
        .toString(16)
        .padStart(8, '0')
        .slice(0, n);
    const h = hex(8) + hex(8) + hex(8) + hex(8);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[next.int(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return next;
}

/** Mixes the user's seed with where this run starts, so a second run with the same seed adds new ids. */
export function runSeed(seed: number, offset: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (offset + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}
