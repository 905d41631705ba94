import type { Comment } from '@shared/discussions/discussions.schemas.ts';
import { flagReasons } from '@shared/discussions/discussions.schemas.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatDateTime } from '../../../lib/format';
import { useEditComment, useFlagComment, useModerateComment, useSupportComment } from '../api/discussions';
import { CommentForm } from './CommentForm';
import { SafeHtml } from './SafeHtml';

type Props = {
  comment: Comment;
  discussionId: string;
  canComment: boolean;
  canReplyOfficially: boolean;
  canModerate: boolean;
  signedIn: boolean;
};

/** One comment: its text (or why it is hidden), its marks, and what the caller may do with it. */
export function CommentItem({
  comment: c,
  discussionId,
  canComment,
  canReplyOfficially,
  canModerate,
  signedIn,
}: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'none' | 'reply' | 'edit' | 'flag'>('none');
  const [reason, setReason] = useState<string>('spam');
  const support = useSupportComment(discussionId);
  const flag = useFlagComment(discussionId);
  const edit = useEditComment(discussionId);
  const moderate = useModerateComment(discussionId);
  const reasonId = useId();
  const hidden = c.state !== 'visible';
  const canReply = c.depth < 2 && !hidden && (canComment || canReplyOfficially);

  return (
    <li
      className={`comment comment--depth-${c.depth}${c.isOfficial ? ' comment--official' : ''}`}
      id={`comment-${c.id}`}
    >
      <article aria-label={t('discussions.commentLabel', { time: formatDateTime(c.createdAt) })}>
        <p className="comment__meta">
          {c.isOfficial && <span className="badge badge--done">{t('discussions.official')}</span>}{' '}
          {c.pinned && c.depth > 0 && <span className="badge">{t('discussions.pinned')}</span>}{' '}
          {/* Residents' names are personal data: a comment says only whether it is the reader's own. */}
          {!c.isOfficial && (
            <span className="comment__who">
              {t(c.isMine ? 'discussions.byYou' : 'discussions.byResident')}
            </span>
          )}{' '}
          <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
          {c.editedAt && <span className="muted"> · {t('discussions.edited')}</span>}
        </p>
        {hidden && (
          <p className="comment__hidden">
            {t(c.state === 'hidden_flags' ? 'discussions.hiddenByFlags' : 'discussions.hiddenByModerator', {
              reason: c.moderationReason ? t(`discussions.reasons.${c.moderationReason}`) : '',
            })}
          </p>
        )}
        {c.html && <SafeHtml html={c.html} />}
        {c.personalDataRemoved && <p className="muted">{t('discussions.personalDataRemoved')}</p>}
        <div className="comment__actions">
          <span className="muted">{t('discussions.supports', { count: c.supportCount })}</span>
          {signedIn && canComment && !c.isMine && !hidden && !c.supportedByMe && (
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => support.mutate(c.id)}
            >
              {t('discussions.support')}
            </button>
          )}
          {canReply && (
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setMode('reply')}
            >
              {t('discussions.reply')}
            </button>
          )}
          {c.editableUntil && (
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setMode('edit')}
            >
              {t('discussions.edit')}
            </button>
          )}
          {signedIn && !c.isMine && !c.flaggedByMe && !hidden && (
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setMode('flag')}
            >
              {t('discussions.flag')}
            </button>
          )}
          {c.flaggedByMe && <span className="muted">{t('discussions.flagged')}</span>}
          {canModerate && (
            <>
              {c.state !== 'hidden_moderator' && (
                <button
                  type="button"
                  className="button button--small button--danger"
                  onClick={() =>
                    moderate.mutate({ id: c.id, action: 'hide', reason: c.moderationReason ?? 'offensive' })
                  }
                >
                  {t('discussions.hide')}
                </button>
              )}
              {hidden && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => moderate.mutate({ id: c.id, action: 'restore' })}
                >
                  {t('discussions.restore')}
                </button>
              )}
            </>
          )}
        </div>
        {mode === 'flag' && (
          <form
            className="form comment__flag"
            onSubmit={(e) => {
              e.preventDefault();
              flag.mutate({ id: c.id, reason }, { onSuccess: () => setMode('none') });
            }}
          >
            <label htmlFor={reasonId}>{t('discussions.flagReason')}</label>
            <select id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)}>
              {flagReasons.map((r) => (
                <option key={r} value={r}>
                  {t(`discussions.reasons.${r}`)}
                </option>
              ))}
            </select>
            <div className="form-actions">
              <button type="submit" className="button button--small" disabled={flag.isPending}>
                {t('discussions.sendFlag')}
              </button>
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => setMode('none')}
              >
                {t('discussions.cancel')}
              </button>
            </div>
          </form>
        )}
        {mode === 'reply' && (
          <CommentForm
            discussionId={discussionId}
            parentId={c.id}
            official={canReplyOfficially && !canComment}
            allowOfficial={canReplyOfficially}
            onDone={() => setMode('none')}
          />
        )}
        {mode === 'edit' && c.text !== null && (
          <CommentForm
            discussionId={discussionId}
            initialText={c.text}
            submitLabel={t('discussions.save')}
            onSubmitText={(text, done) => edit.mutate({ id: c.id, text }, { onSuccess: done })}
            error={edit.error}
            onDone={() => setMode('none')}
          />
        )}
        <ErrorMessage error={support.error ?? flag.error ?? moderate.error} />
      </article>
    </li>
  );
}
