import { describe, expect, it } from 'vitest';
import { reliability, thresholdForPrecision, wilsonLower } from './calibration.ts';
import { classify } from './classify.ts';
import { decodeModel, encodeModel } from './serialize.ts';
import { syntheticReports, VAGUE_WORDS } from './synthetic.ts';
import { holdOutNewest, type TrainOptions, trainModel } from './train.ts';

// Small and quick: 2^16 buckets and few epochs are plenty for the generated reports.
const FAST: TrainOptions = { features: { hashBits: 16 }, sgd: { epochs: 3 } };

describe('trainModel', () => {
  it('learns all three labels from generated reports', () => {
    const { model } = trainModel(syntheticReports({ count: 1200, seed: 1 }), FAST);
    const test = syntheticReports({ count: 300, seed: 2 });
    let right = 0;
    for (const ex of test) {
      const p = classify(model, ex);
      if (
        p.category?.label === ex.category &&
        p.reason?.label === ex.reason &&
        p.executor_org?.label === ex.executor_org
      ) {
        right++;
      }
    }
    expect(right / test.length).toBeGreaterThan(0.95);
  });

  it('gives a byte-identical model for the same seed, and a different one for another seed', () => {
    const data = syntheticReports({ count: 600, seed: 3 });
    const a = encodeModel(trainModel(data, { ...FAST, seed: 7 }).model);
    const b = encodeModel(trainModel(data, { ...FAST, seed: 7 }).model);
    const c = encodeModel(trainModel(data, { ...FAST, seed: 8 }).model);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('skips a line only for the labels it lacks', () => {
    const data = syntheticReports({ count: 800, seed: 4, missingReason: 0.25, missingExecutor: 0.5 });
    const { model } = trainModel(data, { ...FAST, heldOutShare: 0 });
    const withReason = data.filter((ex) => ex.reason).length;
    const withExecutor = data.filter((ex) => ex.executor_org).length;
    expect(model.info.labels.category).toMatchObject({ trained: 800, skipped: 0 });
    expect(model.info.labels.reason).toMatchObject({ trained: withReason, skipped: 800 - withReason });
    expect(model.info.labels.executor_org).toMatchObject({
      trained: withExecutor,
      skipped: 800 - withExecutor,
    });
  });

  it('learns only the labels present, and refuses data with none', () => {
    const data = syntheticReports({ count: 300, seed: 5 }).map(({ text, district, category }) => ({
      text,
      district,
      category,
    }));
    const { model } = trainModel(data, FAST);
    expect(Object.keys(model.labels)).toEqual(['category']);
    const p = classify(model, { text: 'не горит фонарь' });
    expect(p.category?.label).toBe('Освещение');
    expect(p.reason).toBeNull();
    expect(p.executor_org).toBeNull();
    expect(() => trainModel([{ text: 'яма' }], FAST)).toThrow(/label/);
  });
});

describe('reason modes', () => {
  it('can train the reason as a softmax within each category (hierarchical)', () => {
    const { model } = trainModel(syntheticReports({ count: 1200, seed: 9 }), {
      ...FAST,
      reasonMode: 'hierarchical',
    });
    expect(model.labels.reason!.hierarchy?.parent).toBe('category');
    const loaded = decodeModel(encodeModel(model));
    const p = classify(loaded, { text: 'огромная яма на асфальте' });
    expect(p.category!.label).toBe('Дороги');
    expect(p.reason!.label).toBe('Яма на дороге');
    expect(p.explanation.reason!.terms.map((t) => t.term)).toContain('яма');
  });

  it('keeps reason probabilities consistent with the category in joint mode', () => {
    const { model } = trainModel(syntheticReports({ count: 1200, seed: 10 }), FAST);
    expect(model.reasonMode).toBe('joint');
    const p = classify(model, { text: 'лужа во дворе' });
    expect(p.category!.label).toBe('Дороги');
    expect(
      p
        .reason!.top3.map((c) => c.label)
        .slice(0, 2)
        .sort(),
    ).toEqual(['Лужа на дороге', 'Яма на дороге']);
  });
});

describe('calibration', () => {
  it('gives confidences that match accuracy: high on clear reports, low on vague ones', () => {
    // A third of the reports say nothing about the problem ("просьба разобраться") and carry a random label.
    const data = syntheticReports({ count: 3000, seed: 6, ambiguous: 0.3 });
    const { model } = trainModel(data, { ...FAST, heldOutShare: 0.3 });
    expect(model.info.labels.category!.heldOut).toBeGreaterThan(500);
    const test = syntheticReports({ count: 1500, seed: 7, ambiguous: 0.3 });
    const conf: number[] = [];
    const correct: boolean[] = [];
    const vague: boolean[] = [];
    for (const ex of test) {
      const p = classify(model, ex).category!;
      conf.push(p.p);
      correct.push(p.label === ex.category);
      vague.push(VAGUE_WORDS.includes(ex.text.split(' ')[0]!));
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const accuracy = correct.filter(Boolean).length / correct.length;
    expect(Math.abs(mean(conf) - accuracy)).toBeLessThan(0.06);
    const clearConf = conf.filter((_, i) => !vague[i]);
    const vagueConf = conf.filter((_, i) => vague[i]);
    expect(mean(clearConf)).toBeGreaterThan(0.95);
    expect(mean(vagueConf)).toBeLessThan(0.7);
    expect(reliability(conf, correct).ece).toBeLessThan(0.08);
  });

  it('is confident on a cleanly separable set', () => {
    const { model } = trainModel(syntheticReports({ count: 1200, seed: 8 }), FAST);
    const p = classify(model, { text: 'сугробы снега во дворе', district: 'Южный' });
    expect(p.category).toMatchObject({ label: 'Уборка' });
    expect(p.category!.confidence).toBeGreaterThan(0.95);
  });

  it('finds the lowest threshold that keeps the precision', () => {
    const conf = [0.99, 0.98, 0.97, 0.9, 0.8, 0.7];
    const correct = [true, true, true, true, false, false];
    expect(thresholdForPrecision(conf, correct, 0.97, { minCount: 1 })).toEqual({
      threshold: 0.9,
      coverage: 4 / 6,
      precision: 1,
    });
    expect(thresholdForPrecision([0.6], [false], 0.97, { minCount: 1 })).toBeNull();
    // Four right out of four is not enough evidence for 97 % once the Wilson lower bound is asked for.
    expect(thresholdForPrecision(conf, correct, 0.97, { minCount: 1, z: 1.645 })).toBeNull();
    expect(wilsonLower(970, 1000)).toBeGreaterThan(0.955);
    expect(wilsonLower(970, 1000)).toBeLessThan(0.97);
  });
});

describe('holdOutNewest', () => {
  it('holds out the newest reports and drops texts also seen in the rest', () => {
    const data = [
      { text: 'а', dt: '2021-01-03' },
      { text: 'б', dt: '2021-01-01' },
      { text: 'Б ', dt: '2021-01-04' },
      { text: 'в', dt: '2021-01-02' },
    ];
    const { fitPart, heldOut } = holdOutNewest(data, 0.5);
    expect(fitPart.map((e) => e.text)).toEqual(['б', 'в']);
    expect(heldOut.map((e) => e.text)).toEqual(['а']);
  });
});
