import { describe, expect, it } from 'vitest';
import {
  answerDueAt,
  appealMilestones,
  extendedDueAt,
  moderationDueAt,
  workingDaysLeft,
} from './deadlines.ts';
import { ProductionCalendar } from './production-calendar.ts';
import { shippedCalendar } from './ru-calendar-data.ts';

const calendar = new ProductionCalendar(shippedCalendar.days);
const endOf = (d: string) => new Date(`${d}T23:59:59.999+03:00`);
const at = (d: string, time = '12:00') => new Date(`${d}T${time}:00+03:00`);

describe('answerDueAt', () => {
  it('gives a report its category SLA in working days from routing', () => {
    const routedAt = at('2026-03-05');
    expect(
      answerDueAt(calendar, 'report', { slaDays: 5 }, { routedAt, registeredAt: at('2026-03-01') }),
    ).toEqual(
      // 6, 10, 11, 12, 13 March (9 March is a holiday).
      endOf('2026-03-13'),
    );
  });

  it('has no deadline for a category without SLA', () => {
    const t = at('2026-03-05');
    expect(answerDueAt(calendar, 'report', { slaDays: null }, { routedAt: t, registeredAt: t })).toBeNull();
  });

  it('gives an appeal 30 calendar days from registration, whatever the SLA and routing', () => {
    const due = answerDueAt(
      calendar,
      'appeal',
      { slaDays: 5 },
      {
        routedAt: at('2026-03-10'),
        registeredAt: at('2026-03-02'),
      },
    );
    expect(due).toEqual(endOf('2026-04-01'));
  });

  it('moves an appeal deadline that falls on a day off to the next working day', () => {
    // 2 April + 30 days = 2 May (Saturday after the 1 May holiday) → Monday 4 May.
    const t = at('2026-04-02');
    expect(answerDueAt(calendar, 'appeal', { slaDays: null }, { routedAt: t, registeredAt: t })).toEqual(
      endOf('2026-05-04'),
    );
  });
});

describe('appeal milestones and moderation', () => {
  it('registers an appeal within 3 days and redirects it within 7', () => {
    expect(appealMilestones(calendar, at('2026-03-02'))).toEqual({
      registrationDueAt: endOf('2026-03-05'),
      redirectDueAt: endOf('2026-03-10'), // 9 March is a holiday.
    });
  });

  it('sets a moderation deadline in working hours when the category has one', () => {
    expect(moderationDueAt(calendar, { moderationHours: 4 }, at('2026-03-06', '16:00'))).toEqual(
      at('2026-03-10', '12:00'), // one hour on Friday (to 17:00), three on Tuesday
    );
    expect(moderationDueAt(calendar, { moderationHours: null }, at('2026-03-06'))).toBeNull();
  });
});

describe('extension and what is left', () => {
  it('extends a report in working days and an appeal in calendar days', () => {
    expect(extendedDueAt(calendar, 'report', endOf('2026-04-30'), 3)).toEqual(endOf('2026-05-06'));
    expect(extendedDueAt(calendar, 'appeal', endOf('2026-04-01'), 30)).toEqual(endOf('2026-05-04'));
  });

  it('counts working days left, zero on the day it is due and negative after', () => {
    const due = endOf('2026-03-10');
    expect(workingDaysLeft(calendar, due, at('2026-03-05'))).toBe(2); // 6 and 10 March
    expect(workingDaysLeft(calendar, due, at('2026-03-06'))).toBe(1);
    expect(workingDaysLeft(calendar, due, at('2026-03-10'))).toBe(0);
    expect(workingDaysLeft(calendar, due, at('2026-03-11'))).toBe(-1);
    expect(workingDaysLeft(calendar, due, at('2026-03-16'))).toBe(-4); // 11, 12, 13, 16 March
  });
});
