import { createRng } from './hashing.ts';
import type { TrainingExample } from './types.ts';

/**
 * Small generated report sets for the classifier's tests: each reason has its own words, each category
 * a few reasons, and the executor depends on the district and the category (as in a real city).
 */

const REASONS: { category: string; reason: string; words: string[] }[] = [
  {
    category: 'Освещение',
    reason: 'Не горит фонарь',
    words: ['фонарь', 'фонаря', 'фонари', 'горит', 'темно', 'освещение'],
  },
  {
    category: 'Освещение',
    reason: 'Повреждена опора',
    words: ['опора', 'опоры', 'наклонилась', 'столб', 'провода'],
  },
  {
    category: 'Уборка',
    reason: 'Неубранный снег',
    words: ['снег', 'снега', 'сугробы', 'наледь', 'сосульки'],
  },
  { category: 'Уборка', reason: 'Мусор во дворе', words: ['мусор', 'мусора', 'пакеты', 'грязно', 'свалка'] },
  { category: 'Дороги', reason: 'Яма на дороге', words: ['яма', 'ямы', 'выбоина', 'асфальт', 'провал'] },
  { category: 'Дороги', reason: 'Лужа на дороге', words: ['лужа', 'лужи', 'вода', 'затопило', 'слив'] },
];
const FILLER = [
  'во',
  'дворе',
  'у',
  'дома',
  'возле',
  'подъезда',
  'очень',
  'давно',
  'просьба',
  'устранить',
  'срочно',
];
/** Words of reports that say nothing about the problem. */
export const VAGUE_WORDS = ['просьба', 'разобраться', 'проблема', 'жалоба', 'снова', 'опять', 'безобразие'];
const DISTRICTS = ['Северный', 'Южный', 'Западный'];
const OBJECTS = ['Дом', 'Двор', 'Улица'];

export interface SyntheticOptions {
  count: number;
  seed: number;
  /** Share of reports whose reason (and category) is replaced by a random one: label noise. */
  noise?: number;
  /** Share of reports without a reason label, and without an executor label. */
  missingReason?: number;
  missingExecutor?: number;
  /** Share of reports whose text says nothing about the problem ("просьба разобраться"), with a random label. */
  ambiguous?: number;
  /** Share of reports with a house number in the text (default 0.5). */
  numbers?: number;
  /** Start date; each report is filed 30 minutes after the previous one. */
  start?: string;
}

function executorFor(category: string, district: string): string {
  return category === 'Дороги' ? 'Дорожный комитет' : `${category}: служба района ${district}`;
}

export function syntheticReports(opts: SyntheticOptions): TrainingExample[] {
  const rng = createRng(opts.seed);
  const pick = <T>(list: T[]): T => list[Math.floor(rng() * list.length)]!;
  const start = Date.parse(opts.start ?? '2021-01-01T00:00:00Z');
  const out: TrainingExample[] = [];
  for (let i = 0; i < opts.count; i++) {
    const truth = pick(REASONS);
    const district = pick(DISTRICTS);
    const vague = rng() < (opts.ambiguous ?? 0);
    const words = vague
      ? [pick(VAGUE_WORDS), pick(FILLER), pick(VAGUE_WORDS)]
      : [pick(truth.words), pick(FILLER), pick(truth.words), pick(FILLER)];
    if (rng() < (opts.numbers ?? 0.5)) words.push(String(1 + Math.floor(rng() * 200)));
    const label = rng() < (opts.noise ?? 0) ? pick(REASONS) : truth;
    out.push({
      text: words.join(' '),
      district,
      city_object: pick(OBJECTS),
      lat: 59.9 + rng() * 0.1,
      lon: 30.3 + rng() * 0.1,
      dt: new Date(start + i * 1_800_000).toISOString(),
      category: label.category,
      reason: rng() < (opts.missingReason ?? 0) ? null : label.reason,
      executor_org: rng() < (opts.missingExecutor ?? 0) ? null : executorFor(label.category, district),
    });
  }
  return out;
}
