/**
 * Deterministic demo reports: plans (what to file, where, by whom, and how far through the status
 * machine to take it) for the seeder to carry out through the services, and quick request bodies
 * for benchmarks. The same seed and `now` always give the same output; nothing here touches a
 * database or Math.random.
 */
import { type DemoSubjectEntry, SUBJECTS, subjectByCode } from './categories.ts';
import { type DemoGeo, type DemoGeoFeature, DISTRICTS, geoFeatureByCode, loadDemoGeo } from './districts.ts';
import { type Position, pointInArea, randomPointInArea } from './geometry.ts';
import { curatorChoice, findRoutingRule } from './organisations.ts';
import { createRng, type Rng } from './prng.ts';
import { allocateStates, buildTimeline, type DemoReportState, type TimelineStep } from './report-timeline.ts';
import { randomAddress } from './streets.ts';
import { CLARIFICATIONS, DISPUTE_COMMENTS, MODERATION_REJECT_REASONS } from './texts/answers-common.ts';
import { type AnswerResult, composeAnswer, composeReportText } from './texts/compose.ts';
import { DEMO_RESIDENTS } from './users.ts';

export { DEMO_REPORT_STATES, type DemoReportState, type TimelineStep } from './report-timeline.ts';
export type { AnswerResult } from './texts/compose.ts';

export interface DemoAnswerPlan {
  text: string;
  result: AnswerResult;
  /** For 'planned': the promised date, YYYY-MM-DD. */
  plannedDate?: string;
  /** For 'rejected': the legal ground. */
  legalReason?: string;
}

export interface DemoReportPlan {
  /** Unique per seed; usable as the submission's idempotency key. */
  key: string;
  categoryCode: string;
  topicCode: string;
  text: string;
  districtCode: string;
  /** The district's Russian name, e.g. «Невский район». */
  districtName: string;
  address: string;
  lat: number;
  lon: number;
  isPublic: boolean;
  authorEmail: string;
  createdAt: Date;
  targetState: DemoReportState;
  /** The states passed through from 'submitted' to targetState, each with its time (first = createdAt). */
  steps: TimelineStep[];
  /** The organisation the report is assigned to (set from 'assigned' on). */
  organisationCode?: string;
  /** 'rule' when the routing table chose the organisation, 'curator' where it has no rule. */
  routedBy?: 'rule' | 'curator';
  answer?: DemoAnswerPlan;
  rating?: { score: 1 | 2 | 3 | 4 | 5; solved: boolean };
  disputeComment?: string;
  rejectReason?: string;
  clarificationQuestion?: string;
  clarificationAnswer?: string;
}

export interface GenerateDemoReportsOptions {
  /** Number of plans (default 300). */
  count?: number;
  seed?: number;
  /** The demo's "today": reports are spread over the `spanDays` before it. */
  now: Date;
  /** Default 90. */
  spanDays?: number;
  /** Boundaries; loaded from the demo GeoJSON file when absent. */
  geo?: DemoGeo;
}

export const DEFAULT_REPORT_COUNT = 300;
export const DEFAULT_SEED = 20_260_301;

/** Relative activity of districts (larger, denser districts file more). */
const DISTRICT_WEIGHTS: Readonly<Record<string, number>> = {
  nevsky: 13,
  vyborgsky: 10,
  kalininsky: 9,
  tsentralny: 8,
  moskovsky: 7,
  kirovsky: 7,
  primorsky: 7,
  krasnoselsky: 6,
  krasnogvardeysky: 5,
  admiralteysky: 5,
  frunzensky: 5,
  pushkinsky: 4,
  vasileostrovsky: 4,
  petrogradsky: 3,
  kolpinsky: 2,
  petrodvortsovy: 2,
  kurortny: 1,
  kronshtadtsky: 1,
};

