import type { Readable } from 'node:stream';
import type { Executor } from '../../db/connection.ts';
import { AppError } from '../../lib/errors.ts';
import { type Cell, fromArray, tableStream } from '../../lib/tabular-export.ts';
import { type Actor, isStaff } from '../identity/index.ts';
import type { ExportQuery, Summary } from './analytics.schemas.ts';
import * as repo from './export.repo.ts';
import { getLeague } from './league.service.ts';
import { getDashboard, resolvePeriod } from './summary.service.ts';

const PAGE = 5000;

async function* reportRows(exec: Executor, q: ExportQuery, now: Date): AsyncIterable<readonly Cell[]> {
  const period = resolvePeriod(q, now);
  const filters = { territoryId: q.territoryId, categoryId: q.categoryId, organisationId: q.organisationId };
  let after = 0;
  for (;;) {
    const page = await repo.reportExportPage(exec, period, filters, after, PAGE);
    for (const r of page)
      yield [
        r.number,
        r.createdDay,
        r.category,
        r.district,
        r.organisation,
        r.status,
        r.answerWorkingDays,
        r.onTime,
        r.rating,
        r.disputed,
        r.redirected,
        r.supporters,
      ];
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.number;
  }
}

const summaryRows = (s: Summary): Cell[][] => Object.entries(s).map(([k, v]) => [k, v]);

/**
 * A table of the dashboards as CSV or XLSX, streamed. The report list is for staff only (it is one
 * row per report); the aggregate tables are as public as the dashboards.
 */
export async function exportTable(
  exec: Executor,
  actor: Actor | null,
  q: ExportQuery,
  now: Date,
): Promise<{ stream: Readable; filename: string }> {
  const name = `vmeste-${q.table}.${q.format}`;
  if (q.table === 'reports') {
    if (!isStaff(actor)) throw new AppError('forbidden');
    const header = [
      'number',
      'created_date',
      'category_code',
      'district_code',
      'organisation_code',
      'status',
      'answer_working_days',
      'answered_on_time',
      'rating',
      'disputed',
      'redirected',
      'supporters',
    ];
    return { stream: tableStream(q.format, 'reports', header, reportRows(exec, q, now)), filename: name };
  }
  if (q.table === 'league') {
    const league = await getLeague(exec, { metric: q.metric, period: 'year', n: 100, minSample: 30 }, now);
    const rows = [
      ...league.ranked.map((r, i) => [i + 1, r.organisationId, r.value, r.low, r.high, r.n]),
      ...league.unranked.map((r) => [null, r.organisationId, r.value, r.low, r.high, r.n]),
    ];
    const header = ['rank', 'organisation_id', 'value', 'low', 'high', 'n'];
    return { stream: tableStream(q.format, 'league', header, fromArray(rows)), filename: name };
  }
  const d = await getDashboard(exec, q, now);
  if (q.table === 'summary') {
    const rows = summaryRows(d.summary).map(([k, v]) => [k, v, d.previous.summary[k as keyof Summary]]);
    const header = ['figure', `${d.from}..${d.to}`, `${d.previous.from}..${d.previous.to}`];
    return { stream: tableStream(q.format, 'summary', header, fromArray(rows)), filename: name };
  }
  const points = q.table === 'months' ? d.byMonth : d.byWeek;
  const rows = points.map((p) => [p.period, p.received, p.answered, p.answeredOnTimeShare, p.meanRating]);
  const header = ['period', 'received', 'answered', 'answered_on_time_share', 'mean_rating'];
  return { stream: tableStream(q.format, q.table, header, fromArray(rows)), filename: name };
}
