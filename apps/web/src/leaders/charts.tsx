/**
 * ECharts, imported piece by piece (heatmap and bar charts, the SVG renderer) so the first load
 * carries only what the dashboard draws. SVG rather than canvas: every number on a chart is a
 * text node, which screen readers, text search and the browser tests can read.
 */
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

echarts.use([HeatmapChart, BarChart, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** A chart that follows its option and the width of its box (phones rotate, windows resize). */
export function Chart(props: { option: ChartOption; height: number; label: string; testId?: string; onClick?: (params: { data?: unknown; dataIndex: number }) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(props.onClick);
  click.current = props.onClick;

  useEffect(() => {
    const instance = echarts.init(box.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => click.current?.(params as { data?: unknown; dataIndex: number }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return <div ref={box} class="chart" style={{ height: `${props.height}px` }} role="img" aria-label={props.label} data-testid={props.testId} />;
}

/** Red (nothing covered) through amber to green (everything covered), as a ratio 0–1. */
export const COVERAGE_COLOURS = ['#c0392b', '#e67e22', '#f1c40f', '#7cb342', '#2e7d32'];