/** Relative frequency of topics, shaped like a real city portal's (yards and buildings dominate). */
const TOPIC_WEIGHTS: Readonly<Record<string, number>> = {
  improvement: 3,
  housing: 3,
  waste: 3,
  roads: 2,
  lighting: 2,
  parks: 1.5,
  facades: 1.5,
  water: 1,
  heating: 1,
  advertising: 1,
  transport: 0.7,
  other: 0.4,
};

/** Subjects that only happen in some months (0 = January). */
const SEASONS: Readonly<Record<string, readonly number[]>> = {
  'snow-yard': [10, 11, 0, 1, 2],
  'snow-street': [10, 11, 0, 1, 2],
  icicles: [11, 0, 1, 2],
  'no-heating': [9, 10, 11, 0, 1, 2, 3],
  'low-temperature': [9, 10, 11, 0, 1, 2, 3],
  'stairwell-heating': [9, 10, 11, 0, 1, 2, 3],
};

const RESIDENT_WEIGHTS = [5, 3, 2];

/** A picker by cumulative weights and binary search: fast enough for 100k picks. */
function weightedPicker<T>(items: readonly T[], weights: readonly number[]): (rng: Rng) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w;
    cumulative.push(total);
  }
  return (rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}

const subjectWeight = (s: DemoSubjectEntry) =>
  (TOPIC_WEIGHTS[s.topicCode] ?? 1) / SUBJECTS.filter((x) => x.topicCode === s.topicCode).length;
const pickSubject = weightedPicker(SUBJECTS, SUBJECTS.map(subjectWeight));
const pickDistrict = weightedPicker(
  DISTRICTS,
  DISTRICTS.map((x) => DISTRICT_WEIGHTS[x.code] ?? 1),
);

/** Month in Moscow time (UTC+3, no daylight saving). */
function mskMonth(d: Date): number {
  return new Date(d.getTime() + 3 * 3_600_000).getUTCMonth();
}

