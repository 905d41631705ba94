import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues } from './validation.ts';

const schema = z
  .object({
    name: z.string().min(2).max(5),
    age: z.number().int(),
    email: z.email(),
    tags: z.array(z.string()).max(2),
    nested: z.object({ when: z.iso.date() }),
    plannedDate: z.string().optional(),
    result: z.enum(['solved', 'planned']),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.result === 'planned' && !b.plannedDate)
      ctx.addIssue({ code: 'custom', path: ['plannedDate'], message: 'vmeste:planned_date_required' });
  });

function issuesOf(input: unknown) {
  const r = z.safeParse(schema, input, { reportInput: true });
  if (r.success) throw new Error('expected a failure');
  return r.error.issues;
}

const cyrillic = /[а-яё]/i;

describe('describeIssues', () => {
  it('lists every problem with its path', () => {
    const issues = issuesOf({
      name: 'x',
      age: 'ten',
      email: 'nope',
      tags: ['a', 'b', 'c'],
      nested: { when: '2026-13-45' },
      result: 'solved',
      extra: 1,
    });
    const details = describeIssues(issues, 'en');
    expect(details.map((d) => d.path).sort()).toEqual(
      ['', 'age', 'email', 'name', 'nested.when', 'tags'].sort(),
    );
    expect(details).toHaveLength(issues.length);
    for (const d of details) expect(d.message.length).toBeGreaterThan(0);
  });

  it('says "Required" / «Обязательное поле» for a missing field', () => {
    const issues = issuesOf({
      age: 1,
      email: 'a@b.cd',
      tags: [],
      nested: { when: '2026-03-02' },
      result: 'solved',
    });
    expect(describeIssues(issues, 'en')).toEqual([
      { path: 'name', message: 'Required', code: 'invalid_type' },
    ]);
    expect(describeIssues(issues, 'ru')).toEqual([
      { path: 'name', message: 'Обязательное поле', code: 'invalid_type' },
    ]);
  });

  it('words string and array limits in both languages', () => {
    const long = issuesOf({
      name: 'abcdefgh',
      age: 1,
      email: 'a@b.cd',
      tags: ['a', 'b', 'c'],
      nested: { when: '2026-03-02' },
      result: 'solved',
    });
    expect(describeIssues(long, 'en').map((d) => d.message)).toEqual([
      'At most 5 characters',
      'At most 2 items',
    ]);
    expect(describeIssues(long, 'ru').map((d) => d.message)).toEqual([
      'Не длиннее 5 символов',
      'Не больше 2 элементов',
    ]);
    const short = issuesOf({
      name: 'a',
      age: 1,
      email: 'a@b.cd',
      tags: [],
      nested: { when: '2026-03-02' },
      result: 'solved',
    });
    expect(describeIssues(short, 'en')[0]!.message).toBe('At least 2 characters');
    expect(describeIssues(short, 'ru')[0]!.message).toBe('Не короче 2 символов');
  });

  it('picks the Russian plural form for the limit', () => {
    const limits = (max: number) => {
      const r = z.object({ text: z.string().max(max), tags: z.array(z.string()).max(max) }).safeParse({
        text: 'x'.repeat(max + 1),
        tags: Array.from({ length: max + 1 }, () => 'a'),
      });
      if (r.success) throw new Error('expected a failure');
      return describeIssues(r.error.issues, 'ru').map((d) => d.message);
    };
    expect(limits(1)).toEqual(['Не длиннее 1 символа', 'Не больше 1 элемента']);
    expect(limits(3)).toEqual(['Не длиннее 3 символов', 'Не больше 3 элементов']);
    expect(limits(21)).toEqual(['Не длиннее 21 символа', 'Не больше 21 элемента']);
    expect(limits(25)).toEqual(['Не длиннее 25 символов', 'Не больше 25 элементов']);
    const one = z.string().min(1).max(1).safeParse('ab');
    if (one.success) throw new Error('expected a failure');
    expect(describeIssues(one.error.issues, 'en')[0]!.message).toBe('At most 1 character');
  });

  it('names unknown fields', () => {
    const issues = issuesOf({
      name: 'ab',
      age: 1,
      email: 'a@b.cd',
      tags: [],
      nested: { when: '2026-03-02' },
      result: 'solved',
      foo: 1,
      bar: 2,
    });
    expect(describeIssues(issues, 'en')).toEqual([
      { path: '', message: 'Unknown fields: foo, bar', code: 'unrecognized_keys' },
    ]);
    expect(describeIssues(issues, 'ru')[0]!.message).toBe('Неизвестные поля: foo, bar');
  });

  it('uses zod’s own localisation for everything else', () => {
    const issues = issuesOf({
      name: 'ab',
      age: 'ten',
      email: 'nope',
      tags: [],
      nested: { when: '2026-03-02' },
      result: 'maybe',
    });
    const en = describeIssues(issues, 'en');
    const ru = describeIssues(issues, 'ru');
    expect(en.map((d) => d.path)).toEqual(['age', 'email', 'result']);
    expect(ru.map((d) => d.path)).toEqual(['age', 'email', 'result']);
    for (const d of en) expect(d.message).not.toMatch(cyrillic);
    for (const d of ru) expect(d.message).toMatch(cyrillic);
    expect(en[0]!.message).toMatch(/expected number/i);
    expect(en[2]!.message).toMatch(/solved/);
  });

  it('translates our own vmeste: keys', () => {
    const issues = issuesOf({
      name: 'ab',
      age: 1,
      email: 'a@b.cd',
      tags: [],
      nested: { when: '2026-03-02' },
      result: 'planned',
    });
    expect(describeIssues(issues, 'en')).toEqual([
      { path: 'plannedDate', message: 'A planned answer needs a date', code: 'custom' },
    ]);
    expect(describeIssues(issues, 'ru')).toEqual([
      { path: 'plannedDate', message: 'Для результата «запланировано» укажите дату', code: 'custom' },
    ]);
  });

  it.each([
    ['bbox', 'Expected bbox: minLon,minLat,maxLon,maxLat', 'Ожидается bbox: minLon,minLat,maxLon,maxLat'],
    ['legal_reason_required', 'A rejection needs a legal reason', 'Для отказа укажите правовое основание'],
    ['max_chars:4000', 'At most 4000 characters', 'Не длиннее 4000 символов'],
    ['open311_status:done', 'Unknown status: done', 'Неизвестный статус: done'],
  ])('translates vmeste:%s', (key, en, ru) => {
    const r = z
      .string()
      .refine(() => false, { message: `vmeste:${key}` })
      .safeParse('x');
    if (r.success) throw new Error('expected a failure');
    expect(describeIssues(r.error.issues, 'en')[0]!.message).toBe(en);
    expect(describeIssues(r.error.issues, 'ru')[0]!.message).toBe(ru);
  });

  it('leaves an unknown vmeste: key as it is rather than inventing a message', () => {
    const r = z
      .string()
      .refine(() => false, { message: 'vmeste:no_such_key' })
      .safeParse('x');
    if (r.success) throw new Error('expected a failure');
    expect(describeIssues(r.error.issues, 'en')[0]!.message).toBe('vmeste:no_such_key');
  });

  it('prefixes paths with the request part', () => {
    const r = z.object({ id: z.uuid(), page: z.number() }).safeParse({ id: 'x' });
    if (r.success) throw new Error('expected a failure');
    expect(describeIssues(r.error.issues, 'en', 'params').map((d) => d.path)).toEqual([
      'params.id',
      'params.page',
    ]);
    const top = z.string().safeParse(1);
    if (top.success) throw new Error('expected a failure');
    expect(describeIssues(top.error.issues, 'en', 'body')[0]!.path).toBe('body');
  });
});
