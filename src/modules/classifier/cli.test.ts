import { Readable, Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyStream } from '../../cli/classify.ts';
import { parseTrainingLine } from './data.ts';
import type { ClassifierModel } from './model.ts';
import { syntheticReports } from './synthetic.ts';
import { trainModel } from './train.ts';

let model: ClassifierModel;

beforeAll(() => {
  model = trainModel(syntheticReports({ count: 800, seed: 31 }), {
    features: { hashBits: 16 },
    sgd: { epochs: 3 },
  }).model;
});

async function run(lines: string[]): Promise<Record<string, unknown>[]> {
  let out = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  await classifyStream(model, Readable.from([lines.join('\n')]), sink);
  return out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('vmeste classify (JSONL in, JSONL out)', () => {
  it('writes one line per input in the contract shape', async () => {
    const [line] = await run([JSON.stringify({ id: 'r1', text: 'яма на дороге', district: 'Южный' })]);
    expect(line).toMatchObject({
      id: 'r1',
      category: 'Дороги',
      reason: 'Яма на дороге',
      executor_org: 'Дорожный комитет',
    });
    const confidence = line!.confidence as Record<string, number>;
    expect(Object.keys(confidence)).toEqual(['category', 'reason', 'executor_org']);
    expect(line!.category_confidence).toBe(confidence.category);
    const top3 = line!.category_top3 as { label: string; p: number }[];
    expect(top3[0]).toEqual({ label: 'Дороги', p: confidence.category });
    expect(line!.reason_top3).toHaveLength(3);
    expect(line!.executor_org_top3).toBeInstanceOf(Array);
  });

  it('answers bad lines with an error and the same id, and goes on', async () => {
    const lines = await run([
      'not json at all',
      JSON.stringify({ id: 7, title: 'no text' }),
      '[1, 2]',
      '',
      JSON.stringify({ id: 8, text: '' }),
      JSON.stringify({ id: 9, text: 'мусор во дворе' }),
    ]);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ id: null, error: 'not_json' });
    expect(lines[1]).toEqual({ id: 7, error: 'missing_text' });
    expect(lines[2]).toEqual({ id: null, error: 'not_an_object' });
    expect(lines[3]).toMatchObject({ id: 8, warnings: ['empty_text'], confidence: { category: 0 } });
    expect(lines[4]).toMatchObject({ id: 9, category: 'Уборка' });
  });
});

describe('training lines', () => {
  it('keeps the labels present and drops empty ones', () => {
    const parsed = parseTrainingLine(
      JSON.stringify({ text: 'яма', category: 'Дороги', reason: '', executor_org: null }),
    );
    expect(parsed).toMatchObject({
      ok: true,
      value: { text: 'яма', category: 'Дороги', reason: null, executor_org: null },
    });
    expect(parseTrainingLine('{"category":"Дороги"}')).toEqual({
      ok: false,
      error: 'missing_text',
      id: null,
    });
  });
});
