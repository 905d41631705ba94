import { afterEach, describe, expect, it } from 'vitest';
import { formatDate } from '../../web/src/lib/format.ts';

describe('formatDate', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it('shows a calendar date as that day in every time zone, west of Greenwich too', () => {
    for (const tz of ['America/New_York', 'Europe/Moscow', 'Asia/Vladivostok']) {
      process.env.TZ = tz;
      expect(formatDate('2026-11-07')).toBe('7 ноября 2026 г.');
    }
  });

  it('shows a moment on its day in the browser’s zone, and leaves unreadable text as it came', () => {
    process.env.TZ = 'Europe/Moscow';
    expect(formatDate('2026-11-06T22:30:00Z')).toBe('7 ноября 2026 г.');
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatDate(null)).toBe('');
  });
});
