import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type ClassifierModel,
  classify,
  type LabelledReport,
  readTrainingFile,
  retrainingSet,
  type TrainingExample,
  trainModel,
  type UpdateOptions,
} from '../src/modules/classifier/index.ts';

/**
 * Scenario "learning": does routing learn from curators' corrections, and which update method learns
 * best? Trains on October–January of the shared St Petersburg data, then replays February and March
 * day by day as the product would live them: each day's reports are classified and routed by every
 * arm's current model; the ones a curator would correct (the true organisation or subject differs from
 * the model's) become corrections; every replayed report is then a vetted report with its true labels
 * (a correct routing is confirmed, a wrong one corrected). Every `--every` days each learning arm
 * retrains the way the product does (retrainingSet + trainModel), while one arm never learns.
 *
 *   npm run bench -- learning [--every 7] [--data ../shared/data/spb-appeals/train.jsonl.gz]
 */

const DAY = 86_400_000;

type Arm = { name: string; update: UpdateOptions | null };

const ARMS: Arm[] = [
  { name: 'never learns', update: null },
  { name: 'union', update: { method: 'union', correctionWeight: 1 } },
  { name: 'reweight ×3', update: { method: 'reweight', correctionWeight: 3 } },
];

type Outcome = { orgOk: boolean | null; reasonOk: boolean | null; confidence: number; auto: boolean };

type WeekFigures = {
  week: string;
  reports: number;
  orgAccuracy: number;
  reasonAccuracy: number;
  /** Share of reports with an organisation that the model's own 97 % threshold routed automatically. */
  autoShare: number;
  autoPrecision: number;
  /** Largest share routable at ≥ 97 % precision on that week, in hindsight (the best threshold). */
  hindsight97: number;
  corrections: number;
};

