import type { ReportSummary } from '@shared/reports/reports.schemas.ts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, localName } from '../../../lib/format';
import { StatusBadge } from './StatusBadge';

export function ReportCard({ report, headingLevel = 3 }: { report: ReportSummary; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="report-card">
      {report.thumbUrl && (
        <img
          className="report-card__thumb"
          src={report.thumbUrl}
          alt=""
          loading="lazy"
          width="72"
          height="72"
        />
      )}
      <div className="report-card__body">
        <div className="report-card__meta">
          <StatusBadge status={report.status} />
          <span>{t('report.number', { number: report.number })}</span>
          <span>{formatDate(report.createdAt)}</span>
        </div>
        <Heading className="report-card__title">
          <Link to={`/reports/${report.id}`}>{localName(report.category.name)}</Link>
        </Heading>
        <p className="report-card__text">{report.text}</p>
        <p className="report-card__place">
          {[report.address, localName(report.territory?.name)].filter(Boolean).join(' · ')}
        </p>
      </div>
    </article>
  );
}
