import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { usePageTitle } from '../../../components/use-page-title';
import { ApiError } from '../../../lib/api-client';
import { fromLocalInput, toLocalInput } from '../../../lib/local-input';
import { useCreateVote } from '../api/create-vote';
import { AudienceFields } from '../components/AudienceFields';

const day = 86_400_000;

/** A new rating vote: its two stages, its audience and N. */
export function VoteNewRoute() {
  const { t } = useTranslation();
  usePageTitle(t('participation.newVote'));
  const navigate = useNavigate();
  const create = useCreateVote();
  const now = Date.now();
  const [form, setForm] = useState({
    title: '',
    description: '',
    territoryIds: [] as string[],
    verifiedOnly: false,
    proposalsOpen: toLocalInput(new Date(now)),
    proposalsClose: toLocalInput(new Date(now + 14 * day)),
    votingOpen: toLocalInput(new Date(now + 15 * day)),
    votingClose: toLocalInput(new Date(now + 30 * day)),
    maxChoices: 3,
    resultsVisibility: 'always' as 'always' | 'after_close' | 'never',
  });
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const problems = new Map<string, string>();
  if (create.error instanceof ApiError) for (const d of create.error.details) problems.set(d.path, d.message);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        title: form.title,
        description: form.description,
        audience: { territoryIds: form.territoryIds, verifiedOnly: form.verifiedOnly },
        proposals: {
          opensAt: fromLocalInput(form.proposalsOpen),
          closesAt: fromLocalInput(form.proposalsClose),
        },
        voting: { opensAt: fromLocalInput(form.votingOpen), closesAt: fromLocalInput(form.votingClose) },
        maxChoices: form.maxChoices,
        resultsVisibility: form.resultsVisibility,
      },
      { onSuccess: (vote) => navigate(`/participation/votes/${vote.id}`) },
    );
  };
  const dateField = (
    id: string,
    label: string,
    key: 'proposalsOpen' | 'proposalsClose' | 'votingOpen' | 'votingClose',
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="datetime-local"
        value={form[key]}
        onChange={(e) => set({ [key]: e.target.value })}
      />
    </div>
  );

  return (
    <div className="page">
      <h1>{t('participation.newVote')}</h1>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="vote-title">{t('participation.pollTitle')}</label>
          <input id="vote-title" value={form.title} onChange={(e) => set({ title: e.target.value })} />
          {problems.get('title') && <p className="field-error">{problems.get('title')}</p>}
        </div>
        <div className="field">
          <label htmlFor="vote-description">{t('participation.description')}</label>
          <textarea
            id="vote-description"
            rows={4}
            value={form.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </div>
        <AudienceFields
          territoryIds={form.territoryIds}
          verifiedOnly={form.verifiedOnly}
          onChange={(a) => set(a)}
        />
        <fieldset>
          <legend>{t('participation.proposalStage')}</legend>
          <div className="field-row">
            {dateField('vote-p-open', t('participation.opensAt'), 'proposalsOpen')}
            {dateField('vote-p-close', t('participation.closesAt'), 'proposalsClose')}
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('participation.votingStage')}</legend>
          <div className="field-row">
            {dateField('vote-v-open', t('participation.opensAt'), 'votingOpen')}
            {dateField('vote-v-close', t('participation.closesAt'), 'votingClose')}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="vote-n">{t('participation.maxItems')}</label>
          <input
            id="vote-n"
            type="number"
            min={1}
            max={100}
            value={form.maxChoices}
            onChange={(e) => set({ maxChoices: Number(e.target.value) })}
          />
        </div>
        <div className="field">
          <label htmlFor="vote-visibility">{t('participation.resultsVisibility')}</label>
          <select
            id="vote-visibility"
            value={form.resultsVisibility}
            onChange={(e) => set({ resultsVisibility: e.target.value as typeof form.resultsVisibility })}
          >
            {(['always', 'after_close', 'never'] as const).map((v) => (
              <option key={v} value={v}>
                {t(`participation.visibility.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <ErrorMessage error={create.error} fields={['title']} />
        <button type="submit" className="button" disabled={create.isPending}>
          {t('participation.createVote')}
        </button>
      </form>
    </div>
  );
}
