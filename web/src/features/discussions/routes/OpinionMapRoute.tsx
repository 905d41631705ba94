import type { VoteValue } from '@shared/discussions/discussions.schemas.ts';
import { STATEMENT_MAX } from '@shared/discussions/discussions.schemas.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Chart } from '../../../components/Chart';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { formatDateTime } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { useDiscussion } from '../api/discussions';
import {
  useModerateStatement,
  useNextStatement,
  useOpinionMap,
  usePendingStatements,
  useSubmitStatement,
  useVote,
} from '../api/opinion-map';

const percent = (x: number) => `${Math.round(x * 100)} %`;

/** The opinion map: vote on statements one at a time, add one, and see the groups and the consensus. */
export function OpinionMapRoute() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { data: me } = useMe();
  const discussion = useDiscussion(id);
  usePageTitle(t('opinion.title'));
  const moderator = me?.role === 'moderator' || me?.role === 'admin';
  if (discussion.isPending) return <Loading />;
  if (!discussion.data) return <ErrorMessage error={discussion.error} />;
  const d = discussion.data;
  return (
    <div className="page page--narrow">
      <p>
        <Link to={`/discussions/${d.id}`}>{t('opinion.back', { title: d.title })}</Link>
      </p>
      <h1>{t('opinion.title')}</h1>
      <p className="muted">{t('opinion.intro')}</p>
      {me && d.status === 'open' && <VotingCard discussionId={d.id} />}
      {me && d.status === 'open' && <NewStatement discussionId={d.id} />}
      {moderator && <PendingStatements discussionId={d.id} />}
      <Results discussionId={d.id} />
    </div>
  );
}

function VotingCard({ discussionId }: { discussionId: string }) {
  const { t } = useTranslation();
  const next = useNextStatement(discussionId, true);
  const vote = useVote(discussionId);
  const cast = (statementId: string, value: VoteValue) => vote.mutate({ statementId, vote: value });
  if (next.isPending) return <Loading />;
  const s = next.data?.statement;
  return (
    <section className="card opinion-card" aria-labelledby="vote-h" aria-live="polite">
      <h2 id="vote-h">{t('opinion.voteTitle')}</h2>
      {s ? (
        <>
          <p className="opinion-card__statement">{s.text}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={vote.isPending}
              onClick={() => cast(s.id, 'agree')}
            >
              {t('opinion.agree')}
            </button>
            <button
              type="button"
              className="button button--danger"
              disabled={vote.isPending}
              onClick={() => cast(s.id, 'disagree')}
            >
              {t('opinion.disagree')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={vote.isPending}
              onClick={() => cast(s.id, 'pass')}
            >
              {t('opinion.pass')}
            </button>
          </div>
          <p className="muted">{t('opinion.remaining', { count: next.data?.remaining ?? 0 })}</p>
        </>
      ) : (
        <p>{t('opinion.allVoted', { count: next.data?.voted ?? 0 })}</p>
      )}
      <ErrorMessage error={next.error ?? vote.error} />
    </section>
  );
}

function NewStatement({ discussionId }: { discussionId: string }) {
  const { t } = useTranslation();
  const submit = useSubmitStatement(discussionId);
  const [text, setText] = useState('');
  const id = useId();
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        submit.mutate(text, { onSuccess: () => setText('') });
      }}
    >
      <div className="field">
        <label htmlFor={id}>{t('opinion.newStatement')}</label>
        <p className="hint" id={`${id}-hint`}>
          {t('opinion.statementHint', { count: STATEMENT_MAX - [...text].length })}
        </p>
        <textarea
          id={id}
          aria-describedby={`${id}-hint`}
          rows={2}
          value={text}
          required
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      {submit.isSuccess && (
        <p className="alert alert--success" role="status">
          {submit.data.status === 'pending' ? t('opinion.sentForModeration') : t('opinion.added')}
        </p>
      )}
      <ErrorMessage error={submit.error} />
      <button type="submit" className="button button--secondary" disabled={submit.isPending}>
        {t('opinion.submitStatement')}
      </button>
    </form>
  );
}

