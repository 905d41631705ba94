import { describe, expect, it } from 'vitest';
import { CATEGORY_TREE, SUBJECTS, subjectByCode } from './categories.ts';
import { LEGAL_REASONS } from './texts/answers-common.ts';
import { SUBJECT_ANSWER_TEXTS } from './texts/answers-subjects.ts';
import { REPORT_TEXTS } from './texts/compose.ts';

describe('demo category tree', () => {
  it('has unique ASCII codes across topics and subjects', () => {
    const codes = [...CATEGORY_TREE.map((t) => t.code), ...SUBJECTS.map((s) => s.code)];
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('has 10–12 topics of 3–7 subjects each, besides the catch-all «Другое»', () => {
    expect(CATEGORY_TREE.length).toBeGreaterThanOrEqual(10);
    expect(CATEGORY_TREE.length).toBeLessThanOrEqual(12);
    for (const topic of CATEGORY_TREE.filter((t) => t.code !== 'other')) {
      expect(topic.children.length, topic.code).toBeGreaterThanOrEqual(3);
      expect(topic.children.length, topic.code).toBeLessThanOrEqual(7);
    }
  });

  it('gives every subject a positive whole SLA in working days, urgent faults 1–2', () => {
    for (const s of SUBJECTS) {
      expect(Number.isInteger(s.slaDays), s.code).toBe(true);
      expect(s.slaDays, s.code).toBeGreaterThan(0);
      expect(s.slaDays, s.code).toBeLessThanOrEqual(20);
    }
    for (const urgent of ['no-heating', 'no-cold-water', 'manhole', 'fallen-tree', 'lift']) {
      expect(subjectByCode(urgent).slaDays).toBeLessThanOrEqual(2);
    }
  });

  it('names every node in Russian and English', () => {
    for (const node of [...CATEGORY_TREE, ...SUBJECTS]) {
      expect(node.nameRu, node.code).toMatch(/[а-яё]/i);
      expect(node.nameEn, node.code).toMatch(/^[A-Z]/);
      expect(node.nameEn, node.code).not.toMatch(/[а-яё]/i);
    }
  });

  it('has report and answer texts for every subject, and legal grounds for every topic', () => {
    for (const s of SUBJECTS) {
      const texts = REPORT_TEXTS[s.code];
      expect(texts, s.code).toBeDefined();
      expect(texts?.short.length, s.code).toBeGreaterThan(0);
      expect(texts?.core.length, s.code).toBeGreaterThan(0);
      expect(texts?.asks.length, s.code).toBeGreaterThan(0);
      expect(SUBJECT_ANSWER_TEXTS[s.code]?.solved.length, s.code).toBeGreaterThan(0);
    }
    for (const t of CATEGORY_TREE) expect(LEGAL_REASONS[t.code]?.length, t.code).toBeGreaterThan(0);
    const known = new Set(SUBJECTS.map((s) => s.code));
    expect(Object.keys(REPORT_TEXTS).filter((code) => !known.has(code))).toEqual([]);
    expect(Object.keys(SUBJECT_ANSWER_TEXTS).filter((code) => !known.has(code))).toEqual([]);
  });
});
