import { useTranslation } from 'react-i18next';
import { ApiError, isNetworkError } from '../lib/api-client';

/** The server's own (localised) message, or ours for network trouble and surprises. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error: unknown) => {
    if (isNetworkError(error)) return t('errors.network');
    if (error instanceof ApiError) {
      if (error.code === 'invalid_response' || error.code === 'http_error') return t('errors.unexpected');
      return error.message;
    }
    return t('errors.unexpected');
  };
}

type Props = {
  error: unknown;
  /** Fields of the form: their problems are shown next to them, so they are not repeated here. */
  fields?: readonly string[];
};

export function ErrorMessage({ error, fields = [] }: Props) {
  const text = useErrorText();
  if (!error) return null;
  const shown = (path: string) => fields.includes(path) || fields.includes(path.split('.')[0] ?? '');
  const details = error instanceof ApiError ? error.details.filter((d) => !shown(d.path)) : [];
  return (
    <div className="alert alert--error" role="alert">
      <p>{text(error)}</p>
      {details.length > 0 && (
        <ul>
          {details.map((d) => (
            <li key={`${d.path}:${d.message}`}>{d.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
