import type { ReportSummary } from '@shared/reports/reports.schemas.ts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime, localName } from '../../../lib/format';
import { StatusBadge } from '../../reports/components/StatusBadge';

type Props = {
  report: ReportSummary;
  selectable: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
};

/** The deadline line: the answer's (days left, overdue), the moderation's, or the review's. */
function Deadline({ report }: { report: ReportSummary }) {
  const { t } = useTranslation();
  const work = report.work;
  if (report.status === 'submitted' && work?.moderationDueAt)
    return (
      <span className="work-item__due">
        {t('workspace.moderationDue', { date: formatDateTime(work.moderationDueAt) })}
        {work.moderationOverdue && <span className="badge badge--problem">{t('workspace.overdue')}</span>}
      </span>
    );
  if (report.status === 'answer_review' && report.reviewDueAt)
    return (
      <span className="work-item__due">
        {t('workspace.reviewDue', { date: formatDate(report.reviewDueAt) })}
        {report.reviewOverdue && <span className="badge badge--problem">{t('workspace.overdue')}</span>}
      </span>
    );
  if (!report.dueAt) return <span className="work-item__due hint">{t('workspace.noDeadline')}</span>;
  const left = work?.workingDaysLeft ?? null;
  return (
    <span className="work-item__due">
      {t('workspace.dueAt', { date: formatDate(report.dueAt) })}
      {left !== null &&
        (report.overdue ? (
          <span className="badge badge--problem">
            {t('workspace.overdueBy', { count: Math.max(1, -left) })}
          </span>
        ) : (
          <span className={left <= 1 ? 'badge badge--waiting' : 'hint'}>
            {left === 0 ? t('workspace.dueToday') : t('workspace.daysLeft', { count: left })}
          </span>
        ))}
    </span>
  );
}

/** One report of a work list: what it is, where it stands, and how much time is left. */
export function WorkItem({ report, selectable, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const label = t('report.number', { number: report.number });
  return (
    <article
      className={`work-item${report.overdue || report.work?.moderationOverdue ? ' work-item--overdue' : ''}`}
    >
      {selectable && (
        <input
          type="checkbox"
          className="work-item__check"
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          aria-label={t('workspace.select', { number: report.number })}
        />
      )}
      <div className="work-item__body">
        <div className="work-item__meta">
          <StatusBadge status={report.status} />
          <span>{label}</span>
          <span>{t('workspace.filed', { date: formatDate(report.createdAt) })}</span>
        </div>
        <h3 className="work-item__title">
          <Link to={`/reports/${report.id}`}>{localName(report.category.name)}</Link>
        </h3>
        <p className="work-item__text">{report.text}</p>
        <div className="work-item__facts">
          <Deadline report={report} />
          {report.work && report.work.supportCount > 0 && (
            <span>{t('workspace.supporters', { count: report.work.supportCount })}</span>
          )}
          {report.work && report.work.priority > 0 && (
            <span>{t('workspace.priority', { priority: report.work.priority })}</span>
          )}
          <span className="hint">
            {[localName(report.territory?.name), localName(report.organisation?.name)]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </div>
      </div>
    </article>
  );
}
