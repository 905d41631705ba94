import type { Work } from '@shared/objects/objects.schemas.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format';
import type { WorkBody } from '../api/object-actions';
import { WorkForm } from './WorkForm';
import { WorkPhotoForm } from './WorkPhotoForm';

const money = (value: string, lang: string) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'ru-RU', { style: 'currency', currency: 'RUB' }).format(
    Number(value),
  );

function period(from: string | null, to: string | null): string {
  if (!from && !to) return '';
  return `${formatDate(from) || '…'} — ${formatDate(to) || '…'}`;
}

type Props = {
  work: Work;
  /** A resident: rates completed works. */
  canRate: boolean;
  /** An editor of the object: changes the work and adds its photos. */
  canEdit: boolean;
  pending: boolean;
  error: unknown;
  onRate: (score: number) => void;
  onChange: (body: WorkBody) => Promise<unknown>;
  onPhoto: (mediaId: string, stage: 'before' | 'after') => Promise<unknown>;
};

/**
 * One work on an object's page: its state (and lateness), programme, contractor, money, dates, photos
 * before and after and the residents' rating; for editors, its form of changes and the photo form.
 */
export function WorkCard({ work: w, canRate, canEdit, pending, error, onRate, onChange, onPhoto }: Props) {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <li className="card work-card">
      <h3 className="card__title">{w.title}</h3>
      <p>
        <span className={`badge badge--work-${w.status}`}>{t(`objects.workStatus.${w.status}`)}</span>{' '}
        {w.overdue && <strong className="badge badge--overdue">{t('objects.works.overdue')}</strong>}
      </p>
      <dl className="facts">
        {w.programme && (
          <>
            <dt>{t('objects.works.programme')}</dt>
            <dd>{w.programme}</dd>
          </>
        )}
        {w.contractor && (
          <>
            <dt>{t('objects.works.contractor')}</dt>
            <dd>{w.contractor}</dd>
          </>
        )}
        {w.budget && (
          <>
            <dt>{t('objects.works.budget')}</dt>
            <dd>{money(w.budget, i18n.language)}</dd>
          </>
        )}
        <dt>{t('objects.works.planned')}</dt>
        <dd>{period(w.plannedStart, w.plannedEnd)}</dd>
        <dt>{t('objects.works.actual')}</dt>
        <dd>{period(w.actualStart, w.actualEnd) || t('objects.works.notStarted')}</dd>
      </dl>
      {w.photos.length > 0 && (
        <ul className="photo-row">
          {w.photos.map((p) => (
            <li key={p.id}>
              <figure>
                <a href={p.url}>
                  <img
                    src={p.thumbUrl}
                    alt={t(`objects.works.photo.${p.stage}`, { title: w.title })}
                    width={120}
                    height={90}
                  />
                </a>
                <figcaption>{t(`objects.works.photoForm.${p.stage}`)}</figcaption>
              </figure>
            </li>
          ))}
        </ul>
      )}
      <Rating work={w} canRate={canRate} onRate={onRate} />
      {canEdit &&
        (editing ? (
          <WorkForm
            initial={w}
            pending={pending}
            error={error}
            onSubmit={(body) => onChange(body).then(() => setEditing(false))}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <p>
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t('objects.works.editLabel', { title: w.title })}
              onClick={() => setEditing(true)}
            >
              {t('objects.works.edit')}
            </button>
          </p>
        ))}
      {canEdit && <WorkPhotoForm workTitle={w.title} onAttach={onPhoto} />}
    </li>
  );
}

function Rating({
  work,
  canRate,
  onRate,
}: {
  work: Work;
  canRate: boolean;
  onRate: (score: number) => void;
}) {
  const { t } = useTranslation();
  // No score chosen in advance: a pre-selected one would be sent by whoever only pressed the button.
  const [score, setScore] = useState<number | null>(null);
  const { average, count, mine } = work.rating;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (score !== null) onRate(score);
  };
  return (
    <div className="work-rating">
      <p>
        {count > 0
          ? t('objects.rating.summary', { average: average?.toFixed(1), count })
          : t('objects.rating.none')}
        {mine !== null && <> · {t('objects.rating.mine', { score: mine })}</>}
      </p>
      {canRate && work.status !== 'completed' && (
        <p className="muted">{t('objects.rating.afterCompletion')}</p>
      )}
      {canRate && work.status === 'completed' && mine === null && (
        <form onSubmit={submit} className="inline-form">
          <fieldset>
            <legend>{t('objects.rating.legend', { title: work.title })}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="radio">
                <input
                  type="radio"
                  name={`score-${work.id}`}
                  value={n}
                  checked={score === n}
                  required
                  onChange={() => setScore(n)}
                />
                {n}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button button--small">
            {t('objects.rating.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
