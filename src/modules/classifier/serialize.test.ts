import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import type { ClassifierModel } from './model.ts';
import { decodeModel, encodeModel, loadModel, ModelFormatError, saveModel } from './serialize.ts';
import { syntheticReports } from './synthetic.ts';
import { trainModel } from './train.ts';

let model: ClassifierModel;
let bytes: Buffer;
let dir: string;

beforeAll(async () => {
  model = trainModel(syntheticReports({ count: 1000, seed: 21 }), {
    features: { hashBits: 16 },
    sgd: { epochs: 3 },
  }).model;
  bytes = encodeModel(model);
  dir = await mkdtemp(path.join(tmpdir(), 'vmeste-classifier-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('model file', () => {
  it('round-trips: the loaded model predicts as the trained one', async () => {
    const file = path.join(dir, 'model.bin');
    const size = await saveModel(model, file);
    expect(size).toBe(bytes.length);
    const loaded = await loadModel(file);
    expect(loaded.labels.reason!.classes).toEqual(model.labels.reason!.classes);
    expect(loaded.labels.executor_org!.temperature).toBe(model.labels.executor_org!.temperature);
    for (const input of syntheticReports({ count: 100, seed: 22 })) {
      const a = classify(model, input);
      const b = classify(loaded, input);
      for (const name of ['category', 'reason', 'executor_org'] as const) {
        expect(b[name]!.label).toBe(a[name]!.label);
        expect(Math.abs(b[name]!.p - a[name]!.p)).toBeLessThan(0.02);
      }
    }
  });

  it('encodes the same model to the same bytes', () => {
    expect(encodeModel(model).equals(bytes)).toBe(true);
  });

  const corrupt: [string, () => Buffer, RegExp][] = [
    ['an empty file', () => Buffer.alloc(0), /not complete gzip data/],
    ['a truncated file', () => bytes.subarray(0, Math.floor(bytes.length / 2)), /not complete gzip data/],
    [
      'random bytes',
      () => Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 37) % 256)),
      /not complete gzip data/,
    ],
    [
      'another gzip file',
      () => gzipSync(Buffer.from('{"hello":"world"} and more text to pass the size check')),
      /wrong signature/,
    ],
    [
      'a model with a changed byte',
      () => {
        const raw = decodeRaw(bytes);
        raw[raw.length - 100] = raw[raw.length - 100]! ^ 0xff;
        return gzipSync(raw);
      },
      /checksum mismatch/,
    ],
  ];

  for (const [what, make, message] of corrupt) {
    it(`rejects ${what} with a ModelFormatError`, async () => {
      const data = make();
      expect(() => decodeModel(data)).toThrow(ModelFormatError);
      expect(() => decodeModel(data)).toThrow(message);
      const file = path.join(dir, 'bad.bin');
      await writeFile(file, data);
      await expect(loadModel(file)).rejects.toThrow(ModelFormatError);
      await expect(loadModel(file)).rejects.toThrow(file);
    });
  }
});

function decodeRaw(data: Buffer): Buffer {
  // Test helper: the uncompressed model bytes.
  return gunzipSync(data);
}
