/** Notices of planned works, outages, events and road closures: the public entry of the module. */
export { dispatchNoticeAlerts, type NoticeAlertsDeps } from './alerts.service.ts';
export type { NoticeKind } from './kinds.schemas.ts';
export { NOTICE_ALERTS_QUEUE } from './notice-alerts.queue.ts';
export { noticeRoutes } from './notices.routes.ts';
export { createNotice, geometriesProblems, refuseBadGeometry } from './notices.service.ts';
