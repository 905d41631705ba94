import { describe, expect, it } from 'vitest';
import type { WorkingDayCalendar } from '../../lib/working-days.ts';
import { ProductionCalendar } from '../calendar/production-calendar.ts';
import { shippedCalendar } from '../calendar/ru-calendar-data.ts';
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

describe('the production calendar in working hours', () => {
  // The shipped 2026 calendar, plus a working Saturday as a decree may set (7 March 2026, before the
  // 8 March holiday) — the real ProductionCalendar the directory reads.
  const production = new ProductionCalendar([
    ...shippedCalendar.days,
    { day: '2026-03-07', isWorking: true, isShortened: true, note: 'Рабочая суббота' },
  ]);
  const withSaturday: Schedule = {
    ...office,
    hours: [
      ...weekdays('09:00', '18:00', [{ from: '13:00', to: '13:48' }]),
      { day: 6, opens: '10:00', closes: '14:00', breaks: [] },
    ],
  };

  it('opens on a transferred working Saturday with its weekday hours (breaks and the shortened day too)', () => {
    const morning = openStatus(office, production, at('2026-03-07T09:30'));
    expect(morning).toEqual({
      openNow: true,
      closesAt: at('2026-03-07T13:00').toISOString(),
      nextOpening: null,
    });
    expect(openStatus(office, production, at('2026-03-07T13:20')).nextOpening).toMatchObject({
      date: '2026-03-07',
      time: '13:48',
    });
    // A pre-holiday day is an hour shorter (Labour Code art. 95): closed at 17:00, not 18:00.
    const late = openStatus(office, production, at('2026-03-07T17:10'));
    expect(late.openNow).toBe(false);
    // Sunday 8 March is the holiday and Monday 9 March its day off: next Tuesday at 9:00.
    expect(late.nextOpening).toEqual({
      at: at('2026-03-10T09:00').toISOString(),
      date: '2026-03-10',
      weekday: 2,
      time: '09:00',
    });
    // Its own Saturday hours give way to the weekday's on a working Saturday.
    expect(openStatus(withSaturday, production, at('2026-03-07T16:00')).openNow).toBe(true);
    // Without the transfer the Saturday is its own: closed for the office, 10–14 for the other.
    expect(openStatus(office, production, at('2026-03-14T10:00')).openNow).toBe(false);
    expect(openStatus(withSaturday, production, at('2026-03-14T10:00')).openNow).toBe(true);
  });

  it('ignores the calendar where the organisation does not observe it', () => {
    expect(
      openStatus({ ...office, observesHolidays: false }, production, at('2026-03-07T10:00')).openNow,
    ).toBe(false);
    expect(
      openStatus({ ...office, observesHolidays: false }, production, at('2026-03-09T10:00')).openNow,
    ).toBe(true);
  });

  it('closes on holidays, also on a Saturday it usually works, and says when it opens after them', () => {
    // Saturday 3 January 2026 is a New Year holiday: the Saturday hours do not apply.
    expect(openStatus(withSaturday, production, at('2026-01-03T11:00')).openNow).toBe(false);
    expect(openStatus(withSaturday, production, at('2026-01-10T11:00')).openNow).toBe(true);
    // On the evening of 30 December: the New Year holidays run from 31 December to 11 January.
    const s = openStatus(office, production, at('2026-12-30T19:00'));
    expect(s.nextOpening).toMatchObject({ date: '2027-01-11', weekday: 1, time: '09:00' });
  });

  it('keeps a night shift that opened before a holiday open past midnight into it', () => {
    const night: Schedule = {
      hours: [1, 2, 3, 4, 5].map((day) => ({ day, opens: '20:00', closes: '08:00', breaks: [] })),
      daysOff: [],
      observesHolidays: true,
    };
    // Friday 6 March 20:00 → Saturday 7 March 08:00 (Friday's shift), then the working Saturday's own
    // shift (its weekday hours) at 20:00; Monday 9 March (a holiday) has none.
    expect(openStatus(night, production, at('2026-03-07T03:00')).openNow).toBe(true);
    expect(openStatus(night, production, at('2026-03-07T21:00')).openNow).toBe(true);
    expect(openStatus(night, production, at('2026-03-09T21:00')).openNow).toBe(false);
    // Sunday night's shift belongs to Sunday, which the office does not work; Monday the 9th is off:
    // from Sunday 8 March 09:00 the next opening is Tuesday 10 March at 20:00.
    expect(openStatus(night, production, at('2026-03-08T09:00')).nextOpening).toMatchObject({
      date: '2026-03-10',
      time: '20:00',
    });
  });
});
