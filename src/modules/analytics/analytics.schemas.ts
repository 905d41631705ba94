import { z } from 'zod';
import { DAY_MAX, DAY_MIN } from '../calendar/calendar.schemas.ts';
import { reportStatuses } from '../reports/report-states.ts';

/** The longest period a dashboard, a trend or an export covers: two years, leap day included. */
export const MAX_PERIOD_DAYS = 731;
export const MAX_ZOOM = 20;

/** A real calendar date YYYY-MM-DD (not 30 February). */
const isRealDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const ms = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(s);
};

const isoDate = z
  .string()
  .refine(isRealDate, { message: 'vmeste:iso_date' })
  // Bounded as every day the platform takes (calendar.schemas.ts): year 0 and 9999 answered 500.
  .refine((s) => !isRealDate(s) || (s >= DAY_MIN && s <= DAY_MAX), { message: 'vmeste:day_out_of_range' })
  .describe('A local date YYYY-MM-DD (Moscow time), 1900–2100');

const dayNumber = (s: string): number => Date.parse(`${s}T00:00:00Z`) / 86_400_000;

/** Adds the period's own problems (reversed, too long): every one, each on its field. */
function refinePeriod(v: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void {
  // A period is given whole or not at all (then it is the 30 days up to today).
  if (v.from && !v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'vmeste:required' });
  if (v.to && !v.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'vmeste:required' });
  if (!v.from || !v.to || !isRealDate(v.from) || !isRealDate(v.to)) return;
  const days = dayNumber(v.to) - dayNumber(v.from) + 1;
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['from'], message: 'vmeste:period_reversed' });
  else if (days > MAX_PERIOD_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'vmeste:period_too_long' });
}

const flag = z.enum(['true', 'false'], { message: 'vmeste:boolean_flag' }).transform((s) => s === 'true');

const statusList = z
  .string()
  .transform((s) => s.split(','))
  .pipe(z.array(z.enum(reportStatuses, { message: 'vmeste:status_list' })));

/** The list filters the dashboards, the map and the exports share. */
const filterFields = {
  from: isoDate.optional().describe('First day of the period, with `to` (default: the 30 days up to today)'),
  to: isoDate.optional().describe('Last day of the period, included'),
  territoryId: z.uuid().optional().describe('A district, or the region (its districts)'),
  categoryId: z.uuid().optional().describe('A subject, or a topic (its subjects)'),
  organisationId: z.uuid().optional(),
};

/** Query of the dashboard endpoints. Unknown parameters are refused, each named. */
export const summaryQuerySchema = z.strictObject(filterFields).superRefine(refinePeriod);
export type SummaryQuery = z.output<typeof summaryQuerySchema>;

const share = z.number().min(0).max(1).nullable();

export const summarySchema = z.object({
  received: z.number().int(),
  inProgress: z.number().int().describe('Received in the period and still open work now'),
  overdue: z.number().int().describe('Received in the period, the answer owed and its deadline passed now'),
  answered: z.number().int(),
  answeredOnTimeShare: share.describe('Answered by the deadline, of the answered ones with a deadline'),
  medianAnswerWorkingDays: z.number().nullable().describe('Lower median (percentile_disc), working days'),
  p90AnswerWorkingDays: z.number().nullable(),
  solvedShare: share.describe('Confirmed solved by the resident, of the answered ones'),
  meanRating: z.number().nullable(),
  disputeRate: share.describe('Disputed ("not solved"), of the answered ones'),
  redirectRate: share.describe('Handed to another organisation at least once, of the received ones'),
  satisfiedShare: share.describe('Rated 4 or 5, of the rated ones'),
  supporters: z.number().int(),
  closedWithoutRating: z.number().int().describe('Closed by the auto-closing job with no rating or dispute'),
});
export type Summary = z.infer<typeof summarySchema>;

export const trendPointSchema = z.object({
  period: z.string().describe('First day of the week (Monday) or month'),
  received: z.number().int(),
  answered: z.number().int(),
  answeredOnTimeShare: share,
  meanRating: z.number().nullable(),
});

