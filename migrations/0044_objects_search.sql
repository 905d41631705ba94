-- hand-written: the catalogue of city objects (src/modules/objects/objects-search.repo.ts)
-- finds each word of the query in the name and address, lower case with ё read as е, by LIKE
-- '%word%': a trigram index on exactly that expression serves it (pg_trgm is created before the
-- migrations run, as for the addresses' index).
CREATE INDEX "city_objects_search_trgm_idx" ON "city_objects" USING gin ((translate(lower("name" || ' ' || coalesce("address", '')), 'ё', 'е')) gin_trgm_ops);
