import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A small button in a table row's actions; `danger` for what cannot be undone. */
export function RowButton({
  onClick,
  danger = false,
  label,
  children,
}: {
  onClick: () => void;
  danger?: boolean;
  /** An accessible name naming the row, where the visible text alone ("Edit") would be ambiguous. */
  label?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`button ${danger ? 'button--danger' : 'button--secondary'} button--small`}
      onClick={onClick}
      aria-label={label}
    >
      {children}
    </button>
  );
}

/** Whether a reference entry is in use or archived. */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${active ? 'badge--done' : 'badge--final'}`}>
      {t(active ? 'adminReference.active' : 'adminReference.archived')}
    </span>
  );
}

/** Archives an active entry, or restores an archived one. */
export function ArchiveButton({ active, onToggle }: { active: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <RowButton onClick={onToggle}>
      {t(active ? 'adminReference.archive' : 'adminReference.restore')}
    </RowButton>
  );
}
