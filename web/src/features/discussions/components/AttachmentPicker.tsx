import type { Attachment } from '@shared/discussions/discussions.schemas.ts';
import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../components/ErrorMessage';
import { uploadMedia } from '../../media/api/upload-media';

/** A file of the list: uploaded (an id), uploading, or refused with the server's reason. */
type Item = { key: string; name: string; id?: string; error?: string };

type Props = {
  /** The files the discussion has now (when editing). */
  initial?: Attachment[];
  max: number;
  /** The ids of the uploaded files, in order. */
  onChange: (ids: string[]) => void;
  onBusyChange?: (busy: boolean) => void;
};

const nameOf = (a: Attachment, fallback: string) => a.fileName ?? fallback;

/**
 * Staff attach the document's PDF files and pictures: each is uploaded at once through the media
 * pipeline (checked on the server: a fake or oversized PDF is refused with its reason), so the form
 * sends only ids.
 */
export function AttachmentPicker({ initial = [], max, onChange, onBusyChange }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [items, setItems] = useState<Item[]>(() =>
    initial.map((a, i) => ({
      key: a.id,
      id: a.id,
      name: nameOf(a, t('attachments.picture', { index: i + 1 })),
    })),
  );

  const update = (next: Item[]) => {
    setItems(next);
    onChange(next.filter((i) => i.id).map((i) => i.id!));
    onBusyChange?.(next.some((i) => !i.id && !i.error));
  };

  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])].slice(0, Math.max(0, max - items.length));
    e.target.value = '';
    let list = [
      ...items,
      ...files.map((f) => ({ key: `${Date.now()}-${f.name}-${Math.random()}`, name: f.name })),
    ];
    update(list);
    files.forEach((file, n) => {
      const key = list[items.length + n]!.key;
      uploadMedia(file).then(
        (media) => {
          list = list.map((i) => (i.key === key ? { ...i, id: media.id } : i));
          update(list);
        },
        (err: unknown) => {
          list = list.map((i) => (i.key === key ? { ...i, error: errorText(err) } : i));
          update(list);
        },
      );
    });
  };

  return (
    <div className="field">
      <p className="field-label" id={`${id}-label`}>
        {t('attachments.label')}
      </p>
      <p className="hint" id={`${id}-hint`}>
        {t('attachments.hint', { count: max })}
      </p>
      <input
        id={id}
        className="file-input"
        type="file"
        accept="application/pdf,image/jpeg,image/png,image/webp"
        multiple
        disabled={items.length >= max}
        aria-labelledby={`${id}-label ${id}-button`}
        aria-describedby={`${id}-hint`}
        onChange={onPick}
      />
      <label htmlFor={id} id={`${id}-button`} className="button button--secondary file-button">
        {t('attachments.add')}
      </label>
      {items.length > 0 && (
        <ul className="attachment-list" aria-label={t('attachments.listLabel')}>
          {items.map((item) => (
            <li key={item.key}>
              <span>{item.name}</span>{' '}
              <span className="muted" role={item.error ? 'alert' : undefined}>
                {item.error ?? (item.id ? t('attachments.ready') : t('attachments.uploading'))}
              </span>{' '}
              <button
                type="button"
                className="link-button"
                aria-label={t('attachments.removeNamed', { name: item.name })}
                onClick={() => update(items.filter((i) => i.key !== item.key))}
              >
                {t('attachments.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The discussion's files as residents see them: documents to download, pictures as thumbnails. */
export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  const { t, i18n } = useTranslation();
  if (attachments.length === 0) return null;
  const size = (bytes: number) =>
    new Intl.NumberFormat(i18n.language, {
      style: 'unit',
      unit: 'kilobyte',
      maximumFractionDigits: 0,
    }).format(Math.max(1, Math.round(bytes / 1024)));
  return (
    <section aria-labelledby="attachments-h" className="attachments">
      <h2 id="attachments-h">{t('attachments.title')}</h2>
      <ul className="attachment-list">
        {attachments.map((a, i) =>
          a.thumbUrl ? (
            <li key={a.id}>
              <a href={a.url}>
                <img src={a.thumbUrl} alt={t('attachments.picture', { index: i + 1 })} loading="lazy" />
              </a>
            </li>
          ) : (
            <li key={a.id}>
              <a href={a.url} download={a.fileName ?? undefined}>
                {a.fileName ?? t('attachments.document')}
              </a>{' '}
              <span className="muted">PDF, {size(a.bytes)}</span>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
