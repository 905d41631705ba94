import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/Card';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { Page } from '../../../components/Page';
import { formatNumber } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { useClassifierStatus } from '../api/get-classifier-status';
import { useRoutingWeeks } from '../api/get-routing-weeks';
import { ActiveModel, ModelHistoryTable } from '../components/ModelFigures';
import { RetrainControl, type RetrainProgress } from '../components/RetrainControl';
import { RoutingWeeksTable } from '../components/RoutingWeeksTable';
import { cronInWords } from '../cron-words';

const POLL_MS = 3000;
const WATCH_MS = 2 * 60_000;

/** Waiting for the model of a retraining that was asked for: the models known before, and until when. */
type Watch = { known: Set<string>; until: number };

/** The classifier's administration (admin, analyst): the active model, its history, retraining. */
export function ClassifierRoute() {
  const { t } = useTranslation();
  const { data: user } = useMe();
  const [watch, setWatch] = useState<Watch | null>(null);
  const [progress, setProgress] = useState<RetrainProgress>(null);
  const status = useClassifierStatus(watch ? POLL_MS : false);
  const data = status.data;
  const routing = useRoutingWeeks();

  // The retraining's model appears in the list (accepted or rejected): stop polling and say how it went.
  useEffect(() => {
    if (!watch || !data) return;
    const fresh = data.models.find((m) => !watch.known.has(m.id));
    if (!fresh) return;
    setWatch(null);
    setProgress(fresh.status === 'active' ? 'accepted' : 'rejected');
  }, [data, watch]);

  // Give up after two minutes: the job may still run (or be retried); the page can be refreshed later.
  useEffect(() => {
    if (!watch) return;
    const timer = setTimeout(
      () => {
        setWatch(null);
        setProgress('timeout');
      },
      Math.max(0, watch.until - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [watch]);

  const onQueued = () => {
    setWatch({ known: new Set(data?.models.map((m) => m.id)), until: Date.now() + WATCH_MS });
    setProgress('queued');
  };

  return (
    <Page
      title={t('classifier.title')}
      lead={t('classifier.lead')}
      loading={status.isPending}
      error={data ? null : status.error}
    >
      {data && (
        <>
          <div className="classifier-grid">
            <Card title={t('classifier.active')}>
              {data.active ? <ActiveModel model={data.active} /> : <p>{t('classifier.noActive')}</p>}
            </Card>
            <Card title={t('classifier.training')}>
              <dl className="facts">
                <dt>{t('classifier.corrections')}</dt>
                <dd>{formatNumber(data.correctionLabels)}</dd>
                <dt>{t('classifier.schedule')}</dt>
                <dd>
                  {data.retrainSchedule
                    ? (cronInWords(data.retrainSchedule, t) ?? (
                        <>
                          <code className="cron">{data.retrainSchedule}</code>{' '}
                          <span className="muted">{t('classifier.scheduleZone')}</span>
                        </>
                      ))
                    : t('classifier.noSchedule')}
                </dd>
              </dl>
              <p className="hint">{t('classifier.correctionsHint')}</p>
              {user?.role === 'admin' ? (
                <RetrainControl progress={progress} onQueued={onQueued} />
              ) : (
                <p className="hint">{t('classifier.adminOnly')}</p>
              )}
            </Card>
          </div>
          <Card className="classifier-history" title={t('classifier.history')}>
            {data.models.length === 0 ? (
              <p>{t('classifier.noModels')}</p>
            ) : (
              <>
                <p className="hint">{t('classifier.historyHint')}</p>
                <ModelHistoryTable models={data.models} />
              </>
            )}
            {status.isError && <ErrorMessage error={status.error} />}
          </Card>
          <Card className="classifier-history" title={t('classifier.routingWeeks.title')}>
            <p className="hint">{t('classifier.routingWeeks.hint')}</p>
            {routing.isPending && <Loading />}
            {routing.isError && <ErrorMessage error={routing.error} />}
            {routing.data &&
              (routing.data.weeks.length === 0 ? (
                <p>{t('classifier.routingWeeks.empty')}</p>
              ) : (
                <RoutingWeeksTable weeks={routing.data.weeks} />
              ))}
          </Card>
        </>
      )}
    </Page>
  );
}
