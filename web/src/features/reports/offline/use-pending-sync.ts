import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../../lib/notices';
import { useMe } from '../../auth/api/get-me';
import { reportQueryKey } from '../api/get-report';
import { pendingReports } from './pending-store';
import { flushPendingReports } from './sync';

const retryEveryMs = 30_000;

/** Sends reports saved offline: at start, whenever the browser goes online, and every 30 s while any wait. */
export function usePendingReportsSync(): void {
  const { data: user } = useMe();
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const userId = user?.id;

  useEffect(() => {
    if (!userId) return;
    const run = () => {
      if (navigator.onLine === false) return;
      if (!pendingReports().some((p) => p.userId === userId)) return;
      void flushPendingReports(userId, (report) => {
        queryClient.setQueryData(reportQueryKey(report.id), report);
        void queryClient.invalidateQueries({ queryKey: ['reports'] });
        notify(t('offline.sent', { number: report.number }), 'success');
      });
    };
    run();
    window.addEventListener('online', run);
    const timer = window.setInterval(run, retryEveryMs);
    return () => {
      window.removeEventListener('online', run);
      window.clearInterval(timer);
    };
  }, [userId, queryClient, t]);
}
