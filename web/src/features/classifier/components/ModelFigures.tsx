import type { ModelInfo } from '@shared/classifier/classifier.schemas.ts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber, formatPercent } from '../../../lib/format';

/** Accuracies side by side read best with the same number of decimals. */
const formatAccuracy = (share: number) => formatPercent(share, 1, 1);

import { classifierLabels, type ModelMetrics, modelMetrics } from '../metrics';

const statusBadge: Record<ModelInfo['status'], string> = {
  active: 'badge--done',
  retired: 'badge--final',
  rejected: 'badge--problem',
};

export function ModelStatusBadge({ status }: { status: ModelInfo['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge ${statusBadge[status]}`}>{t(`classifier.status.${status}`)}</span>;
}

/** The active model: what it learnt from, when, why, and how well it did on reports it never saw. */
export function ActiveModel({ model }: { model: ModelInfo }) {
  const { t } = useTranslation();
  const metrics = modelMetrics(model);
  return (
    <>
      <dl className="facts">
        <dt>{t('classifier.trainedOn')}</dt>
        <dd>
          {t('classifier.reportsTrained', { count: model.trainedOn, n: formatNumber(model.trainedOn) })}
        </dd>
        <dt>{t('classifier.trainedAt')}</dt>
        <dd>{formatDateTime(model.createdAt)}</dd>
        <dt>{t('classifier.trigger')}</dt>
        <dd>{t(`classifier.triggers.${model.trigger}`)}</dd>
        {metrics.heldOut !== null && (
          <>
            <dt>{t('classifier.heldOut')}</dt>
            <dd>
              {t('classifier.reportsHeldOut', { count: metrics.heldOut, n: formatNumber(metrics.heldOut) })}
            </dd>
          </>
        )}
      </dl>
      <h3 className="metric-heading">{t('classifier.accuracy')}</h3>
      <ul className="metric-tiles">
        {classifierLabels.map((label) => {
          const value = metrics.candidate[label];
          return (
            <li key={label} className="metric-tile">
              <span className="metric-tile__label">{t(`classifier.labels.${label}`)}</span>
              <span className="metric-tile__value">{value === undefined ? '—' : formatAccuracy(value)}</span>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** Every recorded training, newest first, with the figures it was accepted or rejected on. */
export function ModelHistoryTable({ models }: { models: ModelInfo[] }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    // The table scrolls sideways on a phone; the region is focusable so keyboards can scroll it too.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId} className="visually-hidden">
          {t('classifier.historyCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('classifier.columns.trainedAt')}</th>
            <th scope="col">{t('classifier.columns.status')}</th>
            <th scope="col">{t('classifier.columns.trigger')}</th>
            <th scope="col" className="num">
              {t('classifier.columns.trainedOn')}
            </th>
            <th scope="col" className="num">
              {t('classifier.columns.heldOut')}
            </th>
            {classifierLabels.map((label) => (
              <th key={label} scope="col" className="num">
                {t(`classifier.labels.${label}`)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('classifier.columns2.corrections')}
            </th>
            <th scope="col">{t('classifier.columns2.moved')}</th>
          </tr>
        </thead>
        <tbody>
          {models.map((m) => {
            const metrics = modelMetrics(m);
            return (
              <tr key={m.id} className={m.status === 'active' ? 'is-current' : undefined}>
                <th scope="row">{formatDateTime(m.createdAt)}</th>
                <td>
                  <ModelStatusBadge status={m.status} />
                </td>
                <td>{t(`classifier.triggers.${m.trigger}`)}</td>
                <td className="num">{formatNumber(m.trainedOn)}</td>
                <td className="num">{metrics.heldOut === null ? '—' : formatNumber(metrics.heldOut)}</td>
                {classifierLabels.map((label) => {
                  const value = metrics.candidate[label];
                  const previous = metrics.previous?.[label];
                  return (
                    <td key={label} className="num">
                      <span className="model-figure">
                        {value === undefined ? '—' : formatAccuracy(value)}
                      </span>
                      {previous !== undefined && (
                        <span className="model-figure-previous">
                          {t('classifier.previousFigure', { value: formatAccuracy(previous) })}
                        </span>
                      )}
                    </td>
                  );
                })}
                <td className="num">
                  {metrics.corrections === null ? '—' : formatNumber(metrics.corrections)}
                </td>
                <td>
                  <RoutingMoves metrics={metrics} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** How many reports the new model routes differently, and the three largest moves. */
function RoutingMoves({ metrics }: { metrics: ModelMetrics }) {
  const { t } = useTranslation();
  if (metrics.changed === null) return <>—</>;
  if (metrics.changed === 0) return <span className="muted">{t('classifier.movedNone')}</span>;
  return (
    <>
      <span className="model-figure">
        {t('classifier.movedCount', { count: metrics.changed, n: formatNumber(metrics.changed) })}
      </span>
      <ul className="plain-list">
        {metrics.moves.slice(0, 3).map((m) => (
          <li key={`${m.label}|${m.from}|${m.to}`} className="model-figure-previous">
            {t('classifier.move', {
              label: t(`classifier.labels.${m.label}`),
              from: m.from ?? '—',
              to: m.to,
              n: formatNumber(m.reports),
            })}
          </li>
        ))}
      </ul>
      {metrics.judgedOn && (
        <span className="hint">
          {t(metrics.judgedOn === 'unseen' ? 'classifier.judgedOnUnseen' : 'classifier.judgedOnNewest')}
        </span>
      )}
    </>
  );
}
