import type { SimilarReport } from '@shared/duplicates/duplicates.schemas.ts';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { Card } from '../../../components/Card';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDate, localName } from '../../../lib/format';
import { SimilarAfterFiling } from '../../duplicates/components/SimilarReports';
import { MergedNotice, SupportPanel } from '../../duplicates/components/SupportPanel';
import { ReportNotices } from '../../notices/components/ReportNotices';
import { useLiveReport } from '../../notifications/hooks/use-live-report';
import { useReport } from '../api/get-report';
import { AnswerView, RatingView } from '../components/AnswerView';
import { ReportActions } from '../components/actions/ReportActions';
import { MiniMap } from '../components/MiniMap';
import { PhotoGallery } from '../components/PhotoGallery';
import { ReportFacts } from '../components/ReportFacts';
import { StatusBadge } from '../components/StatusBadge';
import { Timeline } from '../components/Timeline';
import { isReportNumber, ReportByNumber } from './ReportByNumber';

export function ReportRoute() {
  const { id = '' } = useParams();
  return isReportNumber(id) ? <ReportByNumber number={Number(id)} /> : <ReportPage id={id} />;
}

function ReportPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const report = useReport(id);
  // The page refreshes itself when the report changes (server-sent events).
  useLiveReport(report.data ? id : undefined);
  const r = report.data;
  usePageTitle(r ? t('report.number', { number: r.number }) : t('report.loadingTitle'));
  const state = location.state as { created?: boolean; similar?: SimilarReport[] } | null;
  const created = state?.created;

  if (report.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (!r)
    return (
      <div className="page page--narrow">
        <h1>{t('report.loadingTitle')}</h1>
        <ErrorMessage error={report.error} />
        <p>
          <Link to="/">{t('report.backToMap')}</Link>
        </p>
      </div>
    );

  return (
    <div className="page report-page">
      {created && (
        <p className="alert alert--success" role="status">
          {t('report.createdNotice', { number: r.number })}
        </p>
      )}
      {created && <SimilarAfterFiling items={state?.similar ?? []} />}
      <MergedNotice report={r} />
      <header className="report-head">
        <p className="report-head__meta">
          <StatusBadge status={r.status} />
          <span>{t('report.number', { number: r.number })}</span>
          <span>{t('report.from', { date: formatDate(r.createdAt) })}</span>
          {r.kind === 'appeal' && <span className="tag">{t('report.appeal')}</span>}
        </p>
        <h1>{localName(r.category.name)}</h1>
      </header>
      <div className="report-layout">
        <div className="report-main">
          <Card title={t('report.description')}>
            <p className="prose">{r.text}</p>
            <PhotoGallery photos={r.photos} altKey="photos.reportAlt" />
          </Card>
          <ReportNotices notices={r.notices} />
          <AnswerView report={r} />
          {r.rating && <RatingView rating={r.rating} />}
          <SupportPanel report={r} />
          <ReportActions report={r} />
          <Timeline reportId={r.id} />
        </div>
        <aside className="report-side" aria-label={t('report.details')}>
          <section className="card">
            <h2>{t('report.details')}</h2>
            <ReportFacts report={r} />
            {r.object && (
              <p>
                <Link to={`/objects/${r.object.id}`}>{r.object.name}</Link>
              </p>
            )}
          </section>
          <MiniMap lat={r.lat} lon={r.lon} />
        </aside>
      </div>
    </div>
  );
}
