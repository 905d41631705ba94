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
import type { ChartOption } from './Chart';

// Only the chart kinds we draw, so the chunk carries a fraction of ECharts.
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

/**
 * Draws `option` into `element`, redrawn on window resizes; returns what removes it. Without its
 * growing bars and lines when the person asked their system for less motion, as the styles do
 * (base.css).
 */
export function drawChart(element: HTMLElement, option: ChartOption): () => void {
  const chart = echarts.init(element, undefined, { renderer: 'canvas' });
  const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  chart.setOption(still ? { ...option, animation: false } : option);
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    chart.dispose();
  };
}
