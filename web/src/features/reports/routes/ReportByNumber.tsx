import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { useReportIdByNumber } from '../api/find-report-by-number';

/** Public report numbers are written as paths (/reports/297): the page of that report, by its id. */
export const isReportNumber = (segment: string) => /^\d{1,15}$/.test(segment);

export function ReportByNumber({ number }: { number: number }) {
  const { t } = useTranslation();
  const found = useReportIdByNumber(number);
  usePageTitle(t('report.number', { number }));
  if (found.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (found.data) return <Navigate to={`/reports/${found.data}`} replace />;
  return (
    <div className="page page--narrow">
      <h1>{t('report.number', { number })}</h1>
      {found.error ? <ErrorMessage error={found.error} /> : <p>{t('report.numberNotFound', { number })}</p>}
      <p>
        <Link to="/">{t('report.backToMap')}</Link>
      </p>
    </div>
  );
}
