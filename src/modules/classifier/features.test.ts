import { describe, expect, it } from 'vitest';
import { contextKeys, crossKeys, extractFeatures, streetOf, textTokens } from './features.ts';
import { bucketOf, createRng, FAMILY, hashString } from './hashing.ts';
import { DEFAULT_FEATURES } from './types.ts';

const cfg = DEFAULT_FEATURES;

describe('text features', () => {
  it('gives word forms of one lemma the same word feature', () => {
    const a = extractFeatures({ text: 'Не горит фонарь' }, cfg);
    const b = extractFeatures({ text: 'не горят фонари!' }, cfg);
    expect([...a.words.buckets].sort()).toEqual([...b.words.buckets].sort());
  });

  it('removes stop words, keeps negation and forms bigrams of stems', () => {
    expect(textTokens('И во дворе не горит фонарь', cfg).stems).toEqual(['двор', 'не', 'гор', 'фонар']);
    const f = extractFeatures({ text: 'не горит' }, cfg, true);
    expect([...f.terms!.values()]).toContain('не горит');
  });

  it('adds character n-grams of 2 to 4 letters within each word', () => {
    const f = extractFeatures({ text: 'яма' }, { ...cfg, wordNgrams: 1 });
    // "^яма$": 4 bigrams, 3 trigrams, 2 four-grams.
    expect(f.chars.buckets.length).toBe(9);
    expect(f.words.buckets.length).toBe(1);
  });

  it('counts lexical tokens without number placeholders', () => {
    expect(extractFeatures({ text: '12345 678' }, cfg).lexicalTokens).toBe(0);
    expect(extractFeatures({ text: '🙂' }, cfg).lexicalTokens).toBe(0);
    expect(extractFeatures({ text: 'дом 5' }, cfg).lexicalTokens).toBe(1);
  });

  it('stays bounded for 100 KB of text', () => {
    const f = extractFeatures({ text: 'очень длинная жалоба на яму '.repeat(4000) }, cfg);
    expect(f.words.buckets.length).toBeLessThan(50);
  });
});

describe('context features', () => {
  it('one-hot district, object type and their cross, normalised', () => {
    expect(contextKeys({ text: '', district: ' Невский ', city_object: 'Двор' }, cfg)).toEqual([
      'district=невский',
      'object=двор',
      'district×object=невский|двор',
    ]);
  });

  it('adds geo cells and address keys when configured', () => {
    const keys = contextKeys(
      { text: '', lat: 59.99, lon: 30.19, address: 'г.Санкт-Петербург, Мебельная улица, дом 47, корпус 1' },
      { ...cfg, geoCells: [0.01], address: true },
    );
    expect(keys).toEqual([
      'cell0.01=5999:1509',
      'address=г.санкт-петербург, мебельная улица, дом 47, корпус 1',
      'street=г.санкт-петербург, мебельная улица',
    ]);
    expect(streetOf('мебельная улица, д. 5')).toBe('мебельная улица');
    expect(streetOf('территория парка')).toBeNull();
  });

  it('crosses context with a value of another label', () => {
    expect(crossKeys({ text: '', district: 'Невский' }, 'Мусор')).toEqual([
      'given=Мусор',
      'district=невский|given=Мусор',
    ]);
  });
});

describe('hashing', () => {
  it('is deterministic, stays inside the space and separates families', () => {
    expect(hashString('двор', 1)).toBe(hashString('двор', 1));
    expect(hashString('двор', 1)).not.toBe(hashString('двор', 2));
    const b = bucketOf('двор', FAMILY.word, 20);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThan(2 ** 20);
  });

  it('has a seeded generator that repeats its sequence', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
