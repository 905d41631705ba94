import { afterEach, describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from '../../web/src/lib/local-input.ts';

describe('datetime-local fields', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it("show a moment in the reader's zone and read it back as the same moment", () => {
    process.env.TZ = 'Europe/Moscow';
    expect(toLocalInput('2026-12-06T14:05:00Z')).toBe('2026-12-06T17:05');
    expect(toLocalInput(new Date('2026-12-31T22:30:00Z'))).toBe('2027-01-01T01:30');
    expect(fromLocalInput('2026-12-06T17:05')).toBe('2026-12-06T14:05:00.000Z');
    process.env.TZ = 'America/New_York';
    expect(fromLocalInput(toLocalInput('2026-12-06T14:05:00Z'))).toBe('2026-12-06T14:05:00.000Z');
  });

  it('leave an empty field empty instead of failing on it', () => {
    expect(fromLocalInput('')).toBe('');
  });
});
