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

/** Staff add works to an object: title, programme, contractor, budget, dates and status. */
export function WorkForm({
  onSubmit,
  pending,
  error,
}: {
  onSubmit: (body: WorkBody) => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState(blank);
  const text = (key: Exclude<keyof typeof blank, 'status'>, type = 'text') => (
    <label>
      {t(`objects.works.fields.${key}`)}
      <input type={type} value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} />
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
    onSubmit({
      title: f.title,
      programme: orNull(f.programme),
      contractor: orNull(f.contractor),
      budget: orNull(f.budget),
      plannedStart: orNull(f.plannedStart),
      plannedEnd: orNull(f.plannedEnd),
      actualStart: orNull(f.actualStart),
      actualEnd: orNull(f.actualEnd),
      status: f.status,
    });
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
      <button type="submit" className="button" disabled={pending}>
        {t('objects.works.save')}
      </button>
    </form>
  );
}
