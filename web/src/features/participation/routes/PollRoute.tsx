import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { StateBadge } from '../../../components/StateBadge';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { SignInPrompt } from '../../auth/components/SignInPrompt';
import { usePoll } from '../api/get-poll';
import { usePublishPoll } from '../api/publish-poll';
import { useSubmitPollBallot } from '../api/submit-poll-ballot';
import { PollAnswerForm } from '../components/PollAnswerForm';
import { PollResultsView } from '../components/PollResultsView';

/** A poll: answering it (residents), its results when they are public, publishing it (organisers). */
export function PollRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const poll = usePoll(id);
  const { data: me } = useMe();
  const submit = useSubmitPollBallot(id);
  const publish = usePublishPoll();
  usePageTitle(poll.data?.title);
  if (poll.isPending) return <Loading />;
  if (poll.isError) return <ErrorMessage error={poll.error} />;
  const p = poll.data;
  const can = (a: (typeof p.allowedActions)[number]) => p.allowedActions.includes(a);

  return (
    <div className="page poll-page">
      <p>
        <Link to="/participation">{t('participation.toList')}</Link>
      </p>
      <h1>{p.title}</h1>
      <p className="participation-card__meta">
        <StateBadge state={p.state} />{' '}
        {t('participation.window', { from: formatDateTime(p.opensAt), to: formatDateTime(p.closesAt) })}
      </p>
      {p.imageUrl && <img className="poll-image" src={p.imageUrl} alt="" />}
      {/* Rendered on the server from safe Markdown: no raw HTML, no unsafe links. */}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side by renderMarkdown */}
      <div className="markdown" dangerouslySetInnerHTML={{ __html: p.descriptionHtml }} />
      {p.audience.verifiedOnly && <p className="muted">{t('participation.verifiedOnly')}</p>}

      {(can('edit') || can('publish')) && (
        <p className="form-actions">
          {can('edit') && (
            <Link className="button button--secondary" to={`/participation/polls/${p.id}/edit`}>
              {t('participation.edit')}
            </Link>
          )}
          {can('publish') && (
            <button
              type="button"
              className="button"
              disabled={publish.isPending}
              onClick={() => publish.mutate(p.id)}
            >
              {t('participation.publish')}
            </button>
          )}
        </p>
      )}
      <ErrorMessage error={publish.error} />

      {submit.isSuccess && (
        <p className="alert alert--success" role="status">
          {t('participation.ballotSaved')}
        </p>
      )}
      {p.myBallot && !submit.isSuccess && (
        <p className="muted">
          {t('participation.youAnswered', { date: formatDateTime(p.myBallot.updatedAt) })}
          {can('vote') && ` ${t('participation.canChange')}`}
        </p>
      )}
      {me === null && p.state === 'open' && <SignInPrompt>{t('participation.signInToAnswer')}</SignInPrompt>}
      {can('vote') && !submit.isSuccess && (
        <PollAnswerForm
          questions={p.questions}
          initial={p.myBallot?.answers}
          onSubmit={(answers) => submit.mutate({ answers })}
          pending={submit.isPending}
          error={submit.error}
        />
      )}
      {can('results') && <PollResultsView pollId={p.id} questions={p.questions} staff={can('export')} />}
    </div>
  );
}
