import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import {
  type ClassifierModel,
  classify,
  LABELS,
  loadModel,
  type Prediction,
  parseInputLine,
} from '../modules/classifier/index.ts';
import { withUsageErrors } from './train.ts';

export const CLASSIFY_USAGE =
  'Usage: vmeste classify --model MODEL [--explain] < reports.jsonl > predictions.jsonl';

/** The output line of one report (PRODUCT.md §3): each label's top-1, its confidence and its top 3. */
export function presentPrediction(
  id: unknown,
  prediction: Prediction,
  withExplanation: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = { id };
  const confidence: Record<string, number | null> = {};
  for (const name of LABELS) out[name] = prediction[name]?.label ?? null;
  for (const name of LABELS) confidence[name] = prediction[name]?.confidence ?? null;
  out.confidence = confidence;
  for (const name of LABELS) out[`${name}_confidence`] = confidence[name];
  for (const name of LABELS) out[`${name}_top3`] = prediction[name]?.top3 ?? [];
  if (prediction.warnings.length > 0) out.warnings = prediction.warnings;
  if (withExplanation) out.explanation = prediction.explanation;
  return out;
}

/** Classifies JSONL reports from `input` to `output`, one line out per line in; bad lines get an `error`. */
export async function classifyStream(
  model: ClassifierModel,
  input: Readable,
  output: Writable,
  withExplanation = false,
): Promise<{ lines: number; errors: number }> {
  let lines = 0;
  let errors = 0;
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of reader) {
    if (line.trim() === '') continue;
    lines++;
    const parsed = parseInputLine(line);
    let out: Record<string, unknown>;
    if (!parsed.ok) {
      errors++;
      out = { id: parsed.id ?? null, error: parsed.error };
    } else {
      const { id, ...report } = parsed.value;
      out = presentPrediction(
        id,
        classify(model, report, { explainTerms: withExplanation ? 5 : 0 }),
        withExplanation,
      );
    }
    if (!output.write(`${JSON.stringify(out)}\n`)) await once(output, 'drain');
  }
  return { lines, errors };
}

/** `vmeste classify`: JSONL reports on stdin → JSONL predictions on stdout. */
export async function runClassify(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { model: { type: 'string' }, explain: { type: 'boolean', default: false } },
  });
  if (!values.model) {
    process.stderr.write(`${CLASSIFY_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const file = values.model;
  const model = await withUsageErrors(() => loadModel(file));
  if (!model) return;
  const { errors } = await classifyStream(model, process.stdin, process.stdout, values.explain);
  if (errors > 0)
    process.stderr.write(`${errors} input line(s) could not be classified (see their "error").\n`);
}
