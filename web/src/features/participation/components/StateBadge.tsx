import { useTranslation } from 'react-i18next';

/** Draft, upcoming, open or closed (and a vote's stage), in words, not only in colour. */
export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${state}`}>{t(`participation.state.${state}`)}</span>;
}
