import { beforeAll, describe, expect, it } from 'vitest';
import { growthRatio } from '../../../test/support/growth.ts';
import { classify, explain } from './classify.ts';
import type { ClassifierModel } from './model.ts';
import { syntheticReports } from './synthetic.ts';
import { trainModel } from './train.ts';

let model: ClassifierModel;

beforeAll(() => {
  model = trainModel(syntheticReports({ count: 1500, seed: 11 }), {
    features: { hashBits: 16 },
    sgd: { epochs: 3 },
  }).model;
});

describe('classify', () => {
  it('predicts each label with a probability, a confidence and a top 3', () => {
    const p = classify(model, {
      text: 'Во дворе не горит фонарь, темно',
      district: 'Южный',
      city_object: 'Двор',
    });
    expect(p.category).toMatchObject({ label: 'Освещение' });
    expect(p.reason).toMatchObject({ label: 'Не горит фонарь' });
    expect(p.executor_org).toMatchObject({ label: 'Освещение: служба района Южный' });
    for (const label of [p.category!, p.reason!, p.executor_org!]) {
      expect(label.top3.length).toBeLessThanOrEqual(3);
      expect(label.top3[0]).toEqual({ label: label.label, p: label.p });
      expect(label.confidence).toBe(label.p);
      const ps = label.top3.map((c) => c.p);
      expect([...ps].sort((a, b) => b - a)).toEqual(ps);
    }
    expect(p.warnings).toEqual([]);
  });

  it('keeps the reason inside the predicted category', () => {
    const p = classify(model, { text: 'огромная яма на асфальте' });
    expect(p.category!.label).toBe('Дороги');
    expect(['Яма на дороге', 'Лужа на дороге']).toContain(p.reason!.label);
  });

  it('explains itself with the terms that chose each label', () => {
    const p = classify(model, { text: 'снова не горит фонарь', district: 'Северный' });
    expect(p.explanation.category!.terms.map((t) => t.term)).toContain('фонарь');
    expect(p.explanation.executor_org!.terms.length).toBeGreaterThan(0);
    const lines = explain(p);
    expect(lines[0]).toMatch(/^category = Освещение \(p = [01]\.\d\d\): .*фонарь/);
    expect(lines).toHaveLength(3);
  });

  it('answers empty, emoji-only and digits-only text from location alone, with confidence 0', () => {
    const cases = [
      { text: '', warning: 'empty_text' },
      { text: '   ', warning: 'empty_text' },
      { text: '😡😡😡', warning: 'no_text_features' },
      { text: '12345', warning: 'no_text_features' },
    ];
    for (const c of cases) {
      const p = classify(model, { text: c.text, district: 'Северный' });
      expect(p.warnings).toEqual([c.warning]);
      for (const label of [p.category!, p.reason!, p.executor_org!]) {
        expect(label.confidence).toBe(0);
        expect(label.p).toBeGreaterThan(0);
        expect(label.top3.length).toBeGreaterThan(0);
      }
    }
  });

  it('reads only the first part of 100 KB of text', async () => {
    const texts = new Map(
      [100_000, 400_000].map((n) => [n, 'Яма на дороге, асфальт провалился. '.repeat(n / 35)]),
    );
    const p = classify(model, { text: texts.get(100_000)! });
    expect(p.category!.label).toBe('Дороги');
    expect(p.warnings).toEqual(['text_truncated']);
    // Four times the text costs no more: only its first part is read.
    const ratio = await growthRatio((n) => classify(model, { text: texts.get(n)! }), 100_000, 400_000);
    expect(ratio).toBeLessThan(2);
  });

  it('tolerates missing or odd fields', () => {
    const p = classify(model, {
      text: 'мусор',
      lat: Number.NaN,
      lon: null,
      district: null,
      address: undefined,
    });
    expect(p.category!.label).toBe('Уборка');
    // A text that is not a string (from untyped JSON) is treated as empty, not a crash.
    const q = classify(model, { text: 42 as unknown as string });
    expect(q.warnings).toEqual(['empty_text']);
  });
});
