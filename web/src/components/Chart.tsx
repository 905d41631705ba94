import type { EChartsCoreOption } from 'echarts/core';
import { type ReactNode, useEffect, useRef } from 'react';

export type ChartOption = EChartsCoreOption;

export type ChartTable = {
  columns: string[];
  rows: (string | number | null)[][];
};

/**
 * A chart with its data as a table beside it: the table is what screen readers, keyboard users and
 * anyone who wants the exact figures read, so every chart must come with one. The canvas itself is
 * hidden from assistive technology and described by the caption.
 */
export function Chart({
  caption,
  option,
  table,
  height = 280,
  actions,
  hiddenCaption = false,
}: {
  caption: string;
  /** The caption only for screen readers, where a heading right above already says it. */
  hiddenCaption?: boolean;
  option: ChartOption;
  table: ChartTable;
  height?: number;
  actions?: ReactNode;
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // ECharts is most of the app's weight and few pages draw a chart: it is fetched with the first
    // one (its own chunk), while the caption and the table show at once.
    let remove: (() => void) | undefined;
    let removed = false;
    void import('./chart-canvas').then(
      ({ drawChart }) => {
        if (!removed) remove = drawChart(element, option);
      },
      // Only the chunk's fetch is forgiven (offline before it was cached: the table still has the
      // figures); a chart that fails to draw is an error in the console, as it was before the split.
      () => {},
    );
    return () => {
      removed = true;
      remove?.();
    };
  }, [option]);

  return (
    <figure className="chart">
      <figcaption className={hiddenCaption ? 'visually-hidden' : undefined}>{caption}</figcaption>
      <div ref={container} className="chart-canvas" style={{ height }} aria-hidden="true" />
      <div className="chart-table">
        <table>
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their order
              <tr key={index}>
                {row.map((cell, cellIndex) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                  <td key={cellIndex}>{cell ?? '—'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {actions ? <div className="chart-actions">{actions}</div> : null}
    </figure>
  );
}
