import { useTranslation } from 'react-i18next';

/**
 * Draft, upcoming, open or closed (and a vote's stage), in words, not only in colour. The class is
 * `badge--state-<state>`: a bare `badge--review` is a report's status tone (lists.css).
 */
export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge--state-${state}`}>{t(`participation.state.${state}`)}</span>;
}
