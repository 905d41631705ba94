/** Kinds of city object and statuses of works: plain data, shared by the tables, the API and the web. */
export const cityObjectKinds = [
  'road',
  'road_section',
  'yard',
  'building',
  'school',
  'park',
  'other',
] as const;
export type CityObjectKind = (typeof cityObjectKinds)[number];
export const workStatuses = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export type WorkStatus = (typeof workStatuses)[number];
