import { useTranslation } from 'react-i18next';
import { PhotoUploader } from '../../media/components/PhotoUploader';

type Props = {
  /** The poll's image as saved (editing), shown until removed. */
  imageUrl: string | null;
  onChange: (image: { imageId: string | null; imageUrl: string | null }) => void;
  onBusyChange: (busy: boolean) => void;
  error?: string | undefined;
};

/** The poll's optional image: uploaded through the media pipeline (metadata stripped), one only. */
export function PollImageField({ imageUrl, onChange, onBusyChange, error }: Props) {
  const { t } = useTranslation();
  if (imageUrl)
    return (
      <div className="field">
        <span className="field-label">{t('participation.pollImage')}</span>
        <img
          className="poll-image poll-image--preview"
          src={imageUrl}
          alt={t('participation.pollImageAlt')}
        />
        <p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => onChange({ imageId: null, imageUrl: null })}
          >
            {t('participation.removeImage')}
          </button>
        </p>
      </div>
    );
  return (
    <PhotoUploader
      label={t('participation.pollImage')}
      hint={t('participation.pollImageHint')}
      max={1}
      onChange={(ids) => onChange({ imageId: ids[0] ?? null, imageUrl: null })}
      onBusyChange={onBusyChange}
      error={error}
    />
  );
}
