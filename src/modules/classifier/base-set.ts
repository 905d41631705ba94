import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readTrainingFile } from './data.ts';
import type { TrainingExample } from './types.ts';

/**
 * The original training set (what the first model learnt from: the demo's generated reports, or an
 * imported history) kept beside the models, so that a retraining learns from it plus the vetted
 * reports and corrections, instead of letting a few dozen vetted reports replace a model trained on
 * thousands.
 */
const BASE_FILE = path.join('classifier', 'base-examples.jsonl.gz');

export function baseExamplesFile(dataDir: string): string {
  return path.join(dataDir, BASE_FILE);
}

/** Writes the original training set (gzip JSONL, to a temporary name then renamed: never half a file). */
export async function saveBaseExamples(dataDir: string, examples: readonly TrainingExample[]): Promise<void> {
  const file = baseExamplesFile(dataDir);
  await mkdir(path.dirname(file), { recursive: true });
  const lines = examples.map((ex) =>
    JSON.stringify({
      text: ex.text,
      district: ex.district ?? null,
      city_object: ex.city_object ?? null,
      dt: ex.dt ?? null,
      category: ex.category ?? null,
      reason: ex.reason ?? null,
      executor_org: ex.executor_org ?? null,
    }),
  );
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, gzipSync(`${lines.join('\n')}\n`));
  await rename(tmp, file);
}

/** The original training set, or none when it was never kept (a deployment that started without one). */
export async function loadBaseExamples(dataDir: string): Promise<TrainingExample[]> {
  const file = baseExamplesFile(dataDir);
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) return [];
  const { examples } = await readTrainingFile(file);
  return examples.map(({ id: _id, ...ex }) => ex);
}
