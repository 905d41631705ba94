import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../../../components/use-page-title';
import { useMe } from '../../auth/api/get-me';
import { ReportForm } from '../components/ReportForm';

export function NewReportRoute() {
  const { t } = useTranslation();
  usePageTitle(t('reportForm.title'));
  const navigate = useNavigate();
  const { data: user } = useMe();
  // From an object's page: the report points at that object.
  const [params] = useSearchParams();
  const objectId = params.get('object') ?? undefined;
  const [savedOffline, setSavedOffline] = useState(false);
  if (!user) return null;

  return (
    <div className="page page--form">
      <h1>{t('reportForm.title')}</h1>
      <p className="lead">{t('reportForm.lead')}</p>
      {savedOffline && (
        <div className="alert alert--info" role="status">
          <p>{t('offline.saved')}</p>
          <p>
            <Link to="/my">{t('offline.seeMine')}</Link>
          </p>
        </div>
      )}
      <ReportForm
        userId={user.id}
        objectId={objectId}
        onCreated={(report) =>
          // The similar reports found at filing are offered once more on the new report's page.
          navigate(`/reports/${report.id}`, { state: { created: true, similar: report.similar ?? [] } })
        }
        onSavedOffline={() => {
          setSavedOffline(true);
          window.scrollTo({ top: 0 });
        }}
      />
    </div>
  );
}
