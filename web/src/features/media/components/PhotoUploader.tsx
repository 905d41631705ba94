import type { MediaUpload } from '@shared/media/media.schemas.ts';
import { type ChangeEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../components/ErrorMessage';
import { isNetworkError } from '../../../lib/api-client';
import { uploadMedia } from '../api/upload-media';

type Item = {
  key: string;
  name: string;
  previewUrl: string;
  status: 'uploading' | 'done' | 'error';
  file: File;
  media?: MediaUpload;
  error?: string;
};

type Props = {
  label: string;
  hint?: string;
  max: number;
  /** The ids of the photos uploaded so far, in order. */
  onChange: (ids: string[]) => void;
  onBusyChange?: (busy: boolean) => void;
  /** Changing it empties the list (e.g. after the form was sent). */
  resetKey?: string;
  error?: string;
};

/** Uploads each chosen photo at once, with a preview and its own error, so the form sends only ids. */
export function PhotoUploader({ label, hint, max, onChange, onBusyChange, resetKey, error }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [items, setItems] = useState<Item[]>([]);
  const [tooMany, setTooMany] = useState(false);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const callbacks = useRef({ onChange, onBusyChange });
  callbacks.current = { onChange, onBusyChange };

  useEffect(() => {
    const ids = items.filter((i) => i.status === 'done' && i.media).map((i) => i.media!.id);
    callbacks.current.onChange(ids);
    callbacks.current.onBusyChange?.(items.some((i) => i.status === 'uploading'));
  }, [items]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the key changes.
  useEffect(() => {
    for (const i of itemsRef.current) URL.revokeObjectURL(i.previewUrl);
    setItems([]);
    setTooMany(false);
  }, [resetKey]);

  useEffect(
    () => () => {
      for (const i of itemsRef.current) URL.revokeObjectURL(i.previewUrl);
    },
    [],
  );

  const upload = (key: string, file: File) => {
    uploadMedia(file).then(
      (media) => setItems((list) => list.map((i) => (i.key === key ? { ...i, status: 'done', media } : i))),
      (e: unknown) => {
        const message = isNetworkError(e) ? t('photos.offline') : errorText(e);
        setItems((list) => list.map((i) => (i.key === key ? { ...i, status: 'error', error: message } : i)));
      },
    );
  };

  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    const room = max - items.length;
    setTooMany(files.length > room);
    const added = files.slice(0, Math.max(0, room)).map((file) => ({
      key: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
      name: file.name,
      previewUrl: URL.createObjectURL(file),
      status: 'uploading' as const,
      file,
    }));
    setItems((list) => [...list, ...added]);
    for (const item of added) upload(item.key, item.file);
  };

  const remove = (key: string) => {
    setItems((list) => {
      const gone = list.find((i) => i.key === key);
      if (gone) URL.revokeObjectURL(gone.previewUrl);
      return list.filter((i) => i.key !== key);
    });
    setTooMany(false);
  };

  const retry = (item: Item) => {
    setItems((list) =>
      list.map((i) => (i.key === item.key ? { ...i, status: 'uploading', error: undefined } : i)),
    );
    upload(item.key, item.file);
  };

  const describedBy = [hint ? `${id}-hint` : '', error || tooMany ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field photo-uploader">
      <p className="field-label" id={`${id}-label`}>
        {label}
      </p>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {/* The native control's own text ("Choose files") follows the browser's language, not ours. */}
      <input
        id={id}
        className="file-input"
        type="file"
        accept="image/jpeg,image/png,image/webp,image/heic,image/gif"
        multiple
        disabled={items.length >= max}
        aria-labelledby={`${id}-label ${id}-button`}
        aria-describedby={describedBy || undefined}
        onChange={onPick}
      />
      <label htmlFor={id} id={`${id}-button`} className="button button--secondary file-button">
        {t('photos.add')}
      </label>
      {(error || tooMany) && (
        <p className="field-error" id={`${id}-error`}>
          {tooMany ? t('validation.too_many_photos', { count: max }) : error}
        </p>
      )}
      {items.length > 0 && (
        <ul className="photo-list" aria-label={t('photos.listLabel')}>
          {items.map((item, index) => (
            <li key={item.key} className={`photo-item photo-item--${item.status}`}>
              <img
                src={item.previewUrl}
                alt={t('photos.previewAlt', { index: index + 1, name: item.name })}
              />
              <span className="photo-item__status" role={item.status === 'error' ? 'alert' : undefined}>
                {item.status === 'uploading' && t('photos.uploading')}
                {item.status === 'done' && t('photos.uploaded')}
                {item.status === 'error' && item.error}
              </span>
              <span className="photo-item__actions">
                {item.status === 'error' && (
                  <button type="button" className="link-button" onClick={() => retry(item)}>
                    {t('photos.retry')}
                  </button>
                )}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => remove(item.key)}
                  aria-label={t('photos.removeNamed', { name: item.name })}
                >
                  {t('photos.remove')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
