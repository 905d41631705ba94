import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { exportContentType } from '../../lib/tabular-export.ts';
import type { AppContext } from '../../server/context.ts';
import { errorResponses } from '../../server/openapi.ts';
import { optionalActor } from '../../server/plugins/auth.ts';
import {
  alertsQuerySchema,
  alertsSchema,
  cellReportsQuerySchema,
  cellReportsSchema,
  choroplethQuerySchema,
  choroplethSchema,
  clustersQuerySchema,
  clustersSchema,
  dashboardSchema,
  exportQuerySchema,
  heatSchema,
  leagueQuerySchema,
  leagueSchema,
  matrixQuerySchema,
  matrixSchema,
  summaryQuerySchema,
  summarySchema,
} from './analytics.schemas.ts';
import { exportTable } from './export.service.ts';
import { getLeague } from './league.service.ts';
import { getClusters, getHeat } from './map.service.ts';
import { getCellReports, getMatrix } from './matrix.service.ts';
import { openDataCsv, openDataGeoJson, snapshotBounds } from './open-data.service.ts';
import { listAlerts } from './spikes.service.ts';
import { getChoropleth, getDashboard, getSummary } from './summary.service.ts';

export function analyticsRoutes(ctx: AppContext) {
  return async function routes(app: FastifyInstance) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['analytics'];
    r.get(
      '/api/v1/analytics/summary',
      {
        schema: {
          tags,
          summary: 'Key figures of reports received in a period (territory, subject or topic, organisation)',
          querystring: summaryQuerySchema,
          response: { 200: summarySchema, ...errorResponses },
        },
      },
      async (request) => getSummary(ctx.db, request.query, ctx.clock.now()),
    );
    r.get(
      '/api/v1/analytics/dashboard',
      {
        schema: {
          tags,
          summary: 'The summary, the previous period of equal length, and trends by month and week',
          querystring: summaryQuerySchema,
          response: { 200: dashboardSchema, ...errorResponses },
        },
      },
      async (request) => getDashboard(ctx.db, request.query, ctx.clock.now()),
    );
    r.get(
      '/api/v1/analytics/choropleth',
      {
        schema: {
          tags,
          summary: 'One figure per district, for the map coloured by it',
          querystring: choroplethQuerySchema,
          response: { 200: choroplethSchema, ...errorResponses },
        },
      },
      async (request) => getChoropleth(ctx.db, request.query, ctx.clock.now()),
    );
    r.get(
      '/api/v1/analytics/league',
      {
        schema: {
          tags,
          summary: 'League table of organisations on their last N answered reports, with 95 % intervals',
          querystring: leagueQuerySchema,
          response: { 200: leagueSchema, ...errorResponses },
        },
      },
      async (request) => getLeague(ctx.db, request.query, ctx.clock.now()),
    );
    r.get(
      '/api/v1/analytics/matrix',
      {
        schema: {
          tags,
          summary:
            'Systemic problems: subject × district cells ranked by recurrence (analysts, curators, admins)',
          querystring: matrixQuerySchema,
          response: { 200: matrixSchema, ...errorResponses },
        },
      },
      async (request) => getMatrix(ctx.db, optionalActor(request), request.query, ctx.clock.now()),
    );
    r.get(
      '/api/v1/analytics/matrix/reports',
      {
        schema: {
          tags,
          summary: 'The reports behind a matrix cell or a spike alert',
          querystring: cellReportsQuerySchema,
          response: { 200: cellReportsSchema, ...errorResponses },
        },
      },
      async (request) => getCellReports(ctx.db, optionalActor(request), request.query, ctx.clock.now()),
    );
    r.get(
      '/api/v1/analytics/alerts',
      {
        schema: {
          tags,
          summary: 'Acute spikes: a topic in a district far above its own usual rate',
          querystring: alertsQuerySchema,
          response: { 200: alertsSchema, ...errorResponses },
        },
      },
      async (request) => listAlerts(ctx.db, optionalActor(request), request.query.closed ?? false),
    );
    r.get(
      '/api/v1/analytics/export',
      {
        schema: {
          tags,
          summary: 'A dashboard table (or, for staff, the report list) as CSV or XLSX, streamed',
          querystring: exportQuerySchema,
        },
      },
      async (request, reply) => {
        const q = request.query;
        const { stream, filename } = await exportTable(ctx.db, optionalActor(request), q, ctx.clock.now());
        return reply
          .type(exportContentType[q.format])
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(stream);
      },
    );
    r.get(
      '/api/v1/map/clusters',
      {
        schema: {
          tags: ['map'],
          summary: 'Every matching report in the viewport, clustered on a grid of the zoom (GeoJSON)',
          querystring: clustersQuerySchema,
          response: { 200: clustersSchema, ...errorResponses },
        },
      },
      async (request) => getClusters(ctx.db, optionalActor(request), request.query, ctx.clock.now()),
    );
    r.get(
      '/api/v1/map/heat',
      {
        schema: {
          tags: ['map'],
          summary: 'Heat map weights of the matching reports in the viewport',
          querystring: clustersQuerySchema,
          response: { 200: heatSchema, ...errorResponses },
        },
      },
      async (request) => getHeat(ctx.db, optionalActor(request), request.query, ctx.clock.now()),
    );
    const openData =
      (ext: 'geojson' | 'csv') => async (_request: unknown, reply: import('fastify').FastifyReply) => {
        const now = ctx.clock.now();
        const { nextRefresh } = snapshotBounds(now);
        const maxAge = Math.max(60, Math.floor((nextRefresh.getTime() - now.getTime()) / 1000));
        return reply
          .type(ext === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json; charset=utf-8')
          .header('cache-control', `public, max-age=${maxAge}`)
          .header('content-disposition', `attachment; filename="vmeste-reports.${ext}"`)
          .send(ext === 'csv' ? openDataCsv(ctx.db, now) : openDataGeoJson(ctx.db, now));
      };
    r.get(
      '/api/v1/open-data/reports.geojson',
      {
        schema: {
          tags: ['open data'],
          summary: 'Open data: public reports as GeoJSON (docs/open-data.md), refreshed daily',
        },
      },
      openData('geojson'),
    );
    r.get(
      '/api/v1/open-data/reports.csv',
      {
        schema: {
          tags: ['open data'],
          summary: 'Open data: public reports as CSV (docs/open-data.md), refreshed daily',
        },
      },
      openData('csv'),
    );
  };
}