export const dashboardSchema = z.object({
  from: z.string(),
  to: z.string(),
  summary: summarySchema,
  previous: z.object({ from: z.string(), to: z.string(), summary: summarySchema }),
  byMonth: z.array(trendPointSchema),
  byWeek: z.array(trendPointSchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** bbox=west,south,east,north in degrees; every problem of it is listed. */
export const bboxSchema = z.string().transform((s, ctx) => {
  const parts = s.split(',');
  if (parts.length !== 4) {
    ctx.addIssue({ code: 'custom', message: 'vmeste:bbox_format' });
    return z.NEVER;
  }
  const nums = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  const names = ['west', 'south', 'east', 'north'] as const;
  let bad = false;
  nums.forEach((n, i) => {
    const path = [names[i]!];
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', path, message: 'vmeste:bbox_not_number' });
      bad = true;
    } else if (i % 2 === 0 ? Math.abs(n) > 180 : Math.abs(n) > 85.0511) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: i % 2 === 0 ? 'vmeste:bbox_longitude' : 'vmeste:bbox_latitude',
      });
      bad = true;
    }
  });
  const [west, south, east, north] = nums as [number, number, number, number];
  if (!bad && west > east)
    ctx.addIssue({ code: 'custom', path: ['east'], message: 'vmeste:bbox_antimeridian' });
  if (!bad && south > north)
    ctx.addIssue({ code: 'custom', path: ['north'], message: 'vmeste:bbox_south_north' });
  if (bad || west > east || south > north) return z.NEVER;
  return { west, south, east, north };
});
export type Bbox = { west: number; south: number; east: number; north: number };

const mapFilterFields = {
  ...filterFields,
  status: statusList.optional().describe('Comma-separated statuses'),
  overdue: flag.optional().describe('Only reports whose answer is overdue now'),
};

export const clustersQuerySchema = z
  .strictObject({
    bbox: bboxSchema.describe('west,south,east,north in degrees (WGS 84)'),
    zoom: z.coerce
      .number({ message: 'vmeste:zoom_range' })
      .int({ message: 'vmeste:zoom_range' })
      .min(0, { message: 'vmeste:zoom_range' })
      .max(MAX_ZOOM, { message: 'vmeste:zoom_range' }),
    ...mapFilterFields,
  })
  .superRefine(refinePeriod);
export type ClustersQuery = z.output<typeof clustersQuerySchema>;

export const clusterFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  properties: z.object({
    count: z.number().int().min(1),
    id: z.uuid().optional().describe('The report, when the feature is a single report'),
    status: z.enum(reportStatuses).optional().describe('Its status, when the feature is a single report'),
  }),
});

export const clustersSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(clusterFeatureSchema),
  total: z.number().int().describe('Matching reports in the viewport: the sum of the counts'),
  cellPixels: z.number().int(),
});
export type Clusters = z.infer<typeof clustersSchema>;

/** Heat map: grid cells (a finer grid than the clusters) with their weight. */
export const heatSchema = z.object({
  points: z.array(z.tuple([z.number(), z.number(), z.number()])).describe('[lat, lon, count]'),
});

export const choroplethMetrics = [
  'received',
  'overdue',
  'answeredOnTimeShare',
  'disputeRate',
  'meanRating',
] as const;

export const choroplethQuerySchema = z
  .strictObject({ ...filterFields, metric: z.enum(choroplethMetrics).default('received') })
  .superRefine(refinePeriod);

export const choroplethSchema = z.object({
  metric: z.enum(choroplethMetrics),
  items: z.array(
    z.object({ territoryId: z.uuid(), value: z.number().nullable(), received: z.number().int() }),
  ),
});

export const leagueMetrics = [
  'answered_on_time',
  'solved',
  'satisfied',
  'dispute_rate',
  'median_answer_days',
] as const;
export type LeagueMetric = (typeof leagueMetrics)[number];

