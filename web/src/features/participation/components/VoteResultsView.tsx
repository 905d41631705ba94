import type { Vote } from '@shared/participation/votes.schemas.ts';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../../components/Chart';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { useVoteResults } from '../api/get-vote-results';
import { usePublishWinners } from '../api/publish-winners';
import { barOption } from './PollResultsView';

/** The ranking (a chart with its table) and, for organisers after closing, publishing the winners. */
export function VoteResultsView({ vote }: { vote: Vote }) {
  const { t } = useTranslation();
  const results = useVoteResults(vote.id, true);
  const publish = usePublishWinners(vote.id);
  const [winners, setWinners] = useState<string[]>([]);
  const [decision, setDecision] = useState('');
  const chart = useMemo(() => {
    const items = results.data?.items ?? [];
    return {
      option: barOption(
        items.map((i) => i.title),
        items.map((i) => i.count),
        t('participation.count'),
      ),
      table: {
        columns: [t('participation.rank'), t('participation.item'), t('participation.count')],
        rows: items.map((i) => [i.rank, i.title, i.count]),
      },
    };
  }, [results.data, t]);
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorMessage error={results.error} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    publish.mutate({ itemIds: winners, decision });
  };
  return (
    <section aria-labelledby="vote-results-title">
      <h2 id="vote-results-title">{t('participation.results')}</h2>
      <p>{t('participation.ballotCount', { count: results.data.ballots })}</p>
      <Chart
        caption={t('participation.ranking')}
        option={chart.option}
        table={chart.table}
        height={Math.max(160, 36 * chart.table.rows.length)}
      />
      {vote.allowedActions.includes('publish_winners') && (
        <form className="winners-form" onSubmit={submit} noValidate>
          <h3>{t('participation.publishWinners')}</h3>
          <fieldset>
            <legend>{t('participation.winners')}</legend>
            {results.data.items.map((i) => (
              <label key={i.itemId} className="checkbox">
                <input
                  type="checkbox"
                  checked={winners.includes(i.itemId)}
                  onChange={(e) =>
                    setWinners((w) => (e.target.checked ? [...w, i.itemId] : w.filter((x) => x !== i.itemId)))
                  }
                />
                {i.rank}. {i.title} ({i.count})
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="winners-decision">{t('participation.decision')}</label>
            <textarea
              id="winners-decision"
              rows={4}
              value={decision}
              onChange={(e) => setDecision(e.target.value)}
            />
          </div>
          <ErrorMessage error={publish.error} />
          <button type="submit" className="button" disabled={publish.isPending}>
            {t('participation.publishWinners')}
          </button>
        </form>
      )}
    </section>
  );
}
