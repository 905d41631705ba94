import type { ReactNode } from 'react';

type Props = {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  /** The options: an "all" first where the filter may be off, groups where they help. */
  children: ReactNode;
};

/** One labelled select of a filter bar (`filters-row`): the lists of reports, staff, work, objects. */
export function FilterSelect({ id, label, value, onChange, disabled, children }: Props) {
  return (
    <div className="field field--inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </div>
  );
}
