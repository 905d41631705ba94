import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { usePageTitle } from '../../../components/use-page-title';
import { ApiError } from '../../../lib/api-client';
import { usePoll } from '../api/get-poll';
import { usePublishPoll } from '../api/publish-poll';
import { useSavePoll } from '../api/save-poll';
import { AudienceFields } from '../components/AudienceFields';
import { PollAnswerForm } from '../components/PollAnswerForm';
import { PollImageField } from '../components/PollImageField';
import {
  bodyFromDraft,
  draftFromPoll,
  emptyDraft,
  hasOptions,
  newQuestion,
  type PollDraft,
  previewQuestions,
} from '../components/poll-draft';
import { QuestionEditor } from '../components/QuestionEditor';

/** The poll builder (new and edit): settings, questions added, moved and removed, a preview, publishing. */
export function PollBuilderRoute() {
  const { id } = useParams();
  const existing = usePoll(id ?? '');
  if (id && existing.isPending) return <Loading />;
  if (id && existing.isError) return <ErrorMessage error={existing.error} />;
  return (
    <PollBuilder
      key={id ?? 'new'}
      id={id}
      published={existing.data?.status === 'published'}
      initial={existing.data ? draftFromPoll(existing.data) : emptyDraft()}
    />
  );
}

function PollBuilder({
  id,
  published,
  initial,
}: {
  id: string | undefined;
  published: boolean;
  initial: PollDraft;
}) {
  const { t } = useTranslation();
  usePageTitle(id ? t('participation.editPoll') : t('participation.newPoll'));
  const navigate = useNavigate();
  const save = useSavePoll();
  const publish = usePublishPoll();
  const [draft, setDraft] = useState(initial);
  const [preview, setPreview] = useState(false);
  const [publishError, setPublishError] = useState<unknown>(null);
  const [uploading, setUploading] = useState(false);
  const set = (patch: Partial<PollDraft>) => setDraft((d) => ({ ...d, ...patch }));

  // The server's problems, keyed by question index and field (`questions.2.options`).
  const problems = new Map<string, string>();
  if (save.error instanceof ApiError) for (const d of save.error.details) problems.set(d.path, d.message);
  const questionErrors = (i: number) => {
    const out = new Map<string, string>();
    for (const [path, message] of problems) {
      const m = new RegExp(`^questions\\.${i}\\.(.+)$`).exec(path);
      if (m) out.set(m[1]!, message);
    }
    return out;
  };

  const moveQuestion = (from: number, to: number) =>
    setDraft((d) => {
      const questions = [...d.questions];
      const [q] = questions.splice(from, 1);
      questions.splice(to, 0, q!);
      return { ...d, questions };
    });

  const submit = async (e: FormEvent, andPublish: boolean) => {
    e.preventDefault();
    setPublishError(null);
    const poll = await save
      .mutateAsync({ ...(id ? { id } : {}), body: bodyFromDraft(draft) })
      .catch(() => null);
    if (!poll) return;
    if (andPublish) {
      try {
        await publish.mutateAsync(poll.id);
      } catch (err) {
        setPublishError(err);
        return;
      }
    }
    navigate(`/participation/polls/${poll.id}`);
  };

  return (
    <div className="page poll-builder">
      <h1>{id ? t('participation.editPoll') : t('participation.newPoll')}</h1>
      <form onSubmit={(e) => void submit(e, false)} noValidate>
        <div className="field">
          <label htmlFor="poll-title">{t('participation.pollTitle')}</label>
          <input id="poll-title" value={draft.title} onChange={(e) => set({ title: e.target.value })} />
          {problems.get('title') && <p className="field-error">{problems.get('title')}</p>}
        </div>
        <div className="field">
          <label htmlFor="poll-description">{t('participation.description')}</label>
          <p className="hint" id="poll-description-hint">
            {t('participation.markdownHint')}
          </p>
          <textarea
            id="poll-description"
            rows={4}
            aria-describedby="poll-description-hint"
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
          {problems.get('description') && <p className="field-error">{problems.get('description')}</p>}
        </div>
        <PollImageField
          imageUrl={draft.imageUrl}
          onChange={set}
          onBusyChange={setUploading}
          error={problems.get('imageId')}
        />
        <AudienceFields
          territoryIds={draft.territoryIds}
          verifiedOnly={draft.verifiedOnly}
          onChange={(a) => set(a)}
        />
        <div className="field-row">
          <div className="field">
            <label htmlFor="poll-opens">{t('participation.opensAt')}</label>
            <input
              id="poll-opens"
              type="datetime-local"
              value={draft.opensAt}
              onChange={(e) => set({ opensAt: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="poll-closes">{t('participation.closesAt')}</label>
            <input
              id="poll-closes"
              type="datetime-local"
              value={draft.closesAt}
              onChange={(e) => set({ closesAt: e.target.value })}
            />
            {problems.get('closesAt') && <p className="field-error">{problems.get('closesAt')}</p>}
          </div>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.ballotChangeable}
            onChange={(e) => set({ ballotChangeable: e.target.checked })}
          />
          {t('participation.ballotChangeable')}
        </label>
        <div className="field">
          <label htmlFor="poll-visibility">{t('participation.resultsVisibility')}</label>
          <select
            id="poll-visibility"
            value={draft.resultsVisibility}
            onChange={(e) => set({ resultsVisibility: e.target.value as PollDraft['resultsVisibility'] })}
          >
            {(['always', 'after_close', 'never'] as const).map((v) => (
              <option key={v} value={v}>
                {t(`participation.visibility.${v}`)}
              </option>
            ))}
          </select>
        </div>

        <h2>{t('participation.questions')}</h2>
        {draft.questions.map((q, i) => (
          <QuestionEditor
            key={q.key}
            question={q}
            index={i}
            count={draft.questions.length}
            earlier={draft.questions.slice(0, i).filter((x) => x.kind === 'single' || x.kind === 'multiple')}
            onChange={(next) => set({ questions: draft.questions.map((x) => (x.key === q.key ? next : x)) })}
            onMove={(to) => moveQuestion(i, to)}
            onRemove={() =>
              set({
                questions: draft.questions
                  .filter((x) => x.key !== q.key)
                  .map((x) => (x.showIf?.questionKey === q.key ? { ...x, showIf: null } : x)),
              })
            }
            errors={questionErrors(i)}
          />
        ))}
        <p className="form-actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => set({ questions: [...draft.questions, newQuestion('single')] })}
          >
            {t('participation.addQuestion')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={preview}
            onClick={() => setPreview((p) => !p)}
          >
            {preview ? t('participation.hidePreview') : t('participation.preview')}
          </button>
        </p>
        {preview && (
          <section className="poll-preview" aria-label={t('participation.preview')}>
            <h2>{draft.title || t('participation.untitled')}</h2>
            <PollAnswerForm
              key={draft.questions
                .map((q) => `${q.key}:${q.kind}:${hasOptions(q.kind) ? q.options.length : 0}`)
                .join('|')}
              questions={previewQuestions(draft)}
            />
          </section>
        )}

        <ErrorMessage
          error={save.error ?? publishError}
          fields={[...problems.keys()].filter((p) => p !== '')}
        />
        <div className="form-actions">
          <button type="submit" className="button button--secondary" disabled={save.isPending || uploading}>
            {published ? t('participation.save') : t('participation.saveDraft')}
          </button>
          {!published && (
            <button
              type="button"
              className="button"
              disabled={save.isPending || uploading}
              onClick={(e) => void submit(e, true)}
            >
              {t('participation.saveAndPublish')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
