import { describe, expect, it } from 'vitest';
import { formatRegionDate, renderTemplate, unknownPlaceholders } from './placeholders.ts';

const values = {
  number: '1024',
  address: 'Невский пр., 1',
  category: 'Не горит фонарь',
  organisation: 'Ленсвет',
  due_date: '09.03.2026',
  today: '02.03.2026',
};

describe('answer template placeholders', () => {
  it('fills in every known placeholder, as often as it appears', () => {
    expect(
      renderTemplate(
        'По сообщению № {number} ({category}) по адресу {address}: {organisation}, {today}; № {number}',
        values,
      ),
    ).toBe('По сообщению № 1024 (Не горит фонарь) по адресу Невский пр., 1: Ленсвет, 02.03.2026; № 1024');
    expect(renderTemplate('Срок — {due_date}.', values)).toBe('Срок — 09.03.2026.');
  });

  it('finds unknown placeholders, typos and wrong case included, each once', () => {
    expect(unknownPlaceholders('{number} {Number} {due date} {foo} {foo} {}')).toEqual([
      '{Number}',
      '{due date}',
      '{foo}',
      '{}',
    ]);
    expect(unknownPlaceholders('Без подстановок, только скобки: ( ) и {одна открытая')).toEqual([]);
    expect(unknownPlaceholders('{number}{address}{category}{organisation}{due_date}{today}')).toEqual([]);
  });

  it('writes dates in the region’s local time', () => {
    // 22:30 UTC on 1 March is already 2 March in Saint Petersburg.
    expect(formatRegionDate(new Date('2026-03-01T22:30:00Z'))).toBe('02.03.2026');
    expect(formatRegionDate(new Date('2026-12-31T20:59:59Z'))).toBe('31.12.2026');
  });
});
