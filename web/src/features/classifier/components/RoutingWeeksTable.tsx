import type { RoutingWeek } from '@shared/classifier/classifier.schemas.ts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber, formatPercent } from '../../../lib/format';

/**
 * How reports found their organisation, week by week: by a rule, by the classifier, by a curator; and
 * how many automatic routings were redirected afterwards (their precision as measured in production).
 */
export function RoutingWeeksTable({ weeks }: { weeks: RoutingWeek[] }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId} className="visually-hidden">
          {t('classifier.routingWeeks.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('classifier.routingWeeks.week')}</th>
            <th scope="col" className="num">
              {t('classifier.routingWeeks.rule')}
            </th>
            <th scope="col" className="num">
              {t('classifier.routingWeeks.classifier')}
            </th>
            <th scope="col" className="num">
              {t('classifier.routingWeeks.curator')}
            </th>
            <th scope="col" className="num">
              {t('classifier.routingWeeks.redirected')}
            </th>
            <th scope="col" className="num">
              {t('classifier.routingWeeks.precision')}
            </th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </section>
  );
}
