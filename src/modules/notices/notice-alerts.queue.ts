/** The queue of the alert job (src/jobs/notice-alerts.job.ts); notice changes kick it. */
export const NOTICE_ALERTS_QUEUE = 'notice-alerts';
