/** The kinds of notice and of what subscribers hear about: plain data, shared by the tables, the API and the web. */
export const noticeKinds = ['planned_works', 'emergency_outage', 'event', 'road_closure'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export const noticeEventTypes = ['started', 'changed', 'ended'] as const;
export type NoticeEventType = (typeof noticeEventTypes)[number];
