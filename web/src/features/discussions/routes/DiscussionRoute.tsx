import { ATTACHMENTS_MAX, type Discussion } from '@shared/discussions/discussions.schemas.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Card } from '../../../components/Card';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { StateBadge } from '../../../components/StateBadge';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { SignInPrompt } from '../../auth/components/SignInPrompt';
import { useDiscussion, useFollow, usePublishResults, useUpdateDiscussion } from '../api/discussions';
import { AttachmentList, AttachmentPicker } from '../components/AttachmentPicker';
import { CommentForm } from '../components/CommentForm';
import { CommentItem } from '../components/CommentItem';
import { SafeHtml } from '../components/SafeHtml';

/** A discussion: the document, its threads, and (for staff) publishing the results. */
export function DiscussionRoute() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const discussion = useDiscussion(id);
  const follow = useFollow(id);
  const d = discussion.data;
  usePageTitle(d?.title ?? t('discussions.title'));
  if (discussion.isPending) return <Loading />;
  if (!d) return <ErrorMessage error={discussion.error} />;
  const manage = me && ['admin', 'moderator', 'curator'].includes(me.role);
  return (
    <div className="page page--form">
      <p>
        <Link to="/discussions">{t('discussions.back')}</Link>
      </p>
      <h1>{d.title}</h1>
      <p className="muted">
        <StateBadge state={d.status} labels="discussions.status" />{' '}
        {t('discussions.period', { from: formatDateTime(d.opensAt), to: formatDateTime(d.closesAt) })}
      </p>
      <SafeHtml html={d.bodyHtml} />
      <AttachmentList attachments={d.attachments} />
      {d.opinionMap && (
        <p>
          <Link to={`/discussions/${d.id}/opinion-map`} className="button">
            {t('discussions.toOpinionMap')}
          </Link>
        </p>
      )}
      {d.resultsHtml && (
        <Card title={t('discussions.results')}>
          <SafeHtml html={d.resultsHtml} />
        </Card>
      )}
      {me && (
        <p>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-pressed={d.following}
            onClick={() => follow.mutate(!d.following)}
          >
            {d.following ? t('discussions.unfollow') : t('discussions.follow')}
          </button>
        </p>
      )}
      <section aria-labelledby="comments-h">
        <h2 id="comments-h">{t('discussions.comments', { count: d.commentCount })}</h2>
        {d.canComment || d.canReplyOfficially ? (
          <CommentForm discussionId={d.id} allowOfficial={d.canReplyOfficially} official={!d.canComment} />
        ) : d.status !== 'open' ? (
          <p className="muted">{t('discussions.closedNote')}</p>
        ) : me === null ? (
          <SignInPrompt>{t('discussions.signInToComment')}</SignInPrompt>
        ) : (
          me && <p className="muted">{t('discussions.notInAudience')}</p>
        )}
        <ul className="comment-list">
          {d.comments.map((c) => (
            <CommentItem
              key={c.id}
              comment={c}
              discussionId={d.id}
              canComment={d.canComment}
              canReplyOfficially={d.canReplyOfficially}
              canModerate={d.canModerate}
              signedIn={Boolean(me)}
            />
          ))}
        </ul>
      </section>
      {manage && d.status !== 'results_published' && <EditDiscussion discussion={d} />}
      {manage && d.status !== 'results_published' && <PublishResults discussionId={d.id} />}
    </div>
  );
}

/** Staff correct the title and the text and change the files while the discussion is not finished. */
function EditDiscussion({ discussion }: { discussion: Discussion }) {
  const { t } = useTranslation();
  const update = useUpdateDiscussion(discussion.id);
  const ids = { title: useId(), body: useId(), head: useId() };
  const [title, setTitle] = useState(discussion.title);
  const [body, setBody] = useState(discussion.body);
  const [attachmentIds, setAttachmentIds] = useState(discussion.attachments.map((a) => a.id));
  const [uploading, setUploading] = useState(false);
  return (
    <details className="card">
      <summary id={ids.head}>{t('discussions.editTitle')}</summary>
      <form
        className="form"
        aria-labelledby={ids.head}
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ title, body, attachmentIds });
        }}
      >
        <div className="field">
          <label htmlFor={ids.title}>{t('discussions.fields.title')}</label>
          <input id={ids.title} value={title} required onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.body}>{t('discussions.fields.body')}</label>
          <textarea id={ids.body} rows={8} value={body} required onChange={(e) => setBody(e.target.value)} />
        </div>
        <AttachmentPicker
          initial={discussion.attachments}
          max={ATTACHMENTS_MAX}
          onChange={setAttachmentIds}
          onBusyChange={setUploading}
        />
        <ErrorMessage error={update.error} />
        {update.isSuccess && <p role="status">{t('discussions.saved')}</p>}
        <button type="submit" className="button" disabled={update.isPending || uploading}>
          {t('discussions.saveChanges')}
        </button>
      </form>
    </details>
  );
}

function PublishResults({ discussionId }: { discussionId: string }) {
  const { t } = useTranslation();
  const publish = usePublishResults(discussionId);
  const [text, setText] = useState('');
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('discussions.publishResults')}</h2>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          publish.mutate(text);
        }}
      >
        <div className="field">
          <label htmlFor={id}>{t('discussions.resultsText')}</label>
          <textarea id={id} rows={6} value={text} required onChange={(e) => setText(e.target.value)} />
        </div>
        <ErrorMessage error={publish.error} />
        <button type="submit" className="button" disabled={publish.isPending}>
          {t('discussions.publish')}
        </button>
      </form>
    </section>
  );
}
