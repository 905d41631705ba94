import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../server/openapi.ts';
import { requireAuth } from '../../server/plugins/auth.ts';
import {
  calendarDayBodySchema,
  calendarDayParamsSchema,
  calendarDaySchema,
  calendarYearListSchema,
  calendarYearParamsSchema,
  calendarYearSchema,
  deadlineSummarySchema,
} from './calendar.schemas.ts';
import {
  type CalendarDeps,
  getCalendarYear,
  listCalendarYears,
  resetCalendarDay,
  setCalendarDay,
} from './calendar.service.ts';
import { deadlineSummary } from './escalation.service.ts';

export function calendarRoutes(deps: CalendarDeps) {
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['calendar'];

    r.get(
      '/api/v1/calendar',
      {
        schema: {
          tags,
          summary: 'Years with a production calendar',
          response: { 200: calendarYearListSchema, ...errorResponses },
        },
      },
      async () => listCalendarYears(deps),
    );

    r.get(
      '/api/v1/calendar/:year',
      {
        schema: {
          tags,
          summary: "A year's production calendar: holidays, transferred days, shortened days",
          params: calendarYearParamsSchema,
          response: { 200: calendarYearSchema, ...errorResponses },
        },
      },
      async (request) => getCalendarYear(deps, request.params.year),
    );

    r.put(
      '/api/v1/admin/calendar/days/:day',
      {
        schema: {
          tags,
          summary: 'Set one date of the production calendar (admin)',
          params: calendarDayParamsSchema,
          body: calendarDayBodySchema,
          response: { 200: calendarDaySchema, ...errorResponses },
        },
      },
      async (request) => setCalendarDay(deps, requireAuth(request).actor, request.params.day, request.body),
    );

    r.delete(
      '/api/v1/admin/calendar/days/:day',
      {
        schema: {
          tags,
          summary: 'Return one date to the plain rule: Monday to Friday work (admin)',
          params: calendarDayParamsSchema,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await resetCalendarDay(deps, requireAuth(request).actor, request.params.day);
        return reply.status(204).send(null);
      },
    );

    r.get(
      '/api/v1/deadlines/summary',
      {
        schema: {
          tags: ['deadlines'],
          summary:
            'Running, nearly due, overdue and escalated reports per organisation (staff, scoped to what they handle)',
          response: { 200: deadlineSummarySchema, ...errorResponses },
        },
      },
      async (request) => deadlineSummary(deps, requireAuth(request).actor),
    );
  };
}
