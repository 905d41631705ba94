import { describe, expect, it } from 'vitest';
import { checkAttributes } from './open311.attributes.ts';
import { Problems } from './open311.params.ts';
import type { AttributeRow } from './open311.repo.ts';

const def = (over: Partial<AttributeRow>): AttributeRow => ({
  id: 'x',
  categoryId: 'c',
  code: 'a',
  datatype: 'string',
  required: false,
  variable: true,
  sortOrder: 1,
  descriptionRu: '',
  descriptionEn: '',
  values: [],
  ...over,
});
const list = [
  { key: 'small', nameRu: 'м', nameEn: 's' },
  { key: 'large', nameRu: 'б', nameEn: 'l' },
];

describe('extra questions', () => {
  it('keeps valid answers by type and ignores undefined attributes', () => {
    const problems = new Problems();
    const accepted = checkAttributes(
      [
        def({ code: 'size', datatype: 'singlevaluelist', values: list, required: true }),
        def({ code: 'kinds', datatype: 'multivaluelist', values: list }),
        def({ code: 'count', datatype: 'number' }),
        def({ code: 'when', datatype: 'datetime' }),
        def({ code: 'info', variable: false, required: true }),
      ],
      new Map([
        ['size', ['large']],
        ['kinds', ['small', 'large', 'small']],
        ['count', ['3']],
        ['when', ['2026-03-01T10:00:00+03:00']],
        ['fixmystreet_id', ['1']],
      ]),
      problems,
    );
    expect(problems.list).toEqual([]);
    expect(accepted).toEqual({
      size: 'large',
      kinds: ['small', 'large'],
      count: '3',
      when: '2026-03-01T07:00:00.000Z',
    });
  });

  it('lists each missing or wrong answer', () => {
    const problems = new Problems();
    checkAttributes(
      [
        def({ code: 'size', datatype: 'singlevaluelist', values: list, required: true }),
        def({ code: 'kinds', datatype: 'multivaluelist', values: list }),
        def({ code: 'count', datatype: 'number' }),
        def({ code: 'pick', datatype: 'singlevaluelist', values: list }),
        def({ code: 'note', datatype: 'string' }),
      ],
      new Map([
        ['kinds', ['small', 'huge']],
        ['count', ['many']],
        ['pick', ['small', 'large']],
        ['note', ['x'.repeat(301)]],
      ]),
      problems,
    );
    expect(problems.list.map((p) => [p.path, p.message])).toEqual([
      ['attribute[size]', 'attribute_required'],
      ['attribute[kinds]', 'vmeste:open311_not_in_list:huge'],
      ['attribute[count]', 'vmeste:open311_number'],
      ['attribute[pick]', 'vmeste:open311_single_value'],
      ['attribute[note]', 'vmeste:max_chars:300'],
    ]);
  });
});
