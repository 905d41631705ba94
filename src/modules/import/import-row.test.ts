import { describe, expect, it } from 'vitest';
import { type ImportReference, mappingSchema } from './import-mapping.ts';
import { mapRecord, parseSourceDate } from './import-row.ts';

describe('parseSourceDate', () => {
  it('reads ISO 8601 with or without an offset, applying the mapping time zone when absent', () => {
    expect(parseSourceDate('2020-10-18T14:50:40.817676', '+03:00')?.toISOString()).toBe(
      '2020-10-18T11:50:40.817Z',
    );
    expect(parseSourceDate('2020-10-18 14:50', '+03:00')?.toISOString()).toBe('2020-10-18T11:50:00.000Z');
    expect(parseSourceDate('2020-10-18', 'Z')?.toISOString()).toBe('2020-10-18T00:00:00.000Z');
    expect(parseSourceDate('2020-10-18T14:50:40Z', '+03:00')?.toISOString()).toBe('2020-10-18T14:50:40.000Z');
    expect(parseSourceDate('2020-10-18T14:50:40+0500', 'Z')?.toISOString()).toBe('2020-10-18T09:50:40.000Z');
  });

  it('rejects dates that do not exist or are not ISO 8601 instead of rolling them over', () => {
    for (const bad of [
      '2021-02-29',
      '2020-13-01',
      '2020-10-18T24:00',
      '18.10.2020',
      '2020-10-18T14:61',
      'yesterday',
      '',
    ])
      expect(parseSourceDate(bad, 'Z'), bad).toBeNull();
  });
});

const reference: ImportReference = {
  subjects: new Map([
    ['street-light', { id: '00000000-0000-4000-8000-000000000001', slaDays: 5 }],
    ['lift', { id: '00000000-0000-4000-8000-000000000002', slaDays: 1 }],
  ]),
  organisations: new Map([['city-light', '00000000-0000-4000-8000-0000000000aa']]),
};

const mapping = mappingSchema.parse({
  source: 'test',
  format: 'jsonl',
  columns: {
    externalId: 'id',
    text: 'text',
    createdAt: 'dt',
    lat: 'lat',
    lon: 'lon',
    category: 'cat',
    status: 'st',
    organisation: 'org',
  },
  categories: { Фонари: 'street-light' },
  statuses: { 'в работе': 'assigned' },
  organisations: { Ленсвет: 'city-light' },
});
const now = new Date('2026-03-02T09:00:00Z');
const base = { id: 7, text: 'Не горит', dt: '2026-02-27T10:00:00Z', lat: 59.93, lon: '30.33', cat: 'Фонари' };

describe('mapRecord', () => {
  it('maps a good record: numbers as text, the category through the map, the default status', () => {
    const m = mapRecord(3, base, mapping, reference, now);
    expect(m).toMatchObject({
      ok: true,
      row: {
        line: 3,
        externalId: '7',
        status: 'closed',
        lat: 59.93,
        lon: 30.33,
        organisationId: null,
        dueAt: null,
      },
    });
  });

  it('accepts a platform code where the map has no entry, and sets the deadline of open work', () => {
    const m = mapRecord(1, { ...base, cat: 'lift', st: 'в работе', org: 'Ленсвет' }, mapping, reference, now);
    if (!m.ok) throw new Error('expected ok');
    expect(m.row.status).toBe('assigned');
    // Friday 27 February + 1 working day = Monday 2 March.
    expect(m.row.dueAt?.toISOString().slice(0, 10)).toBe('2026-03-02');
  });

  it('lists every problem of a record, not just the first', () => {
    const m = mapRecord(
      9,
      {
        id: { x: 1 },
        text: '',
        dt: '2030-01-01',
        lat: 'north',
        lon: 200,
        cat: 'Лифты',
        st: 'потерялось',
        org: 'ЖЭК',
      },
      mapping,
      reference,
      now,
    );
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.problems.map((p) => `${p.path}:${p.code}`)).toEqual([
      'id:import_invalid_value',
      'text:import_missing_field',
      'dt:import_date_out_of_range',
      'lat:import_invalid_coordinates',
      'lon:import_invalid_coordinates',
      'cat:import_unknown_category',
      'st:import_unknown_status',
      'org:import_unknown_organisation',
    ]);
  });

  it('needs an organisation for work in progress, unless the mapping leaves unknown ones unassigned', () => {
    const noOrg = mapRecord(1, { ...base, st: 'в работе' }, mapping, reference, now);
    expect(noOrg.ok ? [] : noOrg.problems.map((p) => p.code)).toEqual(['import_organisation_required']);
    const lenient = {
      ...mapping,
      defaults: { ...mapping.defaults, unmappedOrganisation: 'unassigned' as const },
    };
    const unknown = mapRecord(1, { ...base, org: 'ЖЭК' }, lenient, reference, now);
    expect(unknown).toMatchObject({ ok: true, row: { organisationId: null } });
    const unknownButWorking = mapRecord(1, { ...base, org: 'ЖЭК', st: 'в работе' }, lenient, reference, now);
    expect(unknownButWorking.ok ? [] : unknownButWorking.problems.map((p) => p.code)).toEqual([
      'import_organisation_required',
    ]);
  });
});
