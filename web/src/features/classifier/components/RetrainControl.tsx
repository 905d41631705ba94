import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useRetrainClassifier } from '../api/retrain-classifier';

export type RetrainProgress = 'queued' | 'accepted' | 'rejected' | 'timeout' | null;

type Props = {
  /** Where the retraining that was asked for stands (the route polls the model list). */
  progress: RetrainProgress;
  /** A retraining was queued: start watching for its model. */
  onQueued: () => void;
};

/** "Retrain now" (admin only) with what happened: queued, then the new model's verdict. */
export function RetrainControl({ progress, onQueued }: Props) {
  const { t } = useTranslation();
  const retrain = useRetrainClassifier();
  const waiting = progress === 'queued';
  return (
    <div className="retrain">
      <button
        type="button"
        className="button"
        disabled={retrain.isPending || waiting}
        aria-describedby="retrain-hint"
        onClick={() => retrain.mutate(undefined, { onSuccess: onQueued })}
      >
        {retrain.isPending ? t('common.sending') : t('classifier.retrain')}
      </button>
      <p className="hint" id="retrain-hint">
        {t('classifier.retrainHint')}
      </p>
      <div role="status" className="retrain-status">
        {progress && (
          <p
            className={`alert ${progress === 'timeout' || progress === 'rejected' ? 'alert--warning' : progress === 'accepted' ? 'alert--success' : 'alert--info'}`}
          >
            {progress === 'queued' && (
              <>
                <strong>{t('classifier.queued')}</strong> {t('classifier.polling')}
              </>
            )}
            {progress === 'accepted' && t('classifier.doneAccepted')}
            {progress === 'rejected' && t('classifier.doneRejected')}
            {progress === 'timeout' && t('classifier.doneTimeout')}
          </p>
        )}
      </div>
      <ErrorMessage error={retrain.error} />
    </div>
  );
}