function summarise(week: string, outcomes: Outcome[], corrections: number): WeekFigures {
  const withOrg = outcomes.filter((o) => o.orgOk !== null);
  const withReason = outcomes.filter((o) => o.reasonOk !== null);
  const auto = withOrg.filter((o) => o.auto);
  const share = (n: number, d: number) => (d > 0 ? n / d : 0);
  const ranked = [...withOrg].sort((a, b) => b.confidence - a.confidence);
  let right = 0;
  let best = 0;
  for (let i = 0; i < ranked.length; i++) {
    if (ranked[i]!.orgOk) right++;
    if (right / (i + 1) >= 0.97) best = (i + 1) / ranked.length;
  }
  return {
    week,
    reports: outcomes.length,
    orgAccuracy: share(withOrg.filter((o) => o.orgOk).length, withOrg.length),
    reasonAccuracy: share(withReason.filter((o) => o.reasonOk).length, withReason.length),
    autoShare: share(auto.length, withOrg.length),
    autoPrecision: share(auto.filter((o) => o.orgOk).length, auto.length),
    hindsight97: best,
    corrections,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export async function runLearningBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      data: { type: 'string', default: path.join('..', 'shared', 'data', 'spb-appeals', 'train.jsonl.gz') },
      every: { type: 'string', default: '7' },
      from: { type: 'string', default: '2021-02-01' },
      to: { type: 'string', default: '2021-04-01' },
    },
  });
  const every = Math.max(1, Number(values.every));
  // Filing times are local (St Petersburg) without an offset: read the bounds the same way.
  const from = Date.parse(`${values.from}T00:00:00`);
  const to = Date.parse(`${values.to}T00:00:00`);
  const started = Date.now();
  const log = (m: string) => console.error(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${m}`);

  const { examples } = await readTrainingFile(values.data);
  const timeOf = (ex: TrainingExample) => Date.parse(String(ex.dt));
  const dated = examples
    .map(({ id: _id, ...ex }) => ex)
    .filter((ex) => Number.isFinite(timeOf(ex)))
    .sort((a, b) => timeOf(a) - timeOf(b));
  const base = dated.filter((ex) => timeOf(ex) < from);
  const replay = dated.filter((ex) => timeOf(ex) >= from && timeOf(ex) < to);
  log(`${base.length} reports to start from, ${replay.length} to replay, retraining every ${every} day(s)`);

  const train = (set: TrainingExample[]) => trainModel(set, { seed: 1 }).model;
  const first = train(base);
  log('first model trained');
  const state = ARMS.map((arm) => ({
    arm,
    model: first as ClassifierModel,
    vetted: [] as LabelledReport[],
    weeks: new Map<string, { outcomes: Outcome[]; corrections: number }>(),
    retrainSeconds: 0,
  }));

  const days = Math.ceil((to - from) / DAY);
  let at = 0;
  for (let day = 0; day < days; day++) {
    const end = from + (day + 1) * DAY;
    const today: TrainingExample[] = [];
    while (at < replay.length && timeOf(replay[at]!) < end) today.push(replay[at++]!);
    const weekStart = new Date(from + Math.floor(day / 7) * 7 * DAY).toISOString().slice(0, 10);
    for (const s of state) {
      const week = s.weeks.get(weekStart) ?? { outcomes: [], corrections: 0 };
      s.weeks.set(weekStart, week);
      const threshold = s.model.info.labels.executor_org?.threshold97?.threshold ?? 0.95;
      for (const report of today) {
        const p = classify(s.model, report, { explainTerms: 0 });
        const org = report.executor_org ?? null;
        const reason = report.reason ?? null;
        const orgOk = org === null ? null : p.executor_org?.label === org;
        const reasonOk = reason === null ? null : p.reason?.label === reason;
        const confidence = p.executor_org?.confidence ?? 0;
        week.outcomes.push({ orgOk, reasonOk, confidence, auto: confidence >= threshold });
        // A curator corrects a wrong organisation, a moderator or curator a wrong subject.
        const corrected = orgOk === false || reasonOk === false;
        if (corrected) week.corrections++;
        s.vetted.push({ ...report, corrected });
      }
    }
    if ((day + 1) % every === 0 && day + 1 < days) {
      for (const s of state) {
        if (!s.arm.update) continue;
        const t0 = Date.now();
        s.model = train(retrainingSet(base, s.vetted, s.arm.update));
        s.retrainSeconds += (Date.now() - t0) / 1000;
      }
      log(`day ${day + 1}: retrained`);
    }
  }

  const results = state.map((s) => ({
    arm: s.arm.name,
    retrainSeconds: Math.round(s.retrainSeconds),
    weeks: [...s.weeks].map(([week, w]) => summarise(week, w.outcomes, w.corrections)),
    overall: summarise(
      'all',
      [...s.weeks.values()].flatMap((w) => w.outcomes),
      [...s.weeks.values()].reduce((n, w) => n + w.corrections, 0),
    ),
  }));
  console.log(
    `| week | ${ARMS.map((a) => `${a.name}: executor_org / reason / auto share (precision) / hindsight 97 %`).join(' | ')} |`,
  );
  console.log(`|---|${ARMS.map(() => '---').join('|')}|`);
  const rows = results[0]!.weeks.length;
  for (let i = 0; i <= rows; i++) {
    const cells = results.map((r) => {
      const w = i < rows ? r.weeks[i]! : r.overall;
      return `${pct(w.orgAccuracy)} / ${pct(w.reasonAccuracy)} / ${pct(w.autoShare)} (${pct(w.autoPrecision)}) / ${pct(w.hindsight97)}`;
    });
    const w = i < rows ? results[0]!.weeks[i]! : results[0]!.overall;
    console.log(`| ${w.week} (${w.reports}) | ${cells.join(' | ')} |`);
  }
  console.log(
    JSON.stringify({
      scenario: 'learning',
      every,
      seconds: Math.round((Date.now() - started) / 1000),
      results,
    }),
  );
}
