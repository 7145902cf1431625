import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { locale, t } from '../i18n';
import { scheme } from '../state/theme';
import { type ChartOption, ECHARTS_LOCALE, echarts } from './echarts';

interface Props {
  id: string;
  title: string;
  /** What the chart shows in words: read by screen readers in place of the picture. */
  summary: string;
  option: ChartOption;
  /** The same numbers as a table, for keyboard and screen-reader users (and anyone who wants the exact figures). */
  table: ComponentChildren;
  height?: number;
  /** Clicking a data point (e.g. drill-down), by its name. */
  onPick?: (name: string) => void;
}

/**
 * One ECharts chart with its text equivalent. The canvas is an image described by `summary`; the numbers are in
 * the table under it, so nothing depends on seeing the chart or using a mouse.
 */
export function Chart({ id, title, summary, option, table, height = 260, onPick }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const dark = scheme.value === 'dark';
  const lang = locale.value;

  useEffect(() => {
    const dom = host.current;
    if (!dom) return;
    const chart = echarts.init(dom, dark ? 'dark' : undefined, { locale: ECHARTS_LOCALE[lang] });
    chart.on('click', (params) => {
      if (typeof params.name === 'string') pick.current?.(params.name);
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(dom);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [dark, lang]);

  useEffect(() => {
    const dom = host.current;
    const chart = dom ? echarts.getInstanceByDom(dom) : undefined;
    chart?.setOption({ backgroundColor: 'transparent', ...option }, { notMerge: true });
  }, [option, dark, lang]);

  return (
    <figure class="chart" aria-labelledby={`${id}-title`} data-chart={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div ref={host} class="chart-canvas" role="img" aria-label={summary} style={{ height: `${height}px` }} />
      <details class="chart-table">
        <summary>{t('common.showTable')}</summary>
        {table}
      </details>
    </figure>
  );
}
