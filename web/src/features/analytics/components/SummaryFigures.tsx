import type { Dashboard, Summary } from '@shared/analytics/analytics.schemas.ts';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../../lib/format';

type Key = keyof Summary;

/** The figures in display order, and how each is written. */
export const summaryFigures: { key: Key; kind: 'count' | 'share' | 'days' | 'rating' }[] = [
  { key: 'received', kind: 'count' },
  { key: 'inProgress', kind: 'count' },
  { key: 'overdue', kind: 'count' },
  { key: 'answered', kind: 'count' },
  { key: 'answeredOnTimeShare', kind: 'share' },
  { key: 'medianAnswerWorkingDays', kind: 'days' },
  { key: 'p90AnswerWorkingDays', kind: 'days' },
  { key: 'solvedShare', kind: 'share' },
  { key: 'meanRating', kind: 'rating' },
  { key: 'satisfiedShare', kind: 'share' },
  { key: 'disputeRate', kind: 'share' },
  { key: 'redirectRate', kind: 'share' },
  { key: 'supporters', kind: 'count' },
  { key: 'closedWithoutRating', kind: 'count' },
];

export function formatFigure(value: number | null, kind: 'count' | 'share' | 'days' | 'rating'): string {
  if (value === null) return '—';
  if (kind === 'share') return formatPercent(value, 1);
  if (kind === 'rating') return value.toFixed(2);
  return formatNumber(value);
}

/** The key figures of the period beside those of the previous period of equal length. */
export function SummaryFigures({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  return (
    <dl className="figures" aria-label={t('analytics.figuresLabel')}>
      {summaryFigures.map(({ key, kind }) => {
        const now = data.summary[key];
        const before = data.previous.summary[key];
        return (
          <div key={key} className="figure" data-figure={key}>
            <dt>{t(`analytics.figure.${key}`)}</dt>
            <dd>
              <span className="figure__value">{formatFigure(now, kind)}</span>
              <span className="figure__previous">
                {t('analytics.previous', { value: formatFigure(before, kind) })}
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
