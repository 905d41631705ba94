import type { ReportDetail } from '@shared/reports/reports.schemas.ts';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../lib/format';

/**
 * "Answer due by 14 March" for everyone who may see the report, marked when overdue, and once
 * answered whether the answer came in time; the one extension and an appeal's 59-ФЗ milestones
 * beside it.
 */
export function DeadlineFact({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  // Before moderation there is no answer deadline yet, only the moderators' own (in working hours).
  if (report.moderationDueAt)
    return <>{t('deadlines.moderationDue', { date: formatDateTime(report.moderationDueAt) })}</>;
  if (!report.dueAt) return <>—</>;
  const unit = report.kind === 'appeal' ? 'calendarDays' : 'workingDays';
  // Once answered: was it in time? (Publication against the deadline, as the statistics count it.)
  const publishedAt = report.answer?.status === 'published' ? report.answer.publishedAt : null;
  const late = publishedAt !== null && Date.parse(publishedAt) > Date.parse(report.dueAt);
  return (
    <>
      <span className={report.overdue || late ? 'overdue' : undefined}>
        {t('deadlines.answerDue', { date: formatDate(report.dueAt) })}
        {report.overdue && ` (${t('report.overdue')})`}
        {publishedAt && ` — ${t(late ? 'deadlines.answeredLate' : 'deadlines.answeredInTime')}`}
      </span>
      {report.deadlineExtension && (
        <span className="hint">
          <br />
          {t(`deadlines.extendedBy.${unit}`, { count: report.deadlineExtension.days })}
        </span>
      )}
      {report.appealDeadlines && (
        <span className="hint">
          <br />
          {t('deadlines.appealRegistration', { date: formatDate(report.appealDeadlines.registrationDueAt) })}
          <br />
          {t('deadlines.appealRedirect', { date: formatDate(report.appealDeadlines.redirectDueAt) })}
        </span>
      )}
    </>
  );
}
