import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useSendFeedback } from '../api/send-feedback';

/**
 * "Did this answer your question?" under an article: one answer per visit. The thanks says the answer
 * is counted, so it shows once the server has counted it; a failed send keeps the buttons to try again.
 */
export function ArticleFeedback({ articleId }: { articleId: string }) {
  const { t } = useTranslation();
  const feedback = useSendFeedback();
  const answer = (helpful: boolean) => feedback.mutate({ articleId, helpful, source: 'article' });
  if (feedback.isSuccess)
    return (
      <p className="alert alert--success" role="status">
        {t('knowledge.feedback.counted')}
      </p>
    );
  return (
    <fieldset className="kb-feedback" disabled={feedback.isPending}>
      <legend>{t('knowledge.feedback.question')}</legend>
      <ErrorMessage error={feedback.error} />
      <button type="button" className="button button--small" onClick={() => answer(true)}>
        {t('knowledge.feedback.yes')}
      </button>{' '}
      <button type="button" className="button button--small button--secondary" onClick={() => answer(false)}>
        {t('knowledge.feedback.no')}
      </button>
    </fieldset>
  );
}
