import { BarChart, LineChart, PieChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Locale } from '../i18n';

/**
 * Only the parts of ECharts the dashboard draws, so the dashboard's chunk stays small (test/bench/console-size).
 * English and Chinese locales are built into ECharts. zh-TW uses ECharts' 'ZH' (Simplified): ECharts ships no
 * Traditional locale, and the console shows none of the chart strings it holds (toolbox, data zoom) anyway.
 */
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  RadarChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export const ECHARTS_LOCALE: Record<Locale, 'EN' | 'ZH'> = { en: 'EN', 'zh-CN': 'ZH', 'zh-TW': 'ZH' };

export { echarts };
export type ChartOption = echarts.EChartsCoreOption;