function ruDate(d: Date): string {
  const m = new Date(d.getTime() + 3 * 3_600_000);
  const dd = String(m.getUTCDate()).padStart(2, '0');
  const mm = String(m.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}.${mm}.${m.getUTCFullYear()}`;
}

function isoDate(d: Date): string {
  return new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 10);
}

/** A point inside the district, rounded to 6 decimals (about 0.1 m) and still inside. */
function pointIn(feature: DemoGeoFeature, rng: Rng): Position {
  for (;;) {
    const [lon, lat] = randomPointInArea(feature.geometry, rng, feature.bbox);
    const p: Position = [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
    if (pointInArea(p[0], p[1], feature.geometry)) return p;
  }
}

function candidateSubject(state: DemoReportState, districtCode: string, rng: Rng): DemoSubjectEntry {
  // 'accepted' is where reports wait when no rule routes them: mostly the curator's queue.
  if (state === 'accepted' && rng.chance(0.8)) {
    const unrouted = SUBJECTS.filter((s) => !findRoutingRule(s.code, districtCode));
    if (unrouted.length > 0) return rng.pick(unrouted);
  }
  return pickSubject(rng);
}

function inSeason(subjectCode: string, at: Date): boolean {
  const season = SEASONS[subjectCode];
  return !season || season.includes(mskMonth(at));
}

const ANSWER_STATES: ReadonlySet<DemoReportState> = new Set([
  'answer_drafted',
  'answer_review',
  'answered',
  'resolved',
  'disputed',
  'reopened',
  'closed',
]);
const ASSIGNED_STATES: ReadonlySet<DemoReportState> = new Set([...ANSWER_STATES, 'assigned', 'in_progress']);

function chooseResult(state: DemoReportState, rng: Rng): AnswerResult {
  const results: AnswerResult[] = ['solved', 'explained', 'planned', 'rejected'];
  if (state === 'disputed' || state === 'reopened') return rng.weighted(results, [55, 20, 10, 15]);
  if (state === 'resolved' || state === 'closed') return rng.weighted(results, [60, 20, 15, 5]);
  return rng.weighted(results, [55, 20, 18, 7]);
}

function chooseRating(state: DemoReportState, result: AnswerResult, rng: Rng): DemoReportPlan['rating'] {
  if (state === 'disputed' || state === 'reopened') {
    return rng.chance(0.85) ? { score: rng.pick([1, 1, 2] as const), solved: false } : undefined;
  }
  const rated = (state === 'resolved' && rng.chance(0.7)) || (state === 'closed' && rng.chance(0.5));
  if (!rated) return undefined;
  const good = result === 'solved' ? 0.9 : result === 'explained' ? 0.6 : result === 'planned' ? 0.5 : 0.2;
  if (rng.chance(good))
    return { score: rng.pick([4, 5, 5] as const), solved: result === 'solved' || rng.chance(0.3) };
  return { score: rng.pick([1, 2, 3] as const), solved: false };
}

function planOne(
  index: number,
  seed: number,
  state: DemoReportState,
  o: Required<Omit<GenerateDemoReportsOptions, 'count' | 'seed'>>,
  rng: Rng,
): DemoReportPlan {
  const district = pickDistrict(rng);
  const feature = geoFeatureByCode(district.code, o.geo);
  const withClarification = state !== 'submitted' && state !== 'clarification_requested' && rng.chance(0.12);
  // Snow in July would look wrong: draw again until the subject fits the report's month.
  let subject = candidateSubject(state, district.code, rng);
  let rule = findRoutingRule(subject.code, district.code);
  let steps: TimelineStep[] = [];
  for (let attempt = 0; ; attempt++) {
    steps = buildTimeline(
      {
        target: state,
        now: o.now,
        withClarification,
        routedByRule: rule !== undefined,
        slaDays: subject.slaDays,
        spanDays: o.spanDays,
      },
      rng,
    );
    if (inSeason(subject.code, steps[0]?.at ?? o.now)) break;
    subject = attempt < 20 ? candidateSubject(state, district.code, rng) : subjectByCode('yard-litter');
    rule = findRoutingRule(subject.code, district.code);
  }
  const { address, house } = randomAddress(district.code, rng);
  const [lon, lat] = pointIn(feature, rng);
  const author = rng.weighted(DEMO_RESIDENTS, RESIDENT_WEIGHTS);
  const createdAt = steps[0]?.at ?? o.now;
  const plan: DemoReportPlan = {
    key: `demo-${seed}-${String(index + 1).padStart(5, '0')}`,
    categoryCode: subject.code,
    topicCode: subject.topicCode,
    text: composeReportText(subject.code, rng, { house }),
    districtCode: district.code,
    districtName: district.nameRu,
    address,
    lat,
    lon,
    isPublic: rng.chance(0.85),
    authorEmail: author.email,
    createdAt,
    targetState: state,
    steps,
  };
  if (state === 'clarification_requested' || withClarification) {
    const c = rng.pick(CLARIFICATIONS);
    plan.clarificationQuestion = c.question;
    if (withClarification)
      plan.clarificationAnswer = c.answer
        .replace('{entrance}', String(rng.int(1, 8)))
        .replace('{floor}', String(rng.int(2, 12)))
        .replace('{house}', house)
        .replace('{since}', rng.pick(['уже неделю', 'с начала месяца', 'несколько дней']));
  }
  if (state === 'rejected') plan.rejectReason = rng.pick(MODERATION_REJECT_REASONS);
  if (ASSIGNED_STATES.has(state)) {
    plan.organisationCode = rule?.organisationCode ?? curatorChoice(subject.code, district.code).code;
    plan.routedBy = rule ? 'rule' : 'curator';
  }
  if (ANSWER_STATES.has(state)) {
    const result = chooseResult(state, rng);
    const drafted = steps.find((s) => s.state === 'answer_drafted')?.at ?? createdAt;
    const answered = steps.find((s) => s.state === 'answered')?.at ?? drafted;
    const planned =
      result === 'planned' ? new Date(answered.getTime() + rng.int(20, 150) * 86_400_000) : undefined;
    const composed = composeAnswer(subject.code, result, rng, {
      house,
      topicCode: subject.topicCode,
      workDate: ruDate(drafted),
      ...(planned ? { plannedDate: ruDate(planned) } : {}),
    });
    plan.answer = { text: composed.text, result };
    if (planned) plan.answer.plannedDate = isoDate(planned);
    if (composed.legalReason) plan.answer.legalReason = composed.legalReason;
    const rating = chooseRating(state, result, rng);
    if (rating) plan.rating = rating;
    if (state === 'disputed' || state === 'reopened') plan.disputeComment = rng.pick(DISPUTE_COMMENTS);
  }
  return plan;
}

/** `count` demo report plans, oldest first; every target state occurs at least 3 times when count ≥ 39. */
export function generateDemoReports(options: GenerateDemoReportsOptions): DemoReportPlan[] {
  const count = options.count ?? DEFAULT_REPORT_COUNT;
  const seed = options.seed ?? DEFAULT_SEED;
  const o = { now: options.now, spanDays: options.spanDays ?? 90, geo: options.geo ?? loadDemoGeo() };
  const rng = createRng(seed);
  const states = allocateStates(count, rng);
  const plans = states.map((state, i) => planOne(i, seed, state, o, rng));
  return plans.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.key.localeCompare(b.key));
}

/** The body of POST /api/v1/reports, as a benchmark client sends it. */
export interface IntakeBody {
  categoryCode: string;
  text: string;
  lat: number;
  lon: number;
  address: string;
}

const POOL_SIZE = 256;
const TEXTS_PER_SUBJECT = 128;
/** Benchmarks should see the real length mix: about half of real reports are one terse line. */
const INTAKE_SHORT_SHARE = 0.5;
/** Stands for the house number in pooled texts; replaced per body. */
const HOUSE_MARK = '\u0000';

interface IntakePools {
  points: Map<string, Position[]>;
  texts: Map<string, string[]>;
}

let intakePools: IntakePools | undefined;

/**
 * Points inside each district and texts for each subject, made once (deterministically) and
 * reused by every call: composing 100k fresh texts would cost most of the time budget, and real
 * intake repeats itself anyway (29% of real report texts are exact repeats).
 */
function getIntakePools(): IntakePools {
  if (intakePools) return intakePools;
  const geo = loadDemoGeo();
  const rng = createRng(0x5eed);
  const points = new Map(
    DISTRICTS.map((d) => {
      const feature = geoFeatureByCode(d.code, geo);
      return [d.code, Array.from({ length: POOL_SIZE }, () => pointIn(feature, rng))];
    }),
  );
  const texts = new Map(
    SUBJECTS.map((s) => [
      s.code,
      Array.from({ length: TEXTS_PER_SUBJECT }, () =>
        composeReportText(s.code, rng, { house: HOUSE_MARK }, INTAKE_SHORT_SHARE),
      ),
    ]),
  );
  intakePools = { points, texts };
  return intakePools;
}

/** `n` realistic report submissions for load tests: 100k take well under a second. */
export function generateIntakeBodies(n: number, seed: number = DEFAULT_SEED): IntakeBody[] {
  const pools = getIntakePools();
  const rng = createRng(seed);
  const out: IntakeBody[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const district = pickDistrict(rng);
    const [lon, lat] = rng.pick(pools.points.get(district.code) ?? []);
    const subject = pickSubject(rng);
    const { address, house } = randomAddress(district.code, rng);
    const text = rng.pick(pools.texts.get(subject.code) ?? []);
    out[i] = {
      categoryCode: subject.code,
      text: text.includes(HOUSE_MARK) ? text.replaceAll(HOUSE_MARK, house) : text,
      lat,
      lon,
      address,
    };
  }
  return out;
}
