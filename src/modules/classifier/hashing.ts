/** Feature hashing and the seeded pseudo-random generator: both deterministic across runs and machines. */

/** MurmurHash3 (x86, 32-bit) of the UTF-16 code units of a string, with a seed that names the feature family. */
export function hashString(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    let k = text.charCodeAt(i);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= text.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Bucket of a feature in a hashed space of 2^bits buckets. */
export function bucketOf(text: string, seed: number, bits: number): number {
  return hashString(text, seed) >>> (32 - bits);
}

/** Seeds that keep feature families apart in the hashed space. */
export const FAMILY = {
  word: 0x9e3779b1,
  bigram: 0x85ebca77,
  char: 0xc2b2ae3d,
  context: 0x27d4eb2f,
  cross: 0x165667b1,
} as const;

/** mulberry32: a small, fast, seeded generator; the same seed gives the same sequence everywhere. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle in place with the given generator. */
export function shuffle(values: Int32Array | number[], rng: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = values[i]!;
    values[i] = values[j]!;
    values[j] = tmp;
  }
}
