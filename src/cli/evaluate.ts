import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  type EvaluationResult,
  evaluateModel,
  LABELS,
  loadModel,
  readTrainingFile,
  saveModel,
  splitByMonth,
  type TrainingExample,
  type TrainOptions,
  textKey,
  trainModel,
} from '../modules/classifier/index.ts';
import { startProgress } from './progress.ts';
import { intOption, UsageError, withUsageErrors } from './train.ts';

export const EVALUATE_USAGE =
  'Usage: vmeste evaluate (--train FILE --test FILE | --data FILE --split-month YYYY-MM) [--seed N] [--options JSON] [--model-out MODEL] [--json] [--quiet]';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function printResult(r: EvaluationResult, timings: Record<string, string>): void {
  console.log('\nlabel          reports  accuracy  macro-F1  ECE');
  for (const name of LABELS) {
    const s = r.labels[name];
    if (!s) continue;
    console.log(
      `${name.padEnd(14)} ${String(s.n).padStart(7)}  ${pct(s.accuracy).padStart(8)}  ${pct(s.macroF1).padStart(8)}  ${pct(s.reliability.ece)}`,
    );
  }
  const route = r.labels.executor_org;
  if (route) {
    console.log('\nConfidence-gated routing (executor_org): route automatically when confidence ≥ t');
    console.log('  t      coverage  precision');
    for (const g of route.curve) {
      console.log(
        `  ${g.threshold.toFixed(2)}   ${pct(g.coverage).padStart(7)}   ${pct(g.precision).padStart(7)}`,
      );
    }
    const b = route.best97;
    console.log(
      b
        ? `Largest coverage with ≥ 97 % precision (t chosen on this test): t = ${b.threshold.toFixed(2)}, coverage ${pct(b.coverage)}, precision ${pct(b.precision)}`
        : 'No threshold from 0.50 to 0.99 reaches 97 % precision.',
    );
    const own = route.atModelThreshold;
    if (own) {
      console.log(
        `At the model's own threshold (chosen on its held-out slice, not on this test): t = ${own.threshold.toFixed(3)}, ` +
          `coverage ${pct(own.coverage)}, precision ${pct(own.precision)}`,
      );
    }
    console.log(
      '\nReliability of executor_org confidence on the test (bin: reports, mean confidence → accuracy)',
    );
    for (const bin of route.reliability.bins) {
      console.log(
        `  ${bin.from.toFixed(1)}–${bin.to.toFixed(1)}: ${String(bin.count).padStart(5)}, ${pct(bin.meanConfidence).padStart(7)} → ${pct(bin.accuracy)}`,
      );
    }
  }
  console.log('\nTimings');
  for (const [k, v] of Object.entries(timings)) console.log(`  ${k.padEnd(22)} ${v}`);
}

const sgdSchema = z
  .object({
    epochs: z.number().int().min(1).max(50),
    learningRate: z.number().positive(),
    averageFrom: z.number().int().min(0),
    classWeightPower: z.number().min(0).max(1),
    skipBelow: z.number().min(0),
    epochDecay: z.number().min(0).max(1),
  })
  .partial()
  .strict();

/** Training options accepted by `--options` (TrainOptions without the callbacks), checked before a long run. */
const trainOptionsSchema = z
  .object({
    features: z
      .object({
        hashBits: z.number().int().min(12).max(24),
        wordNgrams: z.union([z.literal(1), z.literal(2)]),
        charNgrams: z.tuple([z.number().int().min(1), z.number().int().max(8)]).nullable(),
        stopwords: z.boolean(),
        stem: z.boolean(),
        wordWeight: z.number().min(0),
        charWeight: z.number().min(0),
        contextWeight: z.number().min(0),
        district: z.boolean(),
        cityObject: z.boolean(),
        districtObject: z.boolean(),
        geoCells: z.array(z.number().positive()),
        address: z.boolean(),
        minDf: z.number().int().min(1),
        minContextDf: z.number().int().min(1),
      })
      .partial()
      .strict(),
    sgd: sgdSchema,
    labelSgd: z
      .object({ category: sgdSchema, reason: sgdSchema, executor_org: sgdSchema })
      .partial()
      .strict(),
    reasonMode: z.enum(['flat', 'joint', 'constrained', 'hierarchical']),
    executorGiven: z.enum(['reason', 'category']).nullable(),
    givenTopK: z.number().int().min(1).max(20),
    heldOutShare: z.number().min(0).max(0.5),
    refit: z.boolean(),
  })
  .partial()
  .strict();

