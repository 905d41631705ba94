import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { usePageTitle } from '../../../components/use-page-title';
import { useImportObjects } from '../api/import-objects';

const exampleMapping = JSON.stringify(
  {
    source: 'city-registry',
    format: 'geojson',
    columns: { externalId: 'id', name: 'name', kind: 'type', address: 'address', organisation: 'org' },
    kinds: { Двор: 'yard', Школа: 'school', Дорога: 'road', Парк: 'park' },
    organisations: {},
  },
  null,
  2,
);

/** A works registry: each row a work on an object imported before, named by its id in that registry. */
const exampleWorksMapping = JSON.stringify(
  {
    source: 'repair-programme',
    records: 'works',
    objectSource: 'city-registry',
    format: 'csv',
    csv: { delimiter: ';' },
    columns: {
      externalId: 'work_id',
      object: 'object_id',
      title: 'work',
      status: 'state',
      programme: 'programme',
      contractor: 'contractor',
      budget: 'sum',
      plannedStart: 'start',
      plannedEnd: 'end',
      actualStart: 'fact_start',
      actualEnd: 'fact_end',
    },
    statuses: {
      Запланировано: 'planned',
      'В работе': 'in_progress',
      Выполнено: 'completed',
      Отменено: 'cancelled',
    },
  },
  null,
  2,
);

/**
 * Admin: import the registry of city objects, or of the works on them (GeoJSON or CSV with a
 * mapping), with the per-record report.
 */
export function ObjectsAdminRoute() {
  const { t } = useTranslation();
  usePageTitle(t('objects.admin.title'));
  const run = useImportObjects();
  const [mapping, setMapping] = useState(exampleMapping);
  const [content, setContent] = useState('');
  const [mappingError, setMappingError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    try {
      const parsed = JSON.parse(mapping) as Record<string, unknown>;
      setMappingError(null);
      run.mutate({ mapping: parsed, content });
    } catch {
      setMappingError(t('objects.admin.mappingNotJson'));
    }
  };
  return (
    <div className="page notices-ui narrow">
      <h1>{t('objects.admin.title')}</h1>
      <p>{t('objects.admin.intro')}</p>
      <form onSubmit={submit} className="stack">
        <label htmlFor="obj-records">{t('objects.admin.records')}</label>
        <select
          id="obj-records"
          onChange={(e) => setMapping(e.target.value === 'works' ? exampleWorksMapping : exampleMapping)}
        >
          <option value="objects">{t('objects.admin.recordsObjects')}</option>
          <option value="works">{t('objects.admin.recordsWorks')}</option>
        </select>
        <label htmlFor="obj-mapping">{t('objects.admin.mapping')}</label>
        <textarea
          id="obj-mapping"
          rows={10}
          value={mapping}
          onChange={(e) => setMapping(e.target.value)}
          spellCheck={false}
        />
        {mappingError && (
          <p className="field-error" role="alert">
            {mappingError}
          </p>
        )}
        <label htmlFor="obj-file">{t('objects.admin.file')}</label>
        <input
          id="obj-file"
          type="file"
          accept=".geojson,.json,.csv,text/csv,application/geo+json"
          onChange={async (e) => setContent((await e.target.files?.[0]?.text()) ?? '')}
        />
        <ErrorMessage error={run.error} />
        <button type="submit" className="button" disabled={!content || run.isPending}>
          {t('objects.admin.run')}
        </button>
        {run.isPending && <p role="status">{t('objects.admin.running')}</p>}
      </form>
      {run.data && (
        <section role="status" aria-labelledby="import-result">
          <h2 id="import-result">{t('objects.admin.result')}</h2>
          <p>{t('objects.admin.totals', run.data)}</p>
          {run.data.failed > run.data.errors.length && (
            <p>
              {t('objects.admin.errorsListed', { listed: run.data.errors.length, failed: run.data.failed })}
            </p>
          )}
          <ul>
            {run.data.errors.map((e) => (
              <li key={e.line}>
                {t('objects.admin.line', { line: e.line })}:{' '}
                {e.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
