import { describe, expect, it } from 'vitest';
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

  it('is linear on hostile input', () => {
    // How the time grows, not how long it takes (a wall-clock bound failed under a loaded CI at
    // 711 ms for ~50 ms of work): four times the input costs about four times as much when linear,
    // sixteen times when quadratic. The best of three runs of each keeps a pause out of the ratio.
    const hostile = (n: number) => `${'1 '.repeat(n)}@${'a'.repeat(n)}`;
    const cost = (n: number) => {
      const text = hostile(n);
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        maskContacts(text);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    cost(1_000); // warm the regular expressions up
    const small = cost(12_500);
    const large = cost(50_000);
    expect(large / small).toBeLessThan(9);
  });
});

describe('coarsen', () => {
  it('rounds to two decimals (about a kilometre)', () => {
    expect(coarsen(59.934312)).toBe(59.93);
  });
});
