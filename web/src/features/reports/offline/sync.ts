import type { ReportDetail } from '@shared/reports/reports.schemas.ts';
import { ApiError, hasCsrfToken, isNetworkError } from '../../../lib/api-client';
import { getMe } from '../../auth/api/get-me';
import { createReport } from '../api/create-report';
import { markPendingError, pendingReports, removePendingReport } from './pending-store';

let running: Promise<void> | null = null;

/**
 * Sends the user's pending reports one by one, each with its own idempotency key. Only one run at a
 * time: an `online` event during a run does not start a second, parallel send of the same report.
 */
export function flushPendingReports(userId: string, onSent: (report: ReportDetail) => void): Promise<void> {
  if (running) return running;
  running = (async () => {
    const mine = pendingReports().filter((p) => p.userId === userId);
    if (mine.length === 0) return;
    if (!hasCsrfToken()) {
      const me = await getMe().catch(() => null);
      if (!me || me.id !== userId || !hasCsrfToken()) return;
    }
    for (const pending of mine) {
      try {
        const report = await createReport({ body: pending.body, idempotencyKey: pending.idempotencyKey });
        removePendingReport(pending.idempotencyKey);
        onSent(report);
      } catch (error) {
        if (isNetworkError(error)) return;
        if (error instanceof ApiError && (error.status === 401 || error.code === 'csrf_failed')) {
          // The session ended or rotated: keep everything and try again after the user signs in.
          await getMe().catch(() => null);
          return;
        }
        if (error instanceof ApiError && error.status >= 500) return;
        markPendingError(pending.idempotencyKey, error instanceof Error ? error.message : String(error));
      }
    }
  })().finally(() => {
    running = null;
  });
  return running;
}
