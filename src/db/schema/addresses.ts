import { geometry, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The address registry (gazetteer, docs/addresses.md): one row per building, imported from a region's
 * registry (a ГАР/ФИАС extract, CSV or GeoJSON) or, in the demo, built from the shared data. The
 * search reads `street_key` (the street's own words, see src/modules/addresses/normalize.ts) through
 * trigram and Russian full-text indexes, which the migration's hand-written part creates (they need
 * pg_trgm); the reverse look-up reads the point through its GiST index.
 */
export const addresses = pgTable(
  'addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Where the row came from ('demo', 'fias-2026-03', …) and its id there: re-imports update. */
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    /** As shown to people: "Невский проспект, дом 1, литера А". */
    address: text('address').notNull(),
    streetKey: text('street_key').notNull(),
    house: text('house'),
    /** The leading number of the house, for natural order (2 before 10). */
    houseNumber: integer('house_number'),
    /** Corpus, building, litera: "к2 лб". */
    building: text('building'),
    location: geometry('location', { type: 'point', mode: 'xy', srid: 4326 }).notNull(),
  },
  (t) => [
    uniqueIndex('addresses_source_uq').on(t.source, t.externalId),
    index('addresses_location_gix').using('gist', t.location),
    index('addresses_street_house_idx').on(t.streetKey, t.house),
  ],
);

/**
 * The registry's distinct streets: the search ranks streets first (a few thousand rows in a city,
 * through trigram and full-text indexes created by the migration's hand-written part), then reads the
 * houses of the best few through `addresses_street_house_idx`. Ranking the houses themselves made a
 * common word ("строителей", "линия") match hundreds of thousands of rows at a million addresses.
 * Kept by the repository: each written batch adds its streets, the end of an import drops streets
 * no address names any more.
 */
export const addressStreets = pgTable('address_streets', {
  streetKey: text('street_key').primaryKey(),
});
