import type { ReportDetail } from '@shared/reports/reports.schemas.ts';
import { useTranslation } from 'react-i18next';
import { formatDateTime, localName } from '../../../lib/format';
import { DeadlineFact } from '../../deadlines/components/DeadlineFact';
import { parseRouting } from '../routing';
import { RoutingExplanation } from './RoutingExplanation';

/** Where, who handles it, by when; the author's contact only for staff who are allowed to see it. */
export function ReportFacts({ report }: { report: ReportDetail }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t('report.address')}</dt>
      <dd>{report.address || t('report.noAddress')}</dd>
      <dt>{t('report.district')}</dt>
      <dd>{localName(report.territory?.name) || '—'}</dd>
      <dt>{t('report.organisation')}</dt>
      <dd>{localName(report.organisation?.name) || t('report.notAssigned')}</dd>
      <dt>{t('report.deadline')}</dt>
      <dd>
        <DeadlineFact report={report} />
      </dd>
      <dt>{t('report.created')}</dt>
      <dd>{formatDateTime(report.createdAt)}</dd>
      <dt>{t('report.visibility')}</dt>
      <dd>{report.isPublic ? t('report.public') : t('report.private')}</dd>
      {report.author && (
        <>
          <dt>{t('report.author')}</dt>
          <dd>
            {report.author.name}
            <br />
            <a href={`mailto:${report.author.email}`}>{report.author.email}</a>
          </dd>
        </>
      )}
      {report.appellant && (
        <>
          <dt>{t('appeal.legend')}</dt>
          <dd>{report.appellant.fullName}</dd>
          <dt>{t('appeal.answerTo')}</dt>
          <dd>
            {[report.appellant.email, report.appellant.postalAddress].filter(Boolean).map((a) => (
              <span key={a} className="block">
                {a}
              </span>
            ))}
          </dd>
        </>
      )}
      {report.routing && parseRouting(report.routing) && (
        <>
          <dt>{t('report.routing')}</dt>
          <dd className="routing">
            <RoutingExplanation routing={report.routing} />
          </dd>
        </>
      )}
    </dl>
  );
}
