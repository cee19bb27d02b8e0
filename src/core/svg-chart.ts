// Small bar charts drawn on the server as SVG, for pages that show figures over time (a network's health
// view): no JavaScript, readable by screen readers (role="img" named by its <title> and <desc>), and in
// the stylesheet's colours, so they follow the light and dark schemes (classes chart-*; text in
// currentColor). The page shows the same figures in a table too: the chart is for the eye.
import { escapeHtml as escapeMarkup } from './markdown.js';

export interface ChartBar {
  /** Under the bar: a short label (the day of the month a week starts on, "14"). */
  label: string;
  /** Under the label: where a new group begins (the month, "Sep"); empty where the group goes on. */
  group?: string;
  /** Null draws no bar and writes `valueText` alone (a median of nothing). */
  value: number | null;
  /** Above the bar: the value as the reader's language writes it. */
  valueText: string;
  /** A bar still growing (this week so far): drawn as a dashed outline. */
  partial?: boolean;
}

export interface BarChart {
  /** Unique on the page: the chart's title and description take their ids from it. */
  id: string;
  title: string;
  description: string;
  bars: readonly ChartBar[];
}

const WIDTH = 360;
const HEIGHT = 150;
const TOP = 18;
const BOTTOM = 34;
const SIDE = 4;

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * The chart as an <svg> element's markup, every text escaped. Bars share one scale from zero to the
 * largest value (a chart of zeros draws its baseline alone); each bar has its value above it and its
 * label below, and under the labels each group's name where it begins. It scales to its container's width (viewBox, no fixed size).
 */
export function renderBarChart(chart: BarChart): string {
  const id = escapeMarkup(chart.id);
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const baseline = TOP + plotHeight;
  const slot = (WIDTH - 2 * SIDE) / Math.max(chart.bars.length, 1);
  const barWidth = slot * 0.7;
  const largest = Math.max(0, ...chart.bars.map((bar) => bar.value ?? 0));
  const parts = chart.bars.map((bar, index) => {
    const centre = round(SIDE + slot * index + slot / 2);
    const height = bar.value && largest > 0 ? Math.max(1, (bar.value / largest) * plotHeight) : 0;
    const top = round(baseline - height);
    const shape =
      height > 0
        ? `<rect class="${bar.partial ? 'chart-bar chart-bar-partial' : 'chart-bar'}" x="${round(centre - barWidth / 2)}" y="${top}" width="${round(barWidth)}" height="${round(height)}"/>`
        : '';
    const value = `<text class="chart-value" x="${centre}" y="${round(top - 4)}" text-anchor="middle">${escapeMarkup(bar.valueText)}</text>`;
    const label = `<text class="chart-label" x="${centre}" y="${HEIGHT - 19}" text-anchor="middle">${escapeMarkup(bar.label)}</text>`;
    const group = bar.group ? `<text class="chart-group" x="${round(centre - slot / 2)}" y="${HEIGHT - 4}">${escapeMarkup(bar.group)}</text>` : '';
    return shape + value + label + group;
  });
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">` +
    `<title id="${id}-title">${escapeMarkup(chart.title)}</title>` +
    `<desc id="${id}-desc">${escapeMarkup(chart.description)}</desc>` +
    `<line class="chart-axis" x1="${SIDE}" y1="${baseline}" x2="${WIDTH - SIDE}" y2="${baseline}"/>` +
    parts.join('') +
    `</svg>`
  );
}
