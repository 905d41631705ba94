import { parseArgs } from 'node:util';
import {
  LABELS,
  ModelFormatError,
  readTrainingFile,
  saveModel,
  trainModel,
} from '../modules/classifier/index.ts';
import { startProgress } from './progress.ts';

export const TRAIN_USAGE = 'Usage: vmeste train --input FILE.jsonl[.gz] --out MODEL [--seed N] [--quiet]';

/** A wrong command line or an unreadable input file: one line on stderr, exit code 2, no stack trace. */
export class UsageError extends Error {}

/**
 * Runs a command body, turning usage errors, missing files and damaged models into one clear line
 * (and null); anything else is a bug and goes up with its stack.
 */
export async function withUsageErrors<T>(run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (
      err instanceof UsageError ||
      err instanceof ModelFormatError ||
      code === 'ENOENT' ||
      code === 'EISDIR'
    ) {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exitCode = 2;
      return null;
    }
    throw err;
  }
}

/** Integer option within a range, or a clear error. */
export function intOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`;
}

/** `vmeste train`: learns every label present in a JSONL file and writes the model file. */
export async function runTrain(args: string[]): Promise<void> {
  await withUsageErrors(() => train(args));
}

async function train(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      input: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (!values.input || !values.out) throw new UsageError(TRAIN_USAGE);
  const seed = intOption(values.seed, 'seed', 1, 0, 2 ** 31 - 1);
  // Training has stages, not a count: each one is noted with the time since the start.
  const progress = startProgress({ label: 'Training', unit: 'steps', quiet: values.quiet });
  progress.note(`reading ${values.input}`);
  const file = await readTrainingFile(values.input);
  const skipped = Object.entries(file.skipped);
  console.log(
    `Read ${file.lines} lines: ${file.examples.length} usable` +
      (skipped.length ? `, skipped ${skipped.map(([why, n]) => `${n} (${why})`).join(', ')}` : ''),
  );
  const { model, seconds } = trainModel(file.examples, { seed, onProgress: (m) => progress.note(m) });
  const size = await saveModel(model, values.out);
  for (const name of LABELS) {
    const r = model.info.labels[name];
    if (!r) {
      console.log(`  ${name}: no labelled lines, not learned`);
      continue;
    }
    console.log(
      `  ${name}: ${r.trained} lines learned, ${r.skipped} without this label skipped; ${r.classes} classes; ` +
        `held-out accuracy ${pct(r.heldOutAccuracy)} on ${r.heldOut}, temperature ${r.temperature}` +
        (r.threshold97 ? `, 97 % precision at confidence ≥ ${r.threshold97.threshold.toFixed(3)}` : ''),
    );
  }
  console.log(`Trained in ${seconds.toFixed(1)} s; wrote ${values.out} (${(size / 1e6).toFixed(1)} MB).`);
}