export const leaguePeriods = ['quarter', 'year', 'two_years'] as const;

export const leagueQuerySchema = z.strictObject({
  metric: z.enum(leagueMetrics).default('answered_on_time'),
  period: z.enum(leaguePeriods).default('year').describe('How far back the last N answered reports may go'),
  n: z.coerce
    .number()
    .int()
    .min(10)
    .max(1000)
    .default(100)
    .describe("Each organisation's last N answered reports"),
  minSample: z.coerce
    .number()
    .int()
    .min(5)
    .max(1000)
    .default(30)
    .describe('Below this an organisation is not ranked'),
});
export type LeagueQuery = z.output<typeof leagueQuerySchema>;

export const leagueRowSchema = z.object({
  organisationId: z.uuid(),
  value: z.number().nullable(),
  low: z.number().nullable().describe('95 % interval: Wilson for shares, order statistics for medians'),
  high: z.number().nullable(),
  n: z.number().int(),
});
export type LeagueRow = z.infer<typeof leagueRowSchema>;

export const leagueSchema = z.object({
  metric: z.enum(leagueMetrics),
  higherIsBetter: z.boolean(),
  ranked: z.array(leagueRowSchema),
  unranked: z.array(leagueRowSchema).describe('Below the minimum sample: listed, never ranked'),
});
export type League = z.infer<typeof leagueSchema>;

export const exportFormats = ['csv', 'xlsx'] as const;
export const exportTables = ['summary', 'months', 'weeks', 'league', 'reports'] as const;
export const exportQuerySchema = z
  .strictObject({
    ...filterFields,
    table: z.enum(exportTables).describe('A dashboard table, the league, or the report list (staff)'),
    format: z.enum(exportFormats).default('csv'),
    metric: z.enum(leagueMetrics).default('answered_on_time').describe('For table=league'),
  })
  .superRefine(refinePeriod);
export type ExportQuery = z.output<typeof exportQuerySchema>;

export const matrixQuerySchema = z
  .strictObject({
    from: filterFields.from,
    to: filterFields.to,
    territoryId: filterFields.territoryId,
    categoryId: filterFields.categoryId,
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .superRefine(refinePeriod);
export type MatrixQuery = z.output<typeof matrixQuerySchema>;

const matrixCellSchema = z.object({
  categoryId: z.uuid(),
  territoryId: z.uuid(),
  reports: z.number().int(),
  merged: z.number().int().describe('Duplicates merged into another report'),
  disputed: z.number().int(),
  redirected: z.number().int(),
  samePlace: z.number().int().describe('Reports at a place (50 m) reported more than once'),
  score: z.number().describe('reports + 2·merged + 3·disputed + 2·redirected + 2·samePlace'),
});

export const matrixSchema = z.object({ from: z.string(), to: z.string(), cells: z.array(matrixCellSchema) });

export const cellReportsQuerySchema = z
  .strictObject({
    from: filterFields.from,
    to: filterFields.to,
    territoryId: z.uuid(),
    categoryId: z.uuid(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .superRefine(refinePeriod);

export const cellReportsSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      status: z.string(),
      createdDay: z.string(),
      merged: z.boolean(),
      disputed: z.boolean(),
      redirected: z.boolean(),
      address: z.string().nullable().describe('Null for a private report: its address is personal data'),
    }),
  ),
});

export const alertsQuerySchema = z.strictObject({
  closed: flag.optional().describe('Include closed alerts'),
});

export const alertsSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      categoryId: z.uuid().describe('The topic'),
      territoryId: z.uuid(),
      openedDay: z.string(),
      closedDay: z.string().nullable(),
      observed: z.number().int().describe('Reports in the seven days that raised (or last tested) it'),
      expected: z.number().describe('What the history predicts for those days'),
      pValue: z.number(),
      window: z
        .object({ from: z.string(), to: z.string() })
        .describe('Drill down: the cell reports of these days'),
    }),
  ),
});
