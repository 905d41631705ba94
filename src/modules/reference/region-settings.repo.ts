import { eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/connection.ts';
import { regionSettings, territories } from '../../db/schema/reference.ts';

export type RegionSettingsRow = typeof regionSettings.$inferSelect;

export async function findRegionSettings(
  exec: Executor,
  lock = false,
): Promise<RegionSettingsRow | undefined> {
  const rows = await queryRows<RegionSettingsRow>(
    exec,
    sql`SELECT id, name_ru AS "nameRu", name_en AS "nameEn", map_center_lat AS "mapCenterLat",
          map_center_lon AS "mapCenterLon", map_zoom AS "mapZoom", tile_url AS "tileUrl", languages,
          dispute_window_days AS "disputeWindowDays", clarification_timeout_days AS "clarificationTimeoutDays",
          nearest_district_tolerance_meters AS "nearestDistrictToleranceMeters", updated_at AS "updatedAt"
        FROM ${regionSettings} WHERE id = 1 ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  const row = rows[0];
  return row ? { ...row, updatedAt: new Date(row.updatedAt) } : undefined;
}

/** The one row: inserted on the first save, updated afterwards. */
export async function saveRegionSettings(
  exec: Executor,
  values: Omit<RegionSettingsRow, 'id'>,
): Promise<void> {
  const existing = await exec
    .select({ id: regionSettings.id })
    .from(regionSettings)
    .where(eq(regionSettings.id, 1));
  if (existing.length === 0) await exec.insert(regionSettings).values({ id: 1, ...values });
  else await exec.update(regionSettings).set(values).where(eq(regionSettings.id, 1));
}

/** The region territory's names: the default region name before an admin sets one. */
export async function regionTerritoryName(
  exec: Executor,
): Promise<{ nameRu: string; nameEn: string } | undefined> {
  const rows = await queryRows<{ nameRu: string; nameEn: string }>(
    exec,
    sql`SELECT name_ru AS "nameRu", name_en AS "nameEn" FROM ${territories}
        WHERE kind = 'region' ORDER BY code LIMIT 1`,
  );
  return rows[0];
}
