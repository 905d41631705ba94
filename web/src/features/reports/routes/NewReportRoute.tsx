import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { useMe } from '../../auth/api/get-me';
import { useObject } from '../../objects/api/get-object';
import { representativePoint } from '../../objects/api/object-point';
import { ReportForm } from '../components/ReportForm';

export function NewReportRoute() {
  const { t } = useTranslation();
  usePageTitle(t('reportForm.title'));
  const navigate = useNavigate();
  const { data: user } = useMe();
  // From an object's page: the report points at that object.
  const [params] = useSearchParams();
  const objectId = params.get('object') ?? undefined;
  const object = useObject(objectId ?? '', Boolean(objectId));
  const [savedOffline, setSavedOffline] = useState(false);
  if (!user) return null;
  // The draft starts at the object's place, so it waits for the object (an unknown one: a plain draft, and the page says so).
  if (objectId && object.isPending) return <Loading />;
  const about = object.data;
  const point = about ? representativePoint(about.geometry) : null;

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
      {objectId && object.isError && (
        <p className="alert alert--warning" role="status">
          {t('reportForm.objectNotFound')}
        </p>
      )}
      {about && (
        <p className="alert alert--info">
          {t('reportForm.aboutObject')} <Link to={`/objects/${about.id}`}>{about.name}</Link>
        </p>
      )}
      <ReportForm
        userId={user.id}
        objectId={about?.id}
        startAt={point ? { ...point, address: about?.address ?? null } : undefined}
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
