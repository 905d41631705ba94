import type { Db, Executor } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { AppConfig } from '../../server/config.ts';
import { writeAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './region-settings.repo.ts';
import type { RegionSettings, UpdateRegionSettings } from './region-settings.schemas.ts';

/** The environment's values, used until an admin first saves the settings (and as their starting point). */
export type RegionDefaults = Partial<
  Pick<AppConfig, 'disputeWindowDays' | 'clarificationTimeoutDays' | 'regionToleranceMeters' | 'mapTileUrl'>
>;

export type EffectiveRegionSettings = Omit<RegionSettings, 'updatedAt'> & { updatedAt: Date | null };

/**
 * How long a node keeps the settings it read: an admin's change reaches every other node within
 * this (PRODUCT.md: "takes effect without a restart on every node"); the node that saved it at once.
 */
export const REGION_SETTINGS_TTL_MS = 5_000;

const DEFAULT_ZOOM = 11;

type Cached = { value: EffectiveRegionSettings; expires: number };
/** Per database (each app, and each test app, has its own), so tests never see another's settings. */
const cache = new WeakMap<object, Cached>();

function fromRow(row: repo.RegionSettingsRow): EffectiveRegionSettings {
  return {
    name: { ru: row.nameRu, en: row.nameEn },
    mapCenter:
      row.mapCenterLat !== null && row.mapCenterLon !== null
        ? { lat: row.mapCenterLat, lon: row.mapCenterLon }
        : null,
    mapZoom: row.mapZoom,
    tileUrl: row.tileUrl,
    languages: row.languages as RegionSettings['languages'],
    disputeWindowDays: row.disputeWindowDays,
    clarificationTimeoutDays: row.clarificationTimeoutDays,
    nearestDistrictToleranceMeters: row.nearestDistrictToleranceMeters,
    stored: true,
    updatedAt: row.updatedAt,
  };
}

async function fromDefaults(exec: Executor, d: RegionDefaults): Promise<EffectiveRegionSettings> {
  const region = await repo.regionTerritoryName(exec);
  return {
    name: { ru: region?.nameRu ?? 'Вместе', en: region?.nameEn ?? 'Vmeste' },
    mapCenter: null,
    mapZoom: DEFAULT_ZOOM,
    tileUrl: d.mapTileUrl ?? 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    languages: ['ru', 'en'],
    disputeWindowDays: d.disputeWindowDays ?? 7,
    clarificationTimeoutDays: d.clarificationTimeoutDays ?? 14,
    nearestDistrictToleranceMeters: Math.round(d.regionToleranceMeters ?? 3000),
    stored: false,
    updatedAt: null,
  };
}

async function load(exec: Executor, defaults: RegionDefaults): Promise<EffectiveRegionSettings> {
  const row = await repo.findRegionSettings(exec);
  return row ? fromRow(row) : fromDefaults(exec, defaults);
}

/**
 * The region's settings in force, for the code that uses them (intake tolerance, dispute window,
 * clarification timeout, the map). Read at most every 5 s per node and database.
 */
export async function regionSettings(db: Db, defaults: RegionDefaults): Promise<EffectiveRegionSettings> {
  const hit = cache.get(db);
  if (hit && hit.expires > Date.now()) return hit.value;
  const value = await load(db, defaults);
  cache.set(db, { value, expires: Date.now() + REGION_SETTINGS_TTL_MS });
  return value;
}

export type RegionSettingsDeps = { db: Db; clock: Clock; defaults: RegionDefaults };

const present = (s: EffectiveRegionSettings): RegionSettings => ({
  ...s,
  updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null,
});

/** The audited picture: the editable fields as stored. */
const auditFields = (s: EffectiveRegionSettings) => ({
  nameRu: s.name.ru,
  nameEn: s.name.en,
  mapCenter: s.mapCenter,
  mapZoom: s.mapZoom,
  tileUrl: s.tileUrl,
  languages: s.languages,
  disputeWindowDays: s.disputeWindowDays,
  clarificationTimeoutDays: s.clarificationTimeoutDays,
  nearestDistrictToleranceMeters: s.nearestDistrictToleranceMeters,
});

export async function getRegionSettings(deps: RegionSettingsDeps, actor: Actor): Promise<RegionSettings> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  return present(await load(deps.db, deps.defaults));
}

/**
 * Saves what the admin changed over what is in force (the environment's defaults on the first save).
 * Audited with before and after; this node reads the new settings at once, the others within 5 s.
 */
export async function updateRegionSettings(
  deps: RegionSettingsDeps,
  actor: Actor,
  input: UpdateRegionSettings,
): Promise<RegionSettings> {
  if (actor.role !== 'admin') throw new AppError('forbidden');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const locked = await repo.findRegionSettings(tx, true);
    const before = locked ? fromRow(locked) : await fromDefaults(tx, deps.defaults);
    const after: EffectiveRegionSettings = {
      name: { ru: input.nameRu ?? before.name.ru, en: input.nameEn ?? before.name.en },
      mapCenter: input.mapCenter !== undefined ? input.mapCenter : before.mapCenter,
      mapZoom: input.mapZoom ?? before.mapZoom,
      tileUrl: input.tileUrl ?? before.tileUrl,
      languages: input.languages ?? before.languages,
      disputeWindowDays: input.disputeWindowDays ?? before.disputeWindowDays,
      clarificationTimeoutDays: input.clarificationTimeoutDays ?? before.clarificationTimeoutDays,
      nearestDistrictToleranceMeters:
        input.nearestDistrictToleranceMeters ?? before.nearestDistrictToleranceMeters,
      stored: true,
      updatedAt: now,
    };
    await repo.saveRegionSettings(tx, {
      nameRu: after.name.ru,
      nameEn: after.name.en,
      mapCenterLat: after.mapCenter?.lat ?? null,
      mapCenterLon: after.mapCenter?.lon ?? null,
      mapZoom: after.mapZoom,
      tileUrl: after.tileUrl,
      languages: after.languages,
      disputeWindowDays: after.disputeWindowDays,
      clarificationTimeoutDays: after.clarificationTimeoutDays,
      nearestDistrictToleranceMeters: after.nearestDistrictToleranceMeters,
      updatedAt: now,
    });
    await writeAudit(tx, {
      actor,
      action: 'region_settings.update',
      entityType: 'region_settings',
      entityId: 'region',
      at: now,
      details: { before: locked ? auditFields(before) : null, after: auditFields(after) },
    });
  });
  cache.delete(deps.db);
  return present(await regionSettings(deps.db, deps.defaults));
}