function PendingStatements({ discussionId }: { discussionId: string }) {
  const { t } = useTranslation();
  const pending = usePendingStatements(discussionId, true);
  const moderate = useModerateStatement(discussionId);
  if (!pending.data || pending.data.items.length === 0) return null;
  return (
    <section aria-labelledby="pending-h">
      <h2 id="pending-h">{t('opinion.pending')}</h2>
      <ul className="comment-list">
        {pending.data.items.map((s) => (
          <li key={s.id} className="card">
            <p>{s.text}</p>
            <div className="form-actions">
              <button
                type="button"
                className="button button--small"
                onClick={() => moderate.mutate({ id: s.id, decision: 'approve' })}
              >
                {t('opinion.approve')}
              </button>
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => moderate.mutate({ id: s.id, decision: 'reject' })}
              >
                {t('opinion.reject')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ErrorMessage error={moderate.error} />
    </section>
  );
}

function Results({ discussionId }: { discussionId: string }) {
  const { t } = useTranslation();
  const map = useOpinionMap(discussionId);
  if (map.isPending) return <Loading />;
  if (!map.data) return <ErrorMessage error={map.error} />;
  const m = map.data;
  const text = new Map(m.statements.map((s) => [s.id, s.text]));
  const groupName = (g: number) => t('opinion.group', { name: String.fromCharCode(65 + g) });
  return (
    <section aria-labelledby="results-h">
      <h2 id="results-h">{t('opinion.results')}</h2>
      <p className="muted">
        {t('opinion.participants', { count: m.participants })}
        {m.computedAt && <> · {t('opinion.computedAt', { at: formatDateTime(m.computedAt) })}</>}
      </p>
      {m.groups.length === 0 ? (
        <p>{t('opinion.tooFew', { count: m.minParticipants })}</p>
      ) : (
        <>
          <Chart
            caption={t('opinion.chartCaption')}
            option={{
              tooltip: {},
              // ECharts 6 puts a legend at the bottom by default, over the x-axis labels.
              legend: { top: 0 },
              xAxis: { type: 'value', scale: true },
              yAxis: { type: 'value', scale: true },
              series: m.groups.map((g) => ({
                name: groupName(g.id),
                type: 'scatter',
                symbolSize: 8,
                data: m.points.filter((p) => p.group === g.id).map((p) => [p.x, p.y]),
              })),
            }}
            table={{
              columns: [t('opinion.groupColumn'), t('opinion.sizeColumn')],
              rows: m.groups.map((g) => [groupName(g.id), g.size]),
            }}
          />
          {m.groups.map((g) => (
            <section key={g.id} className="card" aria-labelledby={`group-${g.id}`}>
              <h3 id={`group-${g.id}`}>
                {groupName(g.id)} · {t('opinion.people', { count: g.size })}
              </h3>
              {g.representative.length === 0 ? (
                <p className="muted">{t('opinion.noRepresentative')}</p>
              ) : (
                <ul>
                  {g.representative.map((r) => (
                    <li key={r.statementId}>
                      {text.get(r.statementId)}{' '}
                      <span className="muted">
                        ({t('opinion.agreeShare', { value: percent(r.agree) })},{' '}
                        {t('opinion.disagreeShare', { value: percent(r.disagree) })})
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
          <section className="card" aria-labelledby="consensus-h">
            <h3 id="consensus-h">{t('opinion.consensus')}</h3>
            {m.consensus.length === 0 ? (
              <p className="muted">{t('opinion.noConsensus')}</p>
            ) : (
              <ul>
                {m.consensus.map((c) => (
                  <li key={c.statementId}>
                    {text.get(c.statementId)}{' '}
                    <span className="muted">({t('opinion.agreeShare', { value: percent(c.agree) })})</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}
