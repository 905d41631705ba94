import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBaseExamples, saveBaseExamples } from './base-set.ts';
import { type LabelledReport, retrainingSet, routingChanges } from './learning.ts';
import { syntheticReports } from './synthetic.ts';
import { trainModel } from './train.ts';

const at = (day: number) => new Date(Date.UTC(2021, 0, day)).toISOString();

describe('the training set of a retraining', () => {
  const base = [
    { text: 'яма', reason: 'Яма', dt: at(1) },
    { text: 'снег', reason: 'Снег', dt: at(3) },
  ];
  const vetted: LabelledReport[] = [
    { text: 'лужа', reason: 'Лужа', dt: at(2), corrected: true, correctedAt: at(5) },
    { text: 'фонарь', reason: 'Фонарь', dt: at(4), corrected: false },
  ];

  it('keeps the original examples and adds every vetted report once (union), oldest first', () => {
    const set = retrainingSet(base, vetted, { method: 'union', correctionWeight: 3 });
    expect(set.map((e) => e.text)).toEqual(['яма', 'лужа', 'снег', 'фонарь']);
    expect(set.every((e) => !('corrected' in e) && !('correctedAt' in e))).toBe(true);
  });

  it('repeats corrected reports under reweight', () => {
    const set = retrainingSet(base, vetted, { method: 'reweight', correctionWeight: 3 });
    expect(set.map((e) => e.text)).toEqual(['яма', 'лужа', 'лужа', 'лужа', 'снег', 'фонарь']);
  });
});

describe('routing changes between two models', () => {
  it('counts the reports whose category or organisation moved, and the moves', () => {
    const reports = syntheticReports({ count: 600, seed: 3 });
    const before = trainModel(reports, { features: { hashBits: 16 }, sgd: { epochs: 2 } }).model;
    // The same reports, with every road report's organisation changed: the road routing moves.
    const moved = reports.map((r) =>
      r.category === 'Дороги' ? { ...r, executor_org: 'Новый подрядчик' } : r,
    );
    const after = trainModel(moved, { features: { hashBits: 16 }, sgd: { epochs: 2 } }).model;
    const probe = [
      { text: 'огромная яма на асфальте', district: 'Южный' },
      { text: 'во дворе не горит фонарь', district: 'Южный' },
    ];
    const changes = routingChanges(before, after, probe);
    expect(changes).toEqual({
      checked: 2,
      changed: 1,
      moves: [{ label: 'executor_org', from: 'Дорожный комитет', to: 'Новый подрядчик', reports: 1 }],
    });
    expect(routingChanges(after, after, probe)).toEqual({ checked: 2, changed: 0, moves: [] });
  });
});

describe('the original training set on disk', () => {
  it('round-trips, and is empty when it was never kept', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vmeste-base-'));
    expect(await loadBaseExamples(dir)).toEqual([]);
    const examples = syntheticReports({ count: 5, seed: 1 }).map(({ lat: _a, lon: _o, ...ex }) => ex);
    await saveBaseExamples(dir, examples);
    expect(await loadBaseExamples(dir)).toEqual(
      examples.map((ex) => ({ ...ex, lat: null, lon: null, address: null, executor_org: ex.executor_org })),
    );
  });
});
