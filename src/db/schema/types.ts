import { customType } from 'drizzle-orm/pg-core';

/** A PostGIS MultiPolygon in WGS84, read and written as GeoJSON text through SQL functions. */
export const multiPolygon = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'geometry(MultiPolygon, 4326)';
  },
});
