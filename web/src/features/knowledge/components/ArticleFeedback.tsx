import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSendFeedback } from '../api/send-feedback';

/** "Did this answer your question?" under an article: one answer per visit. */
export function ArticleFeedback({ articleId }: { articleId: string }) {
  const { t } = useTranslation();
  const feedback = useSendFeedback();
  const [sent, setSent] = useState(false);
  const answer = (helpful: boolean) => {
    setSent(true);
    feedback.mutate({ articleId, helpful, source: 'article' });
  };
  if (sent)
    return (
      <p className="alert alert--success" role="status">
        {t('knowledge.feedback.counted')}
      </p>
    );
  return (
    <fieldset className="kb-feedback">
      <legend>{t('knowledge.feedback.question')}</legend>
      <button type="button" className="button button--small" onClick={() => answer(true)}>
        {t('knowledge.feedback.yes')}
      </button>{' '}
      <button type="button" className="button button--small button--secondary" onClick={() => answer(false)}>
        {t('knowledge.feedback.no')}
      </button>
    </fieldset>
  );
}
