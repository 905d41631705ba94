import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime, localName } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { SignInPrompt } from '../../auth/components/SignInPrompt';
import { useObject } from '../api/get-object';
import { useObjectAction } from '../api/object-actions';
import { ObjectMap } from '../components/ObjectMap';
import { WorkCard } from '../components/WorkCard';
import { WorkForm } from '../components/WorkForm';

/** A city object's page: its works (dates, money, photos, ratings), reports on or near it, follow. */
export function ObjectRoute() {
  const { t } = useTranslation();
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
      <p>
        <Link to="/objects">{t('objects.backToList')}</Link>
      </p>
      <div className="page-head">
        <h1>{o.name}</h1>
        {o.canEdit && (
          <div className="page-head__actions">
            <Link className="button button--small button--secondary" to={`/objects/${o.id}/edit`}>
              {t('objects.edit.link')}
            </Link>
          </div>
        )}
      </div>
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
      {me === null && <SignInPrompt>{t('objects.signInToFollow')}</SignInPrompt>}
      <p>
        <Link to={`/reports/new?object=${o.id}`}>{t('objects.report')}</Link>
      </p>
      <ErrorMessage error={action.error} />
      <h2>{t('objects.works.heading')}</h2>
      {o.works.length === 0 && <p className="muted">{t('objects.works.none')}</p>}
      <ul className="card-list">
        {o.works.map((w) => (
          <WorkCard
            key={w.id}
            work={w}
            canRate={me?.role === 'resident'}
            canEdit={o.canEdit}
            pending={action.isPending}
            error={action.error}
            onRate={(score) => action.mutate({ type: 'rate', workId: w.id, score })}
            onChange={(body) => action.mutateAsync({ type: 'change-work', workId: w.id, body })}
            onPhoto={(mediaId, stage) => action.mutateAsync({ type: 'photo', workId: w.id, mediaId, stage })}
          />
        ))}
      </ul>
      {o.canEdit && (
        <section className="panel" aria-labelledby="add-work-heading">
          <h2 id="add-work-heading">{t('objects.works.add')}</h2>
          <WorkForm
            pending={action.isPending}
            error={action.error}
            onSubmit={(body) => action.mutateAsync({ type: 'add-work', body })}
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
