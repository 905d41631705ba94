import type { Work } from '@shared/objects/objects.schemas.ts';
import { workStatuses } from '@shared/objects/objects.schemas.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import type { WorkBody } from '../api/object-actions';

const blank = {
  title: '',
  programme: '',
  contractor: '',
  budget: '',
  plannedStart: '',
  plannedEnd: '',
  actualStart: '',
  actualEnd: '',
  status: 'planned' as WorkBody['status'],
};

type Fields = typeof blank;

/** A work's fields as the form holds them (empty text for what is not set). */
function fieldsOf(w: Work): Fields {
  const text = (v: string | null) => v ?? '';
  return {
    title: w.title,
    programme: text(w.programme),
    contractor: text(w.contractor),
    budget: text(w.budget),
    plannedStart: text(w.plannedStart),
    plannedEnd: text(w.plannedEnd),
    actualStart: text(w.actualStart),
    actualEnd: text(w.actualEnd),
    status: w.status,
  };
}

/**
 * Staff add works to an object, or change one (`initial`: its state moves it on — started,
 * completed, cancelled — and its followers hear of it): title, programme, contractor, budget, dates
 * and status. A new work's form empties once it is saved.
 */
export function WorkForm({
  onSubmit,
  pending,
  error,
  initial,
  onCancel,
}: {
  onSubmit: (body: WorkBody) => Promise<unknown>;
  pending: boolean;
  error: unknown;
  initial?: Work;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState<Fields>(initial ? fieldsOf(initial) : blank);
  const text = (key: Exclude<keyof typeof blank, 'status'>, type = 'text') => (
    <label>
      {t(`objects.works.fields.${key}`)}
      <input type={type} value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
    void onSubmit({
      title: f.title,
      programme: orNull(f.programme),
      contractor: orNull(f.contractor),
      budget: orNull(f.budget),
      plannedStart: orNull(f.plannedStart),
      plannedEnd: orNull(f.plannedEnd),
      actualStart: orNull(f.actualStart),
      actualEnd: orNull(f.actualEnd),
      status: f.status,
    }).then(
      () => {
        if (!initial) setF(blank);
      },
      // The error is the caller's to show (`error`); the fields stay for the correction.
      () => {},
    );
  };
  return (
    <form onSubmit={submit} className="stack">
      {text('title')}
      {text('programme')}
      {text('contractor')}
      {text('budget')}
      <div className="row">
        {text('plannedStart', 'date')}
        {text('plannedEnd', 'date')}
      </div>
      <div className="row">
        {text('actualStart', 'date')}
        {text('actualEnd', 'date')}
      </div>
      <label>
        {t('objects.works.fields.status')}
        <select
          value={f.status}
          onChange={(e) => setF({ ...f, status: e.target.value as WorkBody['status'] })}
        >
          {workStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`objects.workStatus.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" className="button" disabled={pending}>
          {initial ? t('objects.works.saveChanges') : t('objects.works.save')}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('objects.works.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
