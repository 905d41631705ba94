import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { describedBy, Field } from '../../../components/Field';
import { ApiError } from '../../../lib/api-client';
import { currentLanguage } from '../../../lib/i18n';
import { useImportStaff } from '../api/staff-invitations';

type LineProblem = { line: number; column: string; message: string };

/** The refusal's problems as rows: `lines.<n>.<column>` becomes line n, that column. */
function lineProblems(error: unknown): LineProblem[] {
  if (!(error instanceof ApiError)) return [];
  return error.details
    .map((d) => /^lines\.(\d+)(?:\.(\w+))?$/.exec(d.path))
    .flatMap((m, i) =>
      m ? [{ line: Number(m[1]), column: m[2] ?? '', message: (error as ApiError).details[i]!.message }] : [],
    );
}

/**
 * Invites a whole team from a CSV file. All or nothing: when a line is wrong nobody is invited, and
 * the table says which line and column to fix.
 */
export function StaffImport() {
  const { t } = useTranslation();
  const run = useImportStaff();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const captionId = useId();
  const problems = lineProblems(run.error);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setFileError(t('staffAdmin.importChoose'));
      return;
    }
    setFileError(undefined);
    run.mutate({ csv: await file.text(), locale: currentLanguage() });
  };

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <p className="hint" id="staff-csv-format">
        {t('staffAdmin.importFormat')} <code>email,name,role,organisation,territory</code>
      </p>
      <Field id="staff-csv" label={t('staffAdmin.importFile')} error={fileError} required>
        <input
          id="staff-csv"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            run.reset();
          }}
          {...describedBy('staff-csv', { error: fileError })}
        />
      </Field>
      <button type="submit" className="button" disabled={run.isPending}>
        {run.isPending ? t('common.sending') : t('staffAdmin.importRun')}
      </button>
      {run.isSuccess && (
        <p className="alert alert--success" role="status">
          {t('staffAdmin.imported', { count: run.data.invited })}
        </p>
      )}
      {run.error && problems.length === 0 && <ErrorMessage error={run.error} />}
      {problems.length > 0 && (
        <div className="alert alert--error" role="alert">
          <p>{run.error instanceof ApiError ? run.error.message : ''}</p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
          <section className="table-scroll" tabIndex={0} aria-labelledby={captionId}>
            <table className="data-table">
              <caption id={captionId}>{t('staffAdmin.importProblems', { count: problems.length })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('staffAdmin.line')}
                  </th>
                  <th scope="col">{t('staffAdmin.column')}</th>
                  <th scope="col">{t('staffAdmin.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p) => (
                  <tr key={`${p.line}:${p.column}:${p.message}`}>
                    <td className="num">{p.line}</td>
                    <td>{p.column ? <code>{p.column}</code> : '—'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </form>
  );
}
