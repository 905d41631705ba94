import type { AdminCategory } from '@shared/reference/categories-admin.schemas.ts';
import type { Organisation } from '@shared/reference/reference.schemas.ts';
import type { RoutingTestResult } from '@shared/routing/routing-rules.schemas.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Field } from '../../../components/Field';
import { localName } from '../../../lib/format';
import { testRouting } from '../api/admin-routing-rules';

type Props = {
  categories: AdminCategory[];
  organisations: Organisation[];
  center: { lat: number; lon: number } | null;
};

/** "Where would a report go": a point, a subject (and optionally a text and a date) → the decision. */
export function RoutingTester({ categories, organisations, center }: Props) {
  const { t } = useTranslation();
  const [categoryId, setCategoryId] = useState('');
  const [lat, setLat] = useState(center ? String(center.lat) : '');
  const [lon, setLon] = useState(center ? String(center.lon) : '');
  const [text, setText] = useState('');
  const [date, setDate] = useState('');
  const [result, setResult] = useState<RoutingTestResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The region's centre arrives with the configuration, perhaps after the first render.
  useEffect(() => {
    if (!center) return;
    setLat((v) => v || String(center.lat));
    setLon((v) => v || String(center.lon));
  }, [center]);
  const subjects = categories.filter((c) => c.parentId !== null);
  const orgName = (id: string | null) => {
    const o = organisations.find((x) => x.id === id);
    return o ? localName(o.name) : '—';
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    try {
      setResult(
        await testRouting({
          lat: Number(lat),
          lon: Number(lon),
          categoryId,
          ...(text ? { text } : {}),
          ...(date ? { date } : {}),
        }),
      );
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <ErrorMessage error={error} />
      <Field id="rt-category" label={t('adminReference.rules.category')} required>
        <select id="rt-category" value={categoryId} onChange={(e) => setCategoryId(e.target.value)} required>
          <option value="">{t('adminReference.choose')}</option>
          {subjects.map((c) => (
            <option key={c.id} value={c.id}>
              {localName(c.name)}
            </option>
          ))}
        </select>
      </Field>
      <div className="field-row">
        <Field id="rt-lat" label={t('adminReference.tester.lat')} required>
          <input id="rt-lat" inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} />
        </Field>
        <Field id="rt-lon" label={t('adminReference.tester.lon')} required>
          <input id="rt-lon" inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} />
        </Field>
        <Field id="rt-date" label={t('adminReference.tester.date')}>
          <input id="rt-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
      </div>
      <Field id="rt-text" label={t('adminReference.tester.text')} hint={t('adminReference.tester.textHint')}>
        <textarea
          id="rt-text"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="rt-text-hint"
        />
      </Field>
      <button type="submit" className="button">
        {t('adminReference.tester.run')}
      </button>
      {result && (
        <output className="card routing-result" aria-live="polite">
          <strong>{t(`adminReference.tester.decidedBy.${result.decidedBy}`)}</strong>
          {result.organisationId && <span> → {orgName(result.organisationId)}</span>}
          {result.reason && (
            <span className="hint"> ({t(`adminReference.tester.reason.${result.reason}`)})</span>
          )}
          {result.ruleId && (
            <span className="hint">
              {' '}
              · {t('adminReference.tester.rule', { id: result.ruleId.slice(0, 8) })}
            </span>
          )}
        </output>
      )}
    </form>
  );
}
