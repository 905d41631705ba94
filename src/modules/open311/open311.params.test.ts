import { describe, expect, it } from 'vitest';
import { growthRatio, LINEAR_AT_8X } from '../../../test/support/growth.ts';
import { parseForm } from './open311.form.ts';
import { dateWindow, isEmail, Problems, parseBbox, parseCoordinate } from './open311.params.ts';

const now = new Date('2026-03-02T09:00:00Z');
const window = (query: string) => {
  const problems = new Problems();
  return { result: dateWindow(parseForm(query), now, problems), problems: problems.list };
};

describe('Open311 date windows', () => {
  it('defaults to the last 90 days', () => {
    const { result } = window('');
    expect(result!.to).toEqual(now);
    expect(result!.from).toEqual(new Date('2025-12-02T09:00:00Z'));
    expect(result!.spanTooLong).toBe(false);
  });

  it('runs 90 days from a start or to an end', () => {
    expect(window('start_date=2026-01-01T00:00:00Z').result!.to).toEqual(new Date('2026-04-01T00:00:00Z'));
    expect(window('end_date=2026-01-01').result!.from).toEqual(new Date('2025-10-03T00:00:00Z'));
  });

  it('allows exactly 90 days and flags more', () => {
    expect(window('start_date=2026-01-01&end_date=2026-04-01').result!.spanTooLong).toBe(false);
    expect(window('start_date=2026-01-01&end_date=2026-04-01T00:00:01Z').result!.spanTooLong).toBe(true);
  });

  it('lists malformed and reversed dates', () => {
    expect(window('start_date=yesterday&end_date=2026-13-45').problems.map((p) => p.path)).toEqual([
      'start_date',
      'end_date',
    ]);
    expect(window('start_date=2026-02-01&end_date=2026-01-01').problems.map((p) => p.path)).toEqual([
      'end_date',
    ]);
  });
});

describe('Open311 coordinates and bbox', () => {
  it('accepts WGS84 ranges only', () => {
    const problems = new Problems();
    expect(parseCoordinate(parseForm('lat=59.93'), 'lat', problems)).toBe(59.93);
    expect(parseCoordinate(parseForm('lat=90.5'), 'lat', problems)).toBeUndefined();
    expect(parseCoordinate(parseForm('long=-180'), 'long', problems)).toBe(-180);
    expect(parseCoordinate(parseForm('long=1e2'), 'long', problems)).toBeUndefined();
    expect(problems.list.map((p) => p.path)).toEqual(['lat', 'long']);
  });

  it('reads bbox as minLong,minLat,maxLong,maxLat', () => {
    const problems = new Problems();
    expect(parseBbox(parseForm('bbox=30.1,59.8,30.5,60.1'), problems)).toEqual({
      minLon: 30.1,
      minLat: 59.8,
      maxLon: 30.5,
      maxLat: 60.1,
    });
    expect(parseBbox(parseForm('bbox=30.5,59.8,30.1,60.1'), problems)).toBeUndefined();
    expect(problems.list).toHaveLength(1);
  });
});

describe('isEmail', () => {
  it('accepts plain addresses and refuses the rest', () => {
    expect(isEmail('name@example.org')).toBe(true);
    for (const bad of [
      'name',
      'name@',
      '@example.org',
      'a@b',
      'a@@b.c',
      'a b@c.d',
      'a@b.',
      `a@${'b'.repeat(260)}.ru`,
    ])
      expect(isEmail(bad), bad).toBe(false);
  });

  it('is linear: hostile 60,000-character values take no time', async () => {
    const hostile = (n: number) => [`a@${'.'.repeat(n)}@`, `a@${'a'.repeat(n)}`, '@'.repeat(n)];
    const values = new Map([7_500, 60_000].map((n) => [n, hostile(n)]));
    // The regular expression it replaced took seconds on these and grew with the square of the length.
    const ratio = await growthRatio((n) => values.get(n)!.forEach(isEmail), 7_500, 60_000);
    expect(ratio).toBeLessThan(LINEAR_AT_8X);
  });
});
