import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readTrainingFile } from '../modules/classifier/data.ts';
import { type EvaluationResult, evaluateModel, splitByMonth } from '../modules/classifier/evaluation.ts';
import { loadModel, saveModel } from '../modules/classifier/serialize.ts';
import { textKey, trainModel } from '../modules/classifier/train.ts';
import { LABELS, type TrainingExample } from '../modules/classifier/types.ts';
import { intOption } from './train.ts';

export const EVALUATE_USAGE =
  'Usage: vmeste evaluate (--train FILE --test FILE | --data FILE --split-month YYYY-MM) [--seed N] [--model-out MODEL] [--json]';

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

/** `vmeste evaluate`: trains on one part, tests on a later part it has never seen, prints the figures. */
export async function runEvaluate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      train: { type: 'string' },
      test: { type: 'string' },
      data: { type: 'string' },
      'split-month': { type: 'string' },
      seed: { type: 'string' },
      'model-out': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const seed = intOption(values.seed, 'seed', 1, 0, 2 ** 31 - 1);
  let train: TrainingExample[];
  let test: TrainingExample[];
  if (values.data && values['split-month']) {
    const month = values['split-month'];
    if (!/^\d{4}-\d{2}$/u.test(month)) throw new Error('--split-month must look like 2021-03');
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
  } else {
    process.stderr.write(`${EVALUATE_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const { model, seconds } = trainModel(train, { seed, onProgress: (m) => process.stderr.write(`  ${m}\n`) });
  const dir = values['model-out'] ? null : await mkdtemp(path.join(tmpdir(), 'vmeste-eval-'));
  const file = values['model-out'] ?? path.join(dir!, 'model.bin');
  try {
    const size = await saveModel(model, file);
    const t0 = performance.now();
    const loaded = await loadModel(file);
    const loadMs = performance.now() - t0;
    // The figures are those of the model as loaded from its file (quantised weights), as it will run.
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
