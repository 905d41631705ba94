import type { RoutingWeek } from '@shared/classifier/classifier.schemas.ts';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable';
import { formatDate, formatNumber, formatPercent } from '../../../lib/format';

/**
 * How reports found their organisation, week by week: by a rule, by the classifier, by a curator; and
 * how many automatic routings were redirected afterwards (their precision as measured in production).
 */
export function RoutingWeeksTable({ weeks }: { weeks: RoutingWeek[] }) {
  const { t } = useTranslation();
  return (
    <DataTable
      caption={t('classifier.routingWeeks.caption')}
      hiddenCaption
      columns={[
        { label: t('classifier.routingWeeks.week') },
        { label: t('classifier.routingWeeks.rule'), numeric: true },
        { label: t('classifier.routingWeeks.classifier'), numeric: true },
        { label: t('classifier.routingWeeks.curator'), numeric: true },
        { label: t('classifier.routingWeeks.redirected'), numeric: true },
        { label: t('classifier.routingWeeks.precision'), numeric: true },
      ]}
    >
      {weeks.map((w) => (
        <tr key={w.week}>
          <th scope="row">{t('classifier.routingWeeks.weekOf', { date: formatDate(w.week) })}</th>
          <td className="num">{formatNumber(w.rule)}</td>
          <td className="num">{formatNumber(w.classifier)}</td>
          <td className="num">{formatNumber(w.curator)}</td>
          <td className="num">
            {t('classifier.routingWeeks.redirectedSplit', {
              rule: formatNumber(w.ruleRedirected),
              classifier: formatNumber(w.classifierRedirected),
            })}
          </td>
          <td className="num">
            {w.automaticPrecision === null ? '—' : formatPercent(w.automaticPrecision, 1, 1)}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
