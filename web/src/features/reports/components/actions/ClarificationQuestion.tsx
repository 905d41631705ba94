import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../../lib/format';
import { useReportEvents } from '../../api/get-report-events';

/**
 * The moderator's question above the author's answer form (otherwise it is only in the timeline
 * further down, and the form asks for an answer without saying to what), and by when to answer.
 */
export function ClarificationQuestion({ reportId, until }: { reportId: string; until: string | null }) {
  const { t } = useTranslation();
  const events = useReportEvents(reportId);
  const asked = events.data?.findLast((e) => e.toStatus === 'clarification_requested');
  const question = typeof asked?.payload.question === 'string' ? asked.payload.question : null;
  if (!asked || !question) return null;
  return (
    <blockquote className="clarification-question">
      <p className="hint">{t('actions.clarificationAsked', { date: formatDateTime(asked.createdAt) })}</p>
      <p className="prose">{question}</p>
      {until && <p className="hint">{t('actions.clarifyUntil', { date: formatDate(until) })}</p>}
    </blockquote>
  );
}
