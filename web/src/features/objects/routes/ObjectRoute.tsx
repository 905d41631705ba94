import type { Work } from '@shared/objects/objects.schemas.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDate, formatDateTime, localName } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { useObject } from '../api/get-object';
import { useObjectAction } from '../api/object-actions';
import { ObjectMap } from '../components/ObjectMap';
import { WorkForm } from '../components/WorkForm';
import { WorkPhotoForm } from '../components/WorkPhotoForm';

const money = (value: string, lang: string) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'ru-RU', { style: 'currency', currency: 'RUB' }).format(
    Number(value),
  );

/** A city object's page: its works (dates, money, photos, ratings), reports on or near it, follow. */
export function ObjectRoute() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const object = useObject(id);
  const action = useObjectAction(id);
  const { data: me } = useMe();
  usePageTitle(object.data?.name ?? t('objects.title'));
  const o = object.data;
  if (object.isPending) return <Loading />;
  if (!o) return <ErrorMessage error={object.error} />;

  return (
    <div className="page notices-ui object-page">
      <h1>{o.name}</h1>
      <dl className="facts">
        <dt>{t('objects.fields.kind')}</dt>
        <dd>{t(`objects.kinds.${o.kind}`)}</dd>
        {o.address && (
          <>
            <dt>{t('objects.fields.address')}</dt>
            <dd>{o.address}</dd>
          </>
        )}
        <dt>{t('objects.fields.organisation')}</dt>
        <dd>{o.organisation ? localName(o.organisation.name) : t('objects.noOrganisation')}</dd>
      </dl>
      <ObjectMap geometry={o.geometry} label={t('objects.mapLabel', { name: o.name })} />
      {me && (
        <p>
          <button
            type="button"
            className={`button button--small${o.following ? ' button--secondary' : ''}`}
            aria-pressed={o.following}
            onClick={() => action.mutate({ type: 'follow', on: !o.following })}
          >
            {o.following ? t('objects.unfollow') : t('objects.follow')}
          </button>{' '}
          <span className="muted">{t('objects.followers', { count: o.followers })}</span>
          <br />
          <span className="muted">{t(o.following ? 'objects.followingHint' : 'objects.followHint')}</span>
        </p>
      )}
      <p>
        <Link to={`/reports/new?object=${o.id}`}>{t('objects.report')}</Link>
      </p>
      <ErrorMessage error={action.error} />
      <h2>{t('objects.works.heading')}</h2>
      {o.works.length === 0 && <p className="muted">{t('objects.works.none')}</p>}
      <ul className="card-list">
        {o.works.map((w) => (
          <li key={w.id} className="card work-card">
            <h3 className="card__title">{w.title}</h3>
            <p>
              <span className={`badge badge--work-${w.status}`}>{t(`objects.workStatus.${w.status}`)}</span>{' '}
              {w.overdue && <strong className="badge badge--overdue">{t('objects.works.overdue')}</strong>}
            </p>
            <dl className="facts">
              {w.programme && (
                <>
                  <dt>{t('objects.works.programme')}</dt>
                  <dd>{w.programme}</dd>
                </>
              )}
              {w.contractor && (
                <>
                  <dt>{t('objects.works.contractor')}</dt>
                  <dd>{w.contractor}</dd>
                </>
              )}
              {w.budget && (
                <>
                  <dt>{t('objects.works.budget')}</dt>
                  <dd>{money(w.budget, i18n.language)}</dd>
                </>
              )}
              <dt>{t('objects.works.planned')}</dt>
              <dd>{period(w.plannedStart, w.plannedEnd)}</dd>
              <dt>{t('objects.works.actual')}</dt>
              <dd>{period(w.actualStart, w.actualEnd) || t('objects.works.notStarted')}</dd>
            </dl>
            {w.photos.length > 0 && (
              <ul className="photo-row">
                {w.photos.map((p) => (
                  <li key={p.id}>
                    <figure>
                      <a href={p.url}>
                        <img
                          src={p.thumbUrl}
                          alt={t(`objects.works.photo.${p.stage}`, { title: w.title })}
                          width={120}
                          height={90}
                        />
                      </a>
                      <figcaption>{t(`objects.works.photoForm.${p.stage}`)}</figcaption>
                    </figure>
                  </li>
                ))}
              </ul>
            )}
            <Rating
              work={w}
              canRate={me?.role === 'resident'}
              onRate={(score) => action.mutate({ type: 'rate', workId: w.id, score })}
            />
            {o.canEdit && (
              <WorkPhotoForm
                workTitle={w.title}
                onAttach={(mediaId, stage) =>
                  action.mutateAsync({ type: 'photo', workId: w.id, mediaId, stage })
                }
              />
            )}
          </li>
        ))}
      </ul>
      {o.canEdit && (
        <section className="panel" aria-labelledby="add-work-heading">
          <h2 id="add-work-heading">{t('objects.works.add')}</h2>
          <WorkForm
            pending={action.isPending}
            error={action.error}
            onSubmit={(body) => action.mutate({ type: 'add-work', body })}
          />
        </section>
      )}
      <h2>{t('objects.reports.heading')}</h2>
      {o.reports.length === 0 && <p className="muted">{t('objects.reports.none')}</p>}
      <ul className="card-list">
        {o.reports.map((r) => (
          <li key={r.id} className="card">
            <Link to={`/reports/${r.id}`}>№ {r.number}</Link> — {t(`status.${r.status}`)}{' '}
            {r.pointsAtObject && <span className="badge badge--new">{t('objects.reports.aboutIt')}</span>}
            <p>{r.text}</p>
            <p className="muted">{formatDateTime(r.createdAt)}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

function period(from: string | null, to: string | null): string {
  if (!from && !to) return '';
  return `${formatDate(from) || '…'} — ${formatDate(to) || '…'}`;
}

function Rating({
  work,
  canRate,
  onRate,
}: {
  work: Work;
  canRate: boolean;
  onRate: (score: number) => void;
}) {
  const { t } = useTranslation();
  // No score chosen in advance: a pre-selected one would be sent by whoever only pressed the button.
  const [score, setScore] = useState<number | null>(null);
  const { average, count, mine } = work.rating;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (score !== null) onRate(score);
  };
  return (
    <div className="work-rating">
      <p>
        {count > 0
          ? t('objects.rating.summary', { average: average?.toFixed(1), count })
          : t('objects.rating.none')}
        {mine !== null && <> · {t('objects.rating.mine', { score: mine })}</>}
      </p>
      {canRate && work.status !== 'completed' && (
        <p className="muted">{t('objects.rating.afterCompletion')}</p>
      )}
      {canRate && work.status === 'completed' && mine === null && (
        <form onSubmit={submit} className="inline-form">
          <fieldset>
            <legend>{t('objects.rating.legend', { title: work.title })}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="radio">
                <input
                  type="radio"
                  name={`score-${work.id}`}
                  value={n}
                  checked={score === n}
                  required
                  onChange={() => setScore(n)}
                />
                {n}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button button--small">
            {t('objects.rating.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
