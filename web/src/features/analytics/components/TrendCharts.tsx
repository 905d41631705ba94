import type { Dashboard } from '@shared/analytics/analytics.schemas.ts';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../../components/Chart';
import { formatPercent } from '../../../lib/format';
import { type AnalyticsFilters, exportUrl } from '../api/get-dashboard';
import { ExportLinks } from './ExportLinks';

type Point = Dashboard['byMonth'][number];

function TrendChart({
  caption,
  points,
  table,
  filters,
}: {
  caption: string;
  points: Point[];
  table: 'months' | 'weeks';
  filters: AnalyticsFilters;
}) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      // At the top, in the room `grid.top` leaves: ECharts 6 puts a legend at the bottom by default,
      // where it covered the x-axis labels.
      legend: { top: 0, data: [t('analytics.figure.received'), t('analytics.figure.answered')] },
      grid: { left: 48, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: points.map((p) => p.period) },
      yAxis: { type: 'value' },
      series: [
        {
          name: t('analytics.figure.received'),
          type: 'bar',
          data: points.map((p) => p.received),
          color: '#1f5fa8',
        },
        {
          name: t('analytics.figure.answered'),
          type: 'line',
          data: points.map((p) => p.answered),
          color: '#2e7d32',
        },
      ],
    }),
    [points, t],
  );
  return (
    <Chart
      caption={caption}
      option={option}
      table={{
        columns: [
          t('analytics.period'),
          t('analytics.figure.received'),
          t('analytics.figure.answered'),
          t('analytics.figure.answeredOnTimeShare'),
          t('analytics.figure.meanRating'),
        ],
        rows: points.map((p) => [
          p.period,
          p.received,
          p.answered,
          p.answeredOnTimeShare === null ? null : formatPercent(p.answeredOnTimeShare, 1),
          p.meanRating === null ? null : p.meanRating.toFixed(2),
        ]),
      }}
      actions={
        <ExportLinks
          name={caption}
          csv={exportUrl(table, 'csv', filters)}
          xlsx={exportUrl(table, 'xlsx', filters)}
        />
      }
    />
  );
}

export function TrendCharts({ data, filters }: { data: Dashboard; filters: AnalyticsFilters }) {
  const { t } = useTranslation();
  return (
    <div className="chart-grid">
      <TrendChart caption={t('analytics.byMonth')} points={data.byMonth} table="months" filters={filters} />
      {data.byWeek.length > 0 ? (
        <TrendChart caption={t('analytics.byWeek')} points={data.byWeek} table="weeks" filters={filters} />
      ) : (
        <p className="hint">{t('analytics.weeksOnlyShort')}</p>
      )}
    </div>
  );
}
