import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type ReactNode, useEffect, useRef } from 'react';

// Only the chart kinds we draw, so the bundle carries a fraction of ECharts.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;

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
}: {
  caption: string;
  option: ChartOption;
  table: ChartTable;
  height?: number;
  actions?: ReactNode;
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = echarts.init(element, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);

  return (
    <figure className="chart">
      <figcaption>{caption}</figcaption>
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
