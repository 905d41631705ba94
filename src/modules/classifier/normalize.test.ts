import { describe, expect, it } from 'vitest';
import {
  HOUSE,
  MAX_TEXT_CHARS,
  NUM,
  normalizeText,
  ORD,
  PHONE,
  STOPWORDS,
  stem,
  tokenize,
  YEAR,
} from './normalize.ts';

const tokens = (text: string) => tokenize(normalizeText(text));

describe('normalizeText', () => {
  it('lower-cases and maps ё to е', () => {
    expect(normalizeText('ЁЛКА во Дворе, ещё')).toBe('елка во дворе, еще');
  });

  it('strips URLs, e-mail addresses and emoji, and collapses spaces', () => {
    expect(normalizeText('Смотрите https://example.org/a?b=1  тут 😡👍🏽 пишите на a.b@mail.ru  ')).toBe(
      'смотрите тут пишите на',
    );
    expect(normalizeText('🙂🙂🙂')).toBe('');
  });

  it('cuts very long text', () => {
    expect(normalizeText('яма '.repeat(30_000)).length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  });
});

describe('tokenize', () => {
  it('turns numbers into placeholder tokens', () => {
    expect(tokens('5 этаж, 1-й подъезд, 3ю парадную, с 2020 года')).toEqual([
      NUM,
      'этаж',
      ORD,
      'подъезд',
      ORD,
      'парадную',
      'с',
      YEAR,
      'года',
    ]);
  });

  it('recognises house numbers in addresses', () => {
    expect(tokens('ул. Подвойского, д. 50, корп. 2, кв. 15')).toEqual([
      'ул',
      'подвойского',
      'д',
      HOUSE,
      'корп',
      HOUSE,
      'кв',
      NUM,
    ]);
    expect(tokens('Подвойского 50/2 и дом 47а')).toEqual(['подвойского', HOUSE, 'и', 'дом', HOUSE]);
  });

  it('replaces phone numbers and keeps dates and times apart from other numbers', () => {
    expect(tokens('звоните +7 (921) 123-45-67 с 12.03.2021 в 10:30')).toEqual([
      'звоните',
      PHONE,
      'с',
      '<date>',
      'в',
      '<time>',
    ]);
  });

  it('gives nothing for empty or emoji-only text and placeholders for digits only', () => {
    expect(tokens('')).toEqual([]);
    expect(tokens('😀 🎉')).toEqual([]);
    expect(tokens('12345 678')).toEqual([NUM, NUM]);
  });
});

describe('stem', () => {
  it('maps Russian word forms to one stem', () => {
    for (const forms of [
      ['фонарь', 'фонаря', 'фонари', 'фонарей', 'фонарем'],
      ['подъезд', 'подъезда', 'подъезде', 'подъездов'],
      ['горит', 'горят'],
      ['мусор', 'мусора', 'мусором'],
    ]) {
      expect(new Set(forms.map(stem)).size).toBe(1);
    }
  });

  it('treats ё and е alike once the text is normalised', () => {
    expect(stem(normalizeText('Ёлки'))).toBe(stem('елки'));
  });

  it('leaves placeholders alone', () => {
    expect(stem(HOUSE)).toBe(HOUSE);
  });
});

describe('stop words', () => {
  it('drops function words but keeps negation and words that matter in city reports', () => {
    expect(STOPWORDS.has('и')).toBe(true);
    expect(STOPWORDS.has('который')).toBe(true);
    for (const kept of ['не', 'нет', 'вода', 'дверь', 'окно', 'свет'])
      expect(STOPWORDS.has(kept)).toBe(false);
  });
});
