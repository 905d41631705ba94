import {
  type CalendarDayBody,
  type CalendarYearView,
  calendarDaySchema,
  calendarYearListSchema,
  calendarYearSchema,
} from '@shared/calendar/calendar.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const calendarQueryKey = (year: number) => ['calendar', year] as const;

export function useCalendarYears() {
  return useQuery({
    queryKey: ['calendar', 'years'],
    queryFn: ({ signal }) => api('/api/v1/calendar', { schema: calendarYearListSchema, signal }),
  });
}

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: calendarQueryKey(year),
    queryFn: ({ signal }): Promise<CalendarYearView> =>
      api(`/api/v1/calendar/${year}`, { schema: calendarYearSchema, signal }),
  });
}

type DayEdit = { day: string; body: CalendarDayBody | null };

/** Sets a date (body) or returns it to the weekday rule (null); the admin only. */
export function useEditCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ day, body }: DayEdit) =>
      body
        ? api(`/api/v1/admin/calendar/days/${day}`, { method: 'PUT', body, schema: calendarDaySchema })
        : api(`/api/v1/admin/calendar/days/${day}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendar'] }),
  });
}
