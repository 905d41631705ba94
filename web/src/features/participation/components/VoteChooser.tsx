import type { Vote } from '@shared/participation/votes.schemas.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useSubmitVoteBallot } from '../api/submit-vote-ballot';
import { ItemPlace } from './ItemPlace';
import { VoteMap } from './VoteMap';

/** Choosing up to N items, in a list and on the map (the two stay in step), then sending the ballot. */
export function VoteChooser({ vote }: { vote: Vote }) {
  const { t } = useTranslation();
  const submit = useSubmitVoteBallot(vote.id);
  const approved = useMemo(() => vote.items.filter((i) => i.status === 'approved'), [vote.items]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(vote.myChoice ?? []));
  const full = chosen.size >= vote.maxChoices;

  const toggle = (id: string) =>
    setChosen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else if (next.size < vote.maxChoices) next.add(id);
      return next;
    });

  return (
    <section className="vote-chooser" aria-labelledby="vote-choose-title">
      <h2 id="vote-choose-title">{t('participation.chooseItems', { count: vote.maxChoices })}</h2>
      <p className="chosen-count" aria-live="polite">
        {t('participation.nOfM', { n: chosen.size, m: vote.maxChoices })}
      </p>
      <VoteMap label={t('participation.itemsMap')} items={approved} chosen={chosen} onToggle={toggle} />
      <ul className="choice-list vote-items">
        {approved.map((item) => {
          const on = chosen.has(item.id);
          return (
            <li key={item.id}>
              <label className="checkbox">
                <input type="checkbox" checked={on} disabled={!on && full} onChange={() => toggle(item.id)} />
                {item.title}
              </label>{' '}
              <ItemPlace geometry={item.geometry} />
            </li>
          );
        })}
      </ul>
      <ErrorMessage error={submit.error} />
      {submit.isSuccess && (
        <p className="alert alert--success" role="status">
          {t('participation.choiceSaved')}
        </p>
      )}
      <p className="form-actions">
        <button
          type="button"
          className="button"
          disabled={submit.isPending}
          onClick={() => submit.mutate([...chosen])}
        >
          {vote.myChoice ? t('participation.changeChoice') : t('participation.sendChoice')}
        </button>
      </p>
    </section>
  );
}
