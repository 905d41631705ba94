import { useTranslation } from 'react-i18next';

/**
 * A state in words, not only in colour: a poll's or vote's (`participation.state.*`), or, with
 * `labels`, a discussion's or initiative's status. The class is `badge--state-<state>`
 * (participation.css): a bare `badge--review` is a report's status tone (lists.css).
 */
export function StateBadge({ state, labels = 'participation.state' }: { state: string; labels?: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge--state-${state}`}>{t(`${labels}.${state}`)}</span>;
}
