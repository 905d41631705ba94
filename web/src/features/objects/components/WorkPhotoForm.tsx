import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { uploadMedia } from '../../media/api/upload-media';

type Stage = 'before' | 'after';

/**
 * Staff add a photo of the works, before or after: the file goes through the media pipeline (resized,
 * metadata stripped) as an upload of theirs, then is attached to the works, which keeps it from the
 * orphan clean-up and shows it to everyone on the object's page.
 */
export function WorkPhotoForm({
  workTitle,
  onAttach,
}: {
  workTitle: string;
  onAttach: (mediaId: string, stage: Stage) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [stage, setStage] = useState<Stage>('before');
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setPending(true);
    setError(null);
    setDone(false);
    try {
      const media = await uploadMedia(file);
      await onAttach(media.id, stage);
      setFile(null);
      setInputKey((k) => k + 1);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      className="work-photo-form"
      onSubmit={submit}
      aria-label={t('objects.works.photoForm.title', { title: workTitle })}
    >
      <fieldset>
        <legend>{t('objects.works.photoForm.title', { title: workTitle })}</legend>
        <label htmlFor={`${id}-stage`}>{t('objects.works.photoForm.stage')}</label>
        <select id={`${id}-stage`} value={stage} onChange={(e) => setStage(e.target.value as Stage)}>
          <option value="before">{t('objects.works.photoForm.before')}</option>
          <option value="after">{t('objects.works.photoForm.after')}</option>
        </select>
        <label htmlFor={`${id}-file`}>{t('objects.works.photoForm.file')}</label>
        <input
          key={inputKey}
          id={`${id}-file`}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </fieldset>
      <button type="submit" className="button button--small" disabled={!file || pending}>
        {pending ? t('objects.works.photoForm.sending') : t('objects.works.photoForm.submit')}
      </button>
      <p role="status" className="muted">
        {done ? t('objects.works.photoForm.added') : ''}
      </p>
      <ErrorMessage error={error} />
    </form>
  );
}
