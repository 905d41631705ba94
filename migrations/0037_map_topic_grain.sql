-- hand-written
-- The map roll-up gained a grain per topic (src/modules/analytics/map-rollup.repo.ts): built here from
-- the grain-2 rows already there, as the refresh job builds it, so the map keeps reading the roll-up
-- (a reset bookmark would send every map read to the reports until a full rebuild). The WITH form is
-- the one Citus deparses.
WITH rows AS (
  SELECT 3::smallint, m.cx, m.cy, m.listed, NULL::text, coalesce(c.parent_id, m.category_id),
         NULL::uuid, NULL::uuid, sum(m.n)::int, sum(m.sx), sum(m.sy),
         CASE WHEN sum(m.n) = 1 THEN min(m.one_id::text)::uuid END,
         CASE WHEN sum(m.n) = 1 THEN min(m.one_status) END
  FROM "analytics_map_cells" m JOIN "categories" c ON c.id = m.category_id
  WHERE m.grain = 2
  GROUP BY m.cx, m.cy, m.listed, coalesce(c.parent_id, m.category_id))
INSERT INTO "analytics_map_cells" (grain, cx, cy, listed, status, category_id, territory_id, organisation_id, n, sx, sy, one_id, one_status)
SELECT * FROM rows;
