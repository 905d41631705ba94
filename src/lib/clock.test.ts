import { describe, expect, it } from 'vitest';
import { startOfHour } from './clock.ts';

describe('startOfHour', () => {
  it('drops the minutes, seconds and milliseconds, and leaves a whole hour as it is', () => {
    expect(startOfHour(new Date('2026-12-06T17:44:59.999Z')).toISOString()).toBe('2026-12-06T17:00:00.000Z');
    expect(startOfHour(new Date('2026-12-06T17:00:00.000Z')).toISOString()).toBe('2026-12-06T17:00:00.000Z');
  });
});
