import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { useFlaggedComments, useModerateComment } from '../api/discussions';
import { SafeHtml } from '../components/SafeHtml';

/** The moderator's queue: comments hidden by flags, then flagged comments still shown. */
export function DiscussionModerationRoute() {
  const { t } = useTranslation();
  usePageTitle(t('discussions.moderation'));
  const list = useFlaggedComments(true);
  const moderate = useModerateComment(null);
  return (
    <div className="page page--narrow">
      <h1>{t('discussions.moderation')}</h1>
      <ErrorMessage error={list.error ?? moderate.error} />
      {list.isPending && <Loading />}
      {list.data && list.data.items.length === 0 && <p>{t('discussions.nothingFlagged')}</p>}
      <ul className="comment-list">
        {list.data?.items.map((c) => (
          <li key={c.id} className="card">
            <p className="muted">
              <Link to={`/discussions/${c.discussionId}#comment-${c.id}`}>{c.discussionTitle}</Link> ·{' '}
              {t(`discussions.state.${c.state}`)}
            </p>
            {c.html && <SafeHtml html={c.html} />}
            <p className="muted">
              {Object.entries(c.flags)
                .map(([reason, n]) => `${t(`discussions.reasons.${reason}`)}: ${n}`)
                .join(', ')}
            </p>
            <div className="form-actions">
              <button
                type="button"
                className="button button--small"
                onClick={() => moderate.mutate({ id: c.id, action: 'restore' })}
              >
                {t('discussions.restore')}
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() =>
                  moderate.mutate({ id: c.id, action: 'hide', reason: c.moderationReason ?? 'offensive' })
                }
              >
                {t('discussions.hide')}
              </button>
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => moderate.mutate({ id: c.id, action: 'remove_personal_data' })}
              >
                {t('discussions.removePersonalData')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
