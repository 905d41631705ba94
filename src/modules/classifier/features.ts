import { bucketOf, FAMILY } from './hashing.ts';
import { readLetter } from './letter.ts';
import { isPlaceholder, normalizeText, STOPWORDS, stem, tokenize } from './normalize.ts';
import type { FeatureConfig, ReportInput } from './types.ts';

/** Raw (un-weighted) features of a report: hashed buckets with counts, and a readable term per bucket when asked. */
export interface RawFeatures {
  /** Word uni/bigram buckets (each once) and how often each occurs. */
  words: BucketCounts;
  /** Character n-gram buckets (each once) and how often each occurs. */
  chars: BucketCounts;
  /** One-hot context buckets (district, object type, geo cells, address). */
  context: number[];
  /** Bucket → the word or context value it came from (only with `withTerms`). */
  terms?: Map<number, string>;
  /** Words in the text other than stop words and number placeholders: 0 means the text has nothing to read. */
  lexicalTokens: number;
}

/** Distinct buckets with their counts, as compact arrays (a training set holds one per report). */
export interface BucketCounts {
  buckets: Int32Array;
  counts: Uint16Array;
}

function add(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function compact(map: Map<number, number>): BucketCounts {
  const buckets = new Int32Array(map.size);
  const counts = new Uint16Array(map.size);
  let i = 0;
  for (const [b, n] of map) {
    buckets[i] = b;
    counts[i++] = Math.min(n, 65_535);
  }
  return { buckets, counts };
}

const charCache = new Map<string, Int32Array>();
const CHAR_CACHE_LIMIT = 200_000;

/** Character n-grams of one word, with '^' and '$' marking its edges ("^двор$" → "^д", "дв", …). */
function charBuckets(token: string, cfg: FeatureConfig): Int32Array {
  const key = `${cfg.hashBits}:${cfg.charNgrams![0]}:${cfg.charNgrams![1]}:${token}`;
  const cached = charCache.get(key);
  if (cached) return cached;
  const marked = `^${token}$`;
  const [min, max] = cfg.charNgrams!;
  const out: number[] = [];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= marked.length; i++)
      out.push(bucketOf(marked.slice(i, i + n), FAMILY.char, cfg.hashBits));
  }
  const result = Int32Array.from(out);
  if (charCache.size >= CHAR_CACHE_LIMIT) charCache.clear();
  charCache.set(key, result);
  return result;
}

function clean(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const v = value.toLowerCase().replace(/ё/gu, 'е').replace(/\s+/gu, ' ').trim();
  return v === '' ? null : v;
}

/** The street part of a postal address: everything before the house number ("…, дом 47, …"). */
export function streetOf(address: string): string | null {
  const m = /^(.*?)(?:,\s*|\s)(?:дом|д\.)\s*\d/u.exec(address);
  return m ? m[1]!.trim() : null;
}

/** Readable context keys of a report; each is hashed as one one-hot feature. */
export function contextKeys(input: ReportInput, cfg: FeatureConfig): string[] {
  const keys: string[] = [];
  const district = clean(input.district);
  const object = clean(input.city_object);
  if (cfg.district && district) keys.push(`district=${district}`);
  if (cfg.cityObject && object) keys.push(`object=${object}`);
  if (cfg.districtObject && district && object) keys.push(`district×object=${district}|${object}`);
  const lat = input.lat;
  const lon = input.lon;
  if (typeof lat === 'number' && typeof lon === 'number' && Number.isFinite(lat) && Number.isFinite(lon)) {
    for (const size of cfg.geoCells) {
      keys.push(`cell${size}=${Math.floor(lat / size)}:${Math.floor(lon / (size * 2))}`);
    }
  }
  if (cfg.address) {
    const address = clean(input.address);
    if (address) {
      keys.push(`address=${address}`);
      const street = streetOf(address);
      if (street) keys.push(`street=${street}`);
    } else keys.push('address=none');
  }
  return keys;
}

/** Cross features of a report with a value of another label (e.g. district × reason), for a conditional model. */
export function crossKeys(input: ReportInput, value: string): string[] {
  const keys = [`given=${value}`];
  const district = clean(input.district);
  const object = clean(input.city_object);
  if (district) keys.push(`district=${district}|given=${value}`);
  if (object) keys.push(`object=${object}|given=${value}`);
  if (district && object) keys.push(`district×object=${district}|${object}|given=${value}`);
  return keys;
}

export function hashContext(key: string, cfg: FeatureConfig): number {
  return bucketOf(key, FAMILY.context, cfg.hashBits);
}

export function hashCross(key: string, cfg: FeatureConfig): number {
  return bucketOf(key, FAMILY.cross, cfg.hashBits);
}

/** Words (stemmed, stop words out) and placeholders of a text, with the surface form each came from. */
export function textTokens(text: string, cfg: FeatureConfig): { stems: string[]; surface: string[] } {
  const tokens = tokenize(normalizeText(text));
  const stems: string[] = [];
  const surface: string[] = [];
  for (const token of tokens) {
    if (cfg.stopwords && STOPWORDS.has(token)) continue;
    if (!isPlaceholder(token) && token.length < 2 && !/\d/u.test(token)) continue;
    stems.push(cfg.stem ? stem(token) : token);
    surface.push(token);
  }
  return { stems, surface };
}

/** Hashed word n-grams, character n-grams and context one-hots of a report. */
export function extractFeatures(input: ReportInput, cfg: FeatureConfig, withTerms = false): RawFeatures {
  const words = new Map<number, number>();
  const chars = new Map<number, number>();
  const terms = withTerms ? new Map<number, string>() : undefined;
  const raw = typeof input.text === 'string' ? input.text : '';
  const letter = cfg.letters ? readLetter(raw) : null;
  const { stems, surface } = textTokens(letter ? letter.body : raw, cfg);
  for (let i = 0; i < stems.length; i++) {
    const s = stems[i]!;
    const b = bucketOf(s, FAMILY.word, cfg.hashBits);
    add(words, b);
    terms?.set(b, surface[i]!);
    if (cfg.wordNgrams === 2 && i + 1 < stems.length) {
      const bb = bucketOf(`${s} ${stems[i + 1]}`, FAMILY.bigram, cfg.hashBits);
      add(words, bb);
      terms?.set(bb, `${surface[i]} ${surface[i + 1]}`);
    }
    if (cfg.charNgrams && !isPlaceholder(s)) {
      for (const cb of charBuckets(surface[i]!, cfg)) {
        add(chars, cb);
        if (terms && !terms.has(cb)) terms.set(cb, surface[i]!);
      }
    }
  }
  const context: number[] = [];
  const keys = contextKeys(input, cfg);
  // A street named in the text is where the problem is, not what it is: its own one-hot feature.
  if (letter) for (const street of letter.streets) keys.push(`text_street=${street}`);
  for (const key of keys) {
    const b = hashContext(key, cfg);
    context.push(b);
    terms?.set(b, key);
  }
  const lexicalTokens = stems.filter((s) => !isPlaceholder(s)).length;
  const out: RawFeatures = { words: compact(words), chars: compact(chars), context, lexicalTokens };
  if (terms) out.terms = terms;
  return out;
}
