import type { Initiative } from '@shared/initiatives/initiatives.schemas.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { Loading } from '../../../components/Loading';
import { StateBadge } from '../../../components/StateBadge';
import { usePageTitle } from '../../../components/use-page-title';
import { ApiError } from '../../../lib/api-client';
import { formatDate, formatDateTime, localName } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { SignInPrompt } from '../../auth/components/SignInPrompt';
import { useCategories } from '../../reference/api/get-categories';
import { useTerritories } from '../../reference/api/get-territories';
import { useInitiative, useModerateInitiative, useSupportInitiative } from '../api/initiatives';

/** An initiative: its progress to the threshold, support, moderation, and the report it became. */
export function InitiativeRoute() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const initiative = useInitiative(id);
  const support = useSupportInitiative(id);
  const moderate = useModerateInitiative(id);
  usePageTitle(initiative.data?.title ?? t('initiatives.title'));
  if (initiative.isPending) return <Loading />;
  const i = initiative.data;
  if (!i) return <ErrorMessage error={initiative.error} />;
  const moderator = me?.role === 'moderator' || me?.role === 'admin';
  return (
    <div className="page page--form">
      <p>
        <Link to="/initiatives">{t('initiatives.back')}</Link>
      </p>
      <h1>{i.title}</h1>
      <p>
        <StateBadge state={i.status} labels="initiatives.status" />
      </p>
      <InitiativeFacts initiative={i} />
      <p className="prose">{i.text}</p>
      {i.photos.length > 0 && (
        <ul className="attachment-list" aria-label={t('initiatives.fields.photos')}>
          {i.photos.map((p, n) => (
            <li key={p.id}>
              <a href={p.url}>
                <img src={p.thumbUrl} alt={t('attachments.picture', { index: n + 1 })} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      )}
      <p>
        <label htmlFor="initiative-progress">
          {t('initiatives.progress', { count: i.supporters, threshold: i.threshold })}
        </label>
        <br />
        <progress id="initiative-progress" max={i.threshold} value={i.supporters} />
      </p>
      {i.collectUntil && i.status === 'collecting' && (
        <p className="muted">{t('initiatives.until', { at: formatDateTime(i.collectUntil) })}</p>
      )}
      {i.rejectionReason && (
        <p className="alert alert--warning">
          <strong>{t('initiatives.rejectionReason')}</strong> {i.rejectionReason}
        </p>
      )}
      {i.status === 'collecting' && me === null && (
        <SignInPrompt>{t('initiatives.signInToSupport')}</SignInPrompt>
      )}
      {i.status === 'collecting' && i.isMine && <p className="muted">{t('initiatives.yours')}</p>}
      {i.status === 'collecting' &&
        me?.role === 'resident' &&
        !i.isMine &&
        (i.supportedByMe ? (
          <p className="alert alert--success">{t('initiatives.supported')}</p>
        ) : (
          <button
            type="button"
            className="button"
            disabled={support.isPending}
            onClick={() => support.mutate()}
          >
            {t('initiatives.support')}
          </button>
        ))}
      {i.reportId && (
        <p className="alert alert--info">
          {t('initiatives.sent')} <Link to={`/reports/${i.reportId}`}>{t('initiatives.toReport')}</Link>
        </p>
      )}
      {moderator && i.status === 'moderation' && <ModerationActions moderate={moderate} />}
      <ErrorMessage error={support.error ?? moderate.error} fields={['reason']} />
    </div>
  );
}

/** What and where it is about, and since when: whether it concerns them is what a reader asks first. */
function InitiativeFacts({ initiative: i }: { initiative: Initiative }) {
  const { t } = useTranslation();
  const categories = useCategories().data ?? [];
  const territories = useTerritories().data ?? [];
  const subject = categories.find((c) => c.id === i.categoryId);
  const topic = categories.find((c) => c.id === subject?.parentId);
  const district = territories.find((d) => d.id === i.territoryId);
  return (
    <dl className="facts">
      {subject && (
        <>
          <dt>{t('initiatives.fields.category')}</dt>
          <dd>{topic ? `${localName(topic.name)} › ${localName(subject.name)}` : localName(subject.name)}</dd>
        </>
      )}
      {district && (
        <>
          <dt>{t('initiatives.fields.territory')}</dt>
          <dd>{localName(district.name)}</dd>
        </>
      )}
      <dt>{t('initiatives.proposedAt')}</dt>
      <dd>{formatDate(i.createdAt)}</dd>
    </dl>
  );
}

/**
 * Approve, or reject with the reason the author will read (a rule of the platform to start from, which
 * the moderator edits). The server lists a reason too short or missing next to the field.
 */
function ModerationActions({ moderate }: { moderate: ReturnType<typeof useModerateInitiative> }) {
  const { t } = useTranslation();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState(() => t('initiatives.defaultRejection'));
  const reasonId = useId();
  const reasonError =
    moderate.error instanceof ApiError
      ? moderate.error.details.find((d) => d.path === 'reason')?.message
      : undefined;
  if (!rejecting)
    return (
      <div className="form-actions">
        <button type="button" className="button" onClick={() => moderate.mutate({ decision: 'approve' })}>
          {t('initiatives.approve')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setRejecting(true)}>
          {t('initiatives.reject')}
        </button>
      </div>
    );
  return (
    <form
      className="form card"
      onSubmit={(e) => {
        e.preventDefault();
        moderate.mutate({ decision: 'reject', reason });
      }}
    >
      <Field
        id={reasonId}
        label={t('initiatives.rejectionReasonLabel')}
        hint={t('initiatives.rejectionReasonHint')}
        error={reasonError}
        required
      >
        <textarea
          id={reasonId}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...describedBy(reasonId, { error: reasonError, hint: true })}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button--danger" disabled={moderate.isPending}>
          {t('initiatives.rejectConfirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setRejecting(false)}>
          {t('initiatives.cancel')}
        </button>
      </div>
    </form>
  );
}