/** `--options '{"features":{"charNgrams":[2,5]},"refit":false}'`: training options for experiments. */
function parseTrainOptions(text: string | undefined): TrainOptions {
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError('--options must be JSON, e.g. \'{"features":{"charNgrams":[2,5]},"refit":false}\'');
  }
  const parsed = trainOptionsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`);
    throw new UsageError(`--options: ${problems.join('; ')}`);
  }
  return parsed.data as TrainOptions;
}

/** `vmeste evaluate`: trains on one part, tests on a later part it has never seen, prints the figures. */
export async function runEvaluate(args: string[]): Promise<void> {
  await withUsageErrors(() => evaluate(args));
}

async function evaluate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      data: { type: 'string' },
      'split-month': { type: 'string' },
      seed: { type: 'string' },
      'model-out': { type: 'string' },
      options: { type: 'string' },
      json: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  const options = parseTrainOptions(values.options);
  const progress = startProgress({ label: 'Evaluating', unit: 'steps', quiet: values.quiet });
  progress.note('reading the data');
  const seed = intOption(values.seed, 'seed', 1, 0, 2 ** 31 - 1);
  let train: TrainingExample[];
  let test: TrainingExample[];
  if (values.data && values['split-month']) {
    const month = values['split-month'];
    if (!/^\d{4}-\d{2}$/u.test(month)) throw new UsageError('--split-month must look like 2021-03');
    const split = splitByMonth((await readTrainingFile(values.data)).examples, month);
    ({ train, test } = split);
    console.log(
      `Split at ${month}: train ${train.length} reports (before ${month}), test ${test.length} (${month}), ` +
        `${split.duplicatesRemoved} test reports dropped as texts seen in training, ${split.unused} unused`,
    );
  } else if (values.train && values.test) {
    train = (await readTrainingFile(values.train)).examples;
    const seen = new Set(train.map((ex) => textKey(ex.text)));
    const all = (await readTrainingFile(values.test)).examples;
    test = all.filter((ex) => !seen.has(textKey(ex.text)));
    console.log(
      `Train ${train.length} reports, test ${test.length} (${all.length - test.length} dropped as texts seen in training)`,
    );
  } else throw new UsageError(EVALUATE_USAGE);
  const { model, seconds } = trainModel(train, {
    ...options,
    seed,
    onProgress: (m) => progress.note(m),
  });
  const dir = values['model-out'] ? null : await mkdtemp(path.join(tmpdir(), 'vmeste-eval-'));
  const file = values['model-out'] ?? path.join(dir!, 'model.bin');
  try {
    const size = await saveModel(model, file);
    const t0 = performance.now();
    const loaded = await loadModel(file);
    const loadMs = performance.now() - t0;
    // The figures are those of the model as loaded from its file (quantised weights), as it will run.
    progress.note(`testing on ${test.length} reports`);
    const result = evaluateModel(loaded, test);
    const timings = {
      train: `${seconds.toFixed(1)} s for ${train.length} reports`,
      'classify (per report)': `mean ${result.classifyMs.mean.toFixed(2)} ms, median ${result.classifyMs.p50.toFixed(2)} ms, p99 ${result.classifyMs.p99.toFixed(2)} ms`,
      'model load': `${loadMs.toFixed(0)} ms`,
      'model size': `${(size / 1e6).toFixed(1)} MB`,
    };
    if (values.json) console.log(JSON.stringify({ ...result, timings, heldOut: model.info.labels }, null, 2));
    else printResult(result, timings);
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
