import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { KNOWLEDGE_MIN_CHARS, useKnowledgeSearch } from '../api/search-knowledge';
import { useSendFeedback } from '../api/send-feedback';
import { Snippet } from './Snippet';

type Props = { text: string; categoryId?: string | undefined };

/**
 * "Perhaps the answer is already here": the three articles most relevant to the report being typed,
 * each with "this answered my question" and "no". Both answers are counted (the editors see which
 * articles spare residents a report); "no" hides the article, "yes" thanks and suggests not filing.
 * "Counted" shows once the server has counted the answer; a failed send brings the buttons back with
 * the reason, so a resident's answer is never claimed as counted when it was lost.
 */
export function KnowledgeSuggestions({ text, categoryId }: Props) {
  const { t } = useTranslation();
  const labelId = useId();
  const typed = useDebouncedValue(text.trim(), 500);
  const search = useKnowledgeSearch({ q: typed, limit: 3, category: categoryId || undefined });
  const feedback = useSendFeedback();
  const [answered, setAnswered] = useState<Record<string, boolean>>({});
  const [counted, setCounted] = useState<Record<string, true>>({});
  const [failed, setFailed] = useState<{ articleId: string; error: unknown } | null>(null);
  const hits =
    typed.length >= KNOWLEDGE_MIN_CHARS ? (search.data ?? []).filter((h) => answered[h.id] !== false) : [];
  const helped = hits.find((h) => answered[h.id] === true);

  const answer = (articleId: string, helpful: boolean) => {
    setAnswered((a) => ({ ...a, [articleId]: helpful }));
    setFailed(null);
    // Each answer's own promise: mutate()'s per-call callbacks fire only for the latest call, so a
    // quick answer to a second article would leave the first neither counted nor refused.
    feedback.mutateAsync({ articleId, helpful, source: 'report_form' }).then(
      () => setCounted((c) => ({ ...c, [articleId]: true })),
      (error: unknown) => {
        setAnswered((a) => {
          const next = { ...a };
          delete next[articleId];
          return next;
        });
        setFailed({ articleId, error });
      },
    );
  };

  return (
    <>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {hits.length > 0 ? t('knowledge.suggest.announce', { count: hits.length }) : ''}
      </p>
      {hits.length > 0 && (
        <section className="kb-suggest" aria-labelledby={labelId} data-testid="knowledge-suggestions">
          <h2 className="kb-suggest__title" id={labelId}>
            {t('knowledge.suggest.title')}
          </h2>
          {helped && (
            <p className="alert alert--success" role="status">
              {t('knowledge.suggest.thanks')}
            </p>
          )}
          <ul className="kb-suggest__list">
            {hits.map((h) => (
              <li key={h.id} className="kb-suggest__item">
                <Link to={`/knowledge/${h.id}`} target="_blank" rel="noopener" className="kb-suggest__link">
                  {h.title}
                </Link>
                <p className="kb-suggest__snippet">
                  <Snippet html={h.snippet} />
                </p>
                {failed?.articleId === h.id && <ErrorMessage error={failed.error} />}
                {answered[h.id] === undefined ? (
                  <fieldset className="kb-suggest__buttons">
                    <legend className="visually-hidden">
                      {t('knowledge.suggest.question', { title: h.title })}
                    </legend>
                    <button type="button" className="button button--small" onClick={() => answer(h.id, true)}>
                      {t('knowledge.feedback.yes')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--secondary"
                      onClick={() => answer(h.id, false)}
                    >
                      {t('knowledge.feedback.no')}
                    </button>
                  </fieldset>
                ) : (
                  counted[h.id] && <p className="hint">{t('knowledge.feedback.counted')}</p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
