import type { Db } from '../../db/connection.ts';
import { MicroBatcher } from '../../lib/micro-batcher.ts';
import type { AppConfig } from '../../server/config.ts';
import type { Actor } from '../identity/index.ts';
import { loadVisibleReport, visibilityFor } from '../reports/index.ts';
import { SHORT_TEXT_MAX, SIMILAR_LIMIT, type SimilarReport } from './duplicates.schemas.ts';
import { findSimilarMany, type SimilarRow, type SimilarSearch } from './similar.repo.ts';

export type DuplicatesDeps = {
  db: Db;
  config: Pick<AppConfig, 'duplicateRadiusMeters' | 'duplicateMinSimilarity'>;
  /** Searches arriving together answered by one statement (similarBatch); else one statement each. */
  batch?: SimilarBatch;
};

export type SimilarBatch = MicroBatcher<SimilarSearch, SimilarRow[]>;

/**
 * One per process: the look-ups that arrive within one turn of the event loop (every submission of
 * an intake batch asks for its similar reports) share one statement.
 */
export function similarBatch(db: Db): SimilarBatch {
  return new MicroBatcher((searches) => findSimilarMany(db, searches));
}

export type SimilarInput = {
  categoryId: string;
  lat: number;
  lon: number;
  text?: string | undefined;
  /** The report the search starts from, left out of the results. */
  excludeId?: string | undefined;
};

/** The start of a text, cut at a word where one is near, so a list stays short. */
export function shortText(text: string, max = SHORT_TEXT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function presentSimilar(r: SimilarRow): SimilarReport {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    category: {
      id: r.categoryId,
      code: r.categoryCode,
      name: { ru: r.categoryNameRu, en: r.categoryNameEn },
    },
    distanceMeters: Math.round(r.meters),
    similarity: Math.round(r.similarity * 100) / 100,
    shortText: shortText(r.text),
    supportCount: r.supportCount,
    createdAt: (r.createdAt instanceof Date ? r.createdAt : new Date(r.createdAt)).toISOString(),
    isMine: r.isMine,
    supportedByMe: r.supportedByMe,
  };
}

/**
 * Open reports of the same subject within the configured radius whose text looks alike, among
 * those the caller may see (so a private or unmoderated report is never offered to a stranger).
 */
export async function findSimilarReports(
  deps: DuplicatesDeps,
  actor: Actor | null,
  input: SimilarInput,
): Promise<SimilarReport[]> {
  const search: SimilarSearch = {
    categoryId: input.categoryId,
    lat: input.lat,
    lon: input.lon,
    text: input.text?.trim() ?? '',
    radiusMeters: deps.config.duplicateRadiusMeters,
    minSimilarity: deps.config.duplicateMinSimilarity,
    excludeId: input.excludeId ?? null,
    actorId: actor?.id ?? null,
    visibility: visibilityFor(actor),
    limit: SIMILAR_LIMIT,
  };
  const rows = deps.batch ? await deps.batch.submit(search) : (await findSimilarMany(deps.db, [search]))[0]!;
  return rows.map(presentSimilar);
}

/** Reports that look like this one: the candidates staff may merge it into. */
export async function similarToReport(
  deps: DuplicatesDeps,
  actor: Actor | null,
  reportId: string,
): Promise<SimilarReport[]> {
  const row = await loadVisibleReport(deps.db, actor, reportId);
  return findSimilarReports(deps, actor, {
    categoryId: row.categoryId,
    lat: row.lat,
    lon: row.lon,
    text: row.text,
    excludeId: row.id,
  });
}
