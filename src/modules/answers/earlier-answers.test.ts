import { describe, expect, it } from 'vitest';
import {
  CATCH_UP_OVERLAP_MS,
  EARLIER_ANSWERS_COMPARED,
  EARLIER_ANSWERS_KEPT,
  EarlierAnswers,
  type PublishedAnswerRow,
} from './earlier-answers.ts';
import { similarity, trigrams } from './text-similarity.ts';

const t0 = Date.parse('2026-11-02T09:00:00Z');
const published = (n: number, o: Partial<PublishedAnswerRow> = {}): PublishedAnswerRow => ({
  id: `answer-${n}`,
  reportId: `report-${n}`,
  reportNumber: n,
  text: `Ответ номер ${'а'.repeat(n % 7)} по обращению`,
  publishedAt: new Date(t0 + n * 1000),
  ...o,
});
const numbers = (list: { reportNumber: number }[]) => list.map((a) => a.reportNumber);

describe("the node's copy of an organisation's earlier answers", () => {
  it('reads everything the first time, then from just before the newest answer kept', () => {
    const kept = new EarlierAnswers();
    expect(kept.readSince('org')).toBeNull();
    kept.compareWith('org', [published(2), published(1)], 'report-x');
    expect(kept.readSince('org')?.getTime()).toBe(t0 + 2000 - CATCH_UP_OVERLAP_MS);
    // Another organisation's copy is its own.
    expect(kept.readSince('other')).toBeNull();
    expect(kept.readSince(null)).toBeNull();
  });

  it('adds what was read since, once, newest first, and leaves out the report under review', () => {
    const kept = new EarlierAnswers();
    kept.compareWith('org', [published(3), published(2), published(1)], 'report-x');
    // The overlap reads 3 again, and 4 arrived meanwhile (published on another node).
    const compared = kept.compareWith('org', [published(4), published(3)], 'report-2');
    expect(numbers(compared)).toEqual([4, 3, 1]);
    // Compared ready-made: the kept trigrams are the text's.
    const first = compared[0] as { grams: Float64Array };
    expect(similarity(first.grams, trigrams(published(4).text))).toBe(1);
  });

  it('keeps an answer stamped earlier that committed after a later one was read (the overlap)', () => {
    const kept = new EarlierAnswers();
    kept.compareWith('org', [published(10)], 'report-x');
    // Stamped 5 s before the newest kept, committed after it was read: still inside the overlap.
    const late = published(5, { publishedAt: new Date(t0 + 10_000 - 5_000) });
    expect(late.publishedAt.getTime()).toBeGreaterThan(kept.readSince('org')!.getTime());
    expect(numbers(kept.compareWith('org', [published(10), late], 'report-x'))).toEqual([10, 5]);
  });

  it('compares with the latest 500 answers to other reports, however many were read', () => {
    const kept = new EarlierAnswers();
    const many = Array.from({ length: EARLIER_ANSWERS_KEPT + 50 }, (_, i) =>
      published(EARLIER_ANSWERS_KEPT + 50 - i),
    );
    const compared = kept.compareWith('org', many, 'report-x');
    expect(compared).toHaveLength(EARLIER_ANSWERS_COMPARED);
    expect(compared[0]!.reportNumber).toBe(EARLIER_ANSWERS_KEPT + 50);
    // One report's own answers out, the next ones in: still 500, from the kept margin.
    const without = kept.compareWith('org', [], `report-${EARLIER_ANSWERS_KEPT + 50}`);
    expect(without).toHaveLength(EARLIER_ANSWERS_COMPARED);
    expect(without[0]!.reportNumber).toBe(EARLIER_ANSWERS_KEPT + 49);
  });

  it('drops the least recently checked organisations beyond its memory bound, never the current one', () => {
    const kept = new EarlierAnswers();
    // Long texts: about 4,000 distinct trigrams each, so a few organisations fill the bound.
    const long = (n: number) =>
      Array.from(
        { length: 1200 },
        (_, i) => `слово${String.fromCharCode(0x430 + ((n + i) % 32), 0x430 + (i % 31))}`,
      ).join(' ');
    const rows = (org: number) =>
      Array.from({ length: EARLIER_ANSWERS_KEPT }, (_, i) =>
        published(i + 1, { id: `${org}-${i}`, text: long(i) }),
      );
    kept.compareWith('first', rows(1), 'report-x');
    for (let org = 2; org <= 4; org++) kept.compareWith(`org-${org}`, rows(org), 'report-x');
    expect(kept.readSince('first')).toBeNull();
    expect(kept.readSince('org-4')).not.toBeNull();
  });
});
