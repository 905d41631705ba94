import { useQueryClient } from '@tanstack/react-query';
import { useEventSource } from './use-event-source';

/**
 * Keeps an open report page current: when the report changes (on any app node) the server says so
 * and the page re-reads the report and its timeline, each as the viewer may see them.
 */
export function useLiveReport(reportId: string | undefined): void {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['report', reportId] });
  useEventSource(reportId ? `/api/v1/reports/${encodeURIComponent(reportId)}/live` : null, {
    status: refresh,
    gone: refresh,
  });
}
