import { describe, expect, it } from 'vitest';
import type { WorkingDayCalendar } from '../../lib/working-days.ts';
import { type HoursInterval, hoursProblems, openStatus, type Schedule } from './hours.ts';

const weekdays = (opens: string, closes: string, breaks: HoursInterval['breaks'] = []): HoursInterval[] =>
  [1, 2, 3, 4, 5].map((day) => ({ day, opens, closes, breaks }));

const office: Schedule = {
  hours: weekdays('09:00', '18:00', [{ from: '13:00', to: '13:48' }]),
  daysOff: [],
  observesHolidays: true,
};
// 2026-03-02 is a Monday; Moscow is UTC+3.
const at = (local: string) => new Date(`${local}+03:00`);
// 9 March 2026 (Monday) is the day off for 8 March.
const calendar: WorkingDayCalendar = {
  isWorkingDay: (d) => d.toISOString().slice(0, 10) !== '2026-03-09' && d.getUTCDay() % 6 !== 0,
};

describe('open now and the next opening', () => {
  it('is open during the day, closed over lunch, and says when it opens again', () => {
    expect(openStatus(office, calendar, at('2026-03-03T10:00'))).toEqual({
      openNow: true,
      closesAt: at('2026-03-03T13:00').toISOString(),
      nextOpening: null,
    });
    const lunch = openStatus(office, calendar, at('2026-03-03T13:10'));
    expect(lunch.openNow).toBe(false);
    expect(lunch.nextOpening?.time).toBe('13:48');
  });

  it('after Friday closing opens at 9:00 on Monday', () => {
    const s = openStatus(office, calendar, at('2026-03-06T18:00'));
    expect(s.openNow).toBe(false);
    expect(s.nextOpening).toEqual({
      at: at('2026-03-10T09:00').toISOString(),
      date: '2026-03-10',
      weekday: 2,
      time: '09:00',
    });
    // Monday 9 March is a holiday in the production calendar: Tuesday instead.
    const noHolidays = openStatus({ ...office, observesHolidays: false }, calendar, at('2026-03-06T18:00'));
    expect(noHolidays.nextOpening).toEqual({
      at: at('2026-03-09T09:00').toISOString(),
      date: '2026-03-09',
      weekday: 1,
      time: '09:00',
    });
  });

  it('skips its own days off', () => {
    const s = openStatus({ ...office, daysOff: ['2026-03-04'] }, calendar, at('2026-03-03T19:00'));
    expect(s.nextOpening?.date).toBe('2026-03-05');
  });

  it('runs across midnight: a night shift that opened on Sunday is still open on Monday morning', () => {
    const night: Schedule = {
      hours: [7, 1].map((day) => ({
        day,
        opens: '20:00',
        closes: '08:00',
        breaks: [{ from: '02:00', to: '02:30' }],
      })),
      daysOff: [],
      observesHolidays: false,
    };
    expect(openStatus(night, calendar, at('2026-03-02T01:00')).openNow).toBe(true); // Monday 01:00
    expect(openStatus(night, calendar, at('2026-03-02T02:10')).openNow).toBe(false); // the break
    expect(openStatus(night, calendar, at('2026-03-02T07:59')).closesAt).toBe(
      at('2026-03-02T08:00').toISOString(),
    );
    expect(openStatus(night, calendar, at('2026-03-02T12:00')).nextOpening?.time).toBe('20:00');
  });

  it('is open round the clock when the days join', () => {
    const allWeek: Schedule = {
      hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, opens: '00:00', closes: '24:00', breaks: [] })),
      daysOff: [],
      observesHolidays: false,
    };
    const s = openStatus(allWeek, calendar, at('2026-03-04T03:00'));
    expect(s.openNow).toBe(true);
    expect(new Date(s.closesAt!).getTime()).toBeGreaterThan(at('2026-03-20T00:00').getTime());
  });

  it('has no next opening without hours', () => {
    expect(
      openStatus({ hours: [], daysOff: [], observesHolidays: true }, calendar, at('2026-03-03T10:00')),
    ).toEqual({
      openNow: false,
      closesAt: null,
      nextOpening: null,
    });
  });
});

describe('hours problems', () => {
  it('accepts an ordinary week with lunch breaks and a night shift', () => {
    expect(
      hoursProblems([
        ...weekdays('09:00', '18:00', [{ from: '13:00', to: '14:00' }]),
        { day: 6, opens: '22:00', closes: '06:00', breaks: [] },
      ]),
    ).toEqual([]);
  });

  it('refuses overlapping intervals, also across midnight and from Sunday into Monday', () => {
    const codes = hoursProblems([
      { day: 1, opens: '09:00', closes: '13:00', breaks: [] },
      { day: 1, opens: '12:00', closes: '18:00', breaks: [] },
      { day: 2, opens: '20:00', closes: '03:00', breaks: [] },
      { day: 3, opens: '02:00', closes: '10:00', breaks: [] },
      { day: 7, opens: '22:00', closes: '10:00', breaks: [] },
    ]);
    expect(codes).toEqual([
      { path: 'hours.1', code: 'hours_overlap', params: { other: 1 } },
      { path: 'hours.4', code: 'hours_overlap', params: { other: 1 } },
      { path: 'hours.3', code: 'hours_overlap', params: { other: 3 } },
    ]);
  });

  it('refuses breaks outside their interval, overlapping breaks and empty intervals', () => {
    expect(
      hoursProblems([
        { day: 1, opens: '09:00', closes: '18:00', breaks: [{ from: '08:00', to: '10:00' }] },
        {
          day: 2,
          opens: '09:00',
          closes: '18:00',
          breaks: [
            { from: '12:00', to: '13:00' },
            { from: '12:30', to: '13:30' },
          ],
        },
        { day: 3, opens: '09:00', closes: '09:00', breaks: [] },
      ]).map((p) => [p.path, p.code]),
    ).toEqual([
      ['hours.0.breaks.0', 'hours_break_outside'],
      ['hours.1.breaks.1', 'hours_breaks_overlap'],
      ['hours.2.closes', 'hours_empty'],
    ]);
  });
});
