import { useTranslation } from 'react-i18next';

type Props = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  /** The browser's own check before the search is sent (a report number may be one digit: 1). */
  minLength?: number;
};

/**
 * A search box with its "Find" button, inside the caller's form (whose submit runs the search): the
 * list filters of the map page and of the staff workspace.
 */
export function SearchField({ id, label, value, onChange, placeholder, minLength }: Props) {
  const { t } = useTranslation();
  return (
    <div className="field field--inline field--grow">
      <label htmlFor={id}>{label}</label>
      <div className="input-with-button">
        <input
          id={id}
          type="search"
          value={value}
          minLength={minLength}
          maxLength={200}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
        <button type="submit" className="button">
          {t('filters.find')}
        </button>
      </div>
    </div>
  );
}
