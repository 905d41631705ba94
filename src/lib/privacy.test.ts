import { describe, expect, it } from 'vitest';
import { growthRatio, LINEAR_AT_8X } from '../../test/support/growth.ts';
import { CONTACT_MASK, coarsen, maskContacts } from './privacy.ts';

describe('maskContacts', () => {
  it('masks phone numbers and e-mail addresses people type into reports', () => {
    for (const contact of [
      '+7 (912) 345-67-89',
      '8 912 345 67 89',
      '89123456789',
      '345-67-89',
      'ivan.petrov@mail.ru',
    ])
      expect(maskContacts(`Звоните: ${contact}, после 18:00`)).toBe(`Звоните: ${CONTACT_MASK}, после 18:00`);
  });

  it('leaves house numbers, dates and counts alone', () => {
    const text = 'Дом 12, кв. 45, с 2 марта 2026 года не горят 3 фонаря';
    expect(maskContacts(text)).toBe(text);
  });

  it('is linear on hostile input', async () => {
    const hostile = (n: number) => `${'1 '.repeat(n)}@${'a'.repeat(n)}`;
    const texts = new Map([6_250, 50_000].map((n) => [n, hostile(n)]));
    expect(await growthRatio((n) => maskContacts(texts.get(n)!), 6_250, 50_000)).toBeLessThan(LINEAR_AT_8X);
  });
});

describe('coarsen', () => {
  it('rounds to two decimals (about a kilometre)', () => {
    expect(coarsen(59.934312)).toBe(59.93);
  });
});
