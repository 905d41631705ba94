import { Readable } from 'node:stream';
import type { Executor } from '../../db/connection.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { type Cell, csvStream } from '../../lib/tabular-export.ts';
import { endOfLocalDay, localDateOf } from '../../lib/working-days.ts';
import * as repo from './open-data.repo.ts';

/** The licence of the open data (docs/open-data.md), carried in every file. */
export const OPEN_DATA_LICENCE = 'CC-BY-4.0';
export const OPEN_DATA_LICENCE_URL = 'https://creativecommons.org/licenses/by/4.0/';
const PAGE = 2000;

/** The daily snapshot: reports filed up to the end of yesterday (local time), and when it next changes. */
export function snapshotBounds(now: Date): { before: Date; nextRefresh: Date; asOf: string } {
  const today = localDateOf(now);
  const before = new Date(endOfLocalDay(new Date(today.getTime() - DAY_MS)).getTime() + 1);
  const nextRefresh = new Date(endOfLocalDay(today).getTime() + 1);
  return { before, nextRefresh, asOf: new Date(today.getTime() - DAY_MS).toISOString().slice(0, 10) };
}

/** Every open-data row, page by page (keyset on the public number): memory stays one page. */
export async function* openDataRows(exec: Executor, before: Date): AsyncIterable<repo.OpenDataRow> {
  let after = 0;
  for (;;) {
    const page = await repo.openDataPage(exec, after, before, PAGE);
    for (const row of page) yield row;
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.number;
  }
}

/** The CSV columns, in order (docs/open-data.md describes each). */
export const openDataColumns = [
  'number',
  'created_date',
  'category_code',
  'category_ru',
  'category_en',
  'topic_code',
  'district_code',
  'district_ru',
  'status',
  'organisation_code',
  'organisation_ru',
  'answered_date',
  'answer_working_days',
  'answered_on_time',
  'solved',
  'rating',
  'disputed',
  'supporters',
  'lon',
  'lat',
  'location_precision',
  'licence',
] as const;

function properties(r: repo.OpenDataRow): Record<(typeof openDataColumns)[number], Cell> {
  return {
    number: r.number,
    created_date: r.createdDate,
    category_code: r.categoryCode,
    category_ru: r.categoryRu,
    category_en: r.categoryEn,
    topic_code: r.topicCode,
    district_code: r.districtCode,
    district_ru: r.districtRu,
    status: r.status,
    organisation_code: r.organisationCode,
    organisation_ru: r.organisationRu,
    answered_date: r.answeredDate,
    answer_working_days: r.answerWorkingDays,
    answered_on_time: r.answeredOnTime,
    solved: r.solved,
    rating: r.rating,
    disputed: r.disputed,
    supporters: r.supporters,
    lon: r.lon,
    lat: r.lat,
    location_precision: r.coarsened ? 'coarsened' : 'exact',
    licence: OPEN_DATA_LICENCE,
  };
}

export function openDataCsv(exec: Executor, now: Date): Readable {
  const { before } = snapshotBounds(now);
  async function* rows() {
    for await (const r of openDataRows(exec, before)) {
      const p = properties(r);
      yield openDataColumns.map((c) => p[c]);
    }
  }
  return csvStream(openDataColumns, rows());
}

export function openDataGeoJson(exec: Executor, now: Date): Readable {
  const { before, asOf } = snapshotBounds(now);
  async function* chunks() {
    yield `{"type":"FeatureCollection","licence":${JSON.stringify(OPEN_DATA_LICENCE)},"licenceUrl":${JSON.stringify(OPEN_DATA_LICENCE_URL)},"asOf":"${asOf}","features":[`;
    let first = true;
    let buffer = '';
    for await (const r of openDataRows(exec, before)) {
      const { lon, lat, ...rest } = properties(r);
      buffer += `${first ? '' : ','}${JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: rest,
      })}`;
      first = false;
      if (buffer.length > 65_536) {
        yield buffer;
        buffer = '';
      }
    }
    yield `${buffer}]}`;
  }
  return Readable.from(chunks(), { objectMode: false });
}
