import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { StateBadge } from '../../../components/StateBadge';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { SignInPrompt } from '../../auth/components/SignInPrompt';
import { useVote } from '../api/get-vote';
import { ItemPlace } from '../components/ItemPlace';
import { ModerationPanel } from '../components/ModerationPanel';
import { ProposalForm } from '../components/ProposalForm';
import { VoteChooser } from '../components/VoteChooser';
import { VoteMap } from '../components/VoteMap';
import { VoteResultsView } from '../components/VoteResultsView';

/** A rating vote in whatever stage it is: proposing, moderating, choosing, results and winners. */
export function VoteRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const vote = useVote(id);
  const { data: me } = useMe();
  usePageTitle(vote.data?.title);
  if (vote.isPending) return <Loading />;
  if (vote.isError) return <ErrorMessage error={vote.error} />;
  const v = vote.data;
  const can = (a: (typeof v.allowedActions)[number]) => v.allowedActions.includes(a);
  const mine = v.items.filter((i) => i.mine && i.status !== 'approved');
  const approved = v.items.filter((i) => i.status === 'approved');

  return (
    <div className="page vote-page">
      <p>
        <Link to="/participation">{t('participation.toList')}</Link>
      </p>
      <h1>{v.title}</h1>
      <p className="participation-card__meta">
        <StateBadge state={v.stage} /> {t('participation.maxN', { count: v.maxChoices })}
      </p>
      <dl className="facts">
        <dt>{t('participation.proposalStage')}</dt>
        <dd>
          {t('participation.window', {
            from: formatDateTime(v.proposals.opensAt),
            to: formatDateTime(v.proposals.closesAt),
          })}
        </dd>
        <dt>{t('participation.votingStage')}</dt>
        <dd>
          {t('participation.window', {
            from: formatDateTime(v.voting.opensAt),
            to: formatDateTime(v.voting.closesAt),
          })}
        </dd>
      </dl>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side by renderMarkdown */}
      <div className="markdown" dangerouslySetInnerHTML={{ __html: v.descriptionHtml }} />

      {v.winners && (
        <section className="winners" aria-labelledby="winners-title">
          <h2 id="winners-title">{t('participation.winners')}</h2>
          <ul>
            {v.winners.itemIds.map((wid) => (
              <li key={wid}>{v.items.find((i) => i.id === wid)?.title}</li>
            ))}
          </ul>
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised server-side by renderMarkdown */}
          <div className="markdown" dangerouslySetInnerHTML={{ __html: v.winners.decisionHtml }} />
        </section>
      )}

      {me === null && (v.stage === 'voting' || v.stage === 'proposals') && (
        <SignInPrompt>
          {t(v.stage === 'voting' ? 'participation.signInToVote' : 'participation.signInToPropose')}
        </SignInPrompt>
      )}
      {can('vote') && <VoteChooser vote={v} />}
      {(can('propose') || can('add_item')) && <ProposalForm voteId={v.id} staff={can('add_item')} />}
      {mine.length > 0 && (
        <section aria-labelledby="my-proposals-title">
          <h2 id="my-proposals-title">{t('participation.myProposals')}</h2>
          <ul>
            {mine.map((i) => (
              <li key={i.id}>
                {i.title} <ItemPlace geometry={i.geometry} /> — {t(`participation.itemStatus.${i.status}`)}
                {i.rejectReason && `: ${i.rejectReason}`}
              </li>
            ))}
          </ul>
        </section>
      )}
      {can('moderate') && <ModerationPanel vote={v} />}
      {!can('vote') && approved.length > 0 && (
        <section aria-labelledby="items-title">
          <h2 id="items-title">{t('participation.items')}</h2>
          {approved.some((i) => i.geometry) && (
            <VoteMap label={t('participation.itemsMap')} items={approved} />
          )}
          <ul className="vote-items">
            {approved.map((i) => (
              <li key={i.id}>
                {i.title} <ItemPlace geometry={i.geometry} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {can('results') && <VoteResultsView vote={v} />}
    </div>
  );
}
