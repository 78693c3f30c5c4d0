import { type ChartSeries, niceStep } from '../../web/barChart'

// The payments page's column chart, built to reflow rather than shrink: the bars are an SVG stretched to whatever
// width the screen gives (preserveAspectRatio="none", so only rectangles and lines scale), and every word and figure
// (legend, axis, months) is HTML text at the page's own size. An SVG drawn at 720 units wide and scaled down to a
// 390-px phone set its labels at about 6 px (issue 12, item 5); here they are 14 px on any screen.

export interface ColumnChartCategory {
  /** The label on a roomy screen: "Jan", "2024". */
  label: string
  /** The label when twelve must share a phone's width: "J", "'24". */
  short: string
}

export interface ColumnChart {
  /** The SVG's own units: 10 across for each category, 100 up. */
  viewWidth: number
  categories: ColumnChartCategory[]
  /** More categories than fit their full labels on a phone. */
  crowded: boolean
  bars: Array<{ className: string; x: number; y: number; width: number; height: number }>
  /** Top first, as the axis is read; `y` in the SVG's units. */
  ticks: Array<{ value: number; y: number }>
  legend: Array<{ className: string; label: string }>
}

const slotWidth = 10
const plotHeight = 100
/** Past this many categories the short labels are used on a phone-sized screen. */
const roomyCategories = 6

export function columnChart(categories: ColumnChartCategory[], series: ChartSeries[]): ColumnChart {
  const max = Math.max(0, ...series.flatMap((s) => s.values))
  const step = niceStep(max)
  const top = Math.max(step, Math.ceil(max / step) * step)
  const yOf = (value: number) => plotHeight - (value / top) * plotHeight
  const barWidth = (slotWidth * 0.7) / Math.max(1, series.length)
  const bars = series.flatMap((s, seriesIndex) =>
    s.values.map((value, index) => ({
      className: s.className,
      x: round(index * slotWidth + slotWidth * 0.15 + seriesIndex * barWidth),
      y: round(yOf(value)),
      width: round(barWidth),
      height: round(plotHeight - yOf(value)),
    })),
  )
  const ticks = []
  for (let value = top; value >= 0; value -= step) ticks.push({ value, y: round(yOf(value)) })
  return {
    viewWidth: Math.max(1, categories.length) * slotWidth,
    categories,
    crowded: categories.length > roomyCategories,
    bars,
    ticks,
    legend: series.map((s) => ({ className: s.className, label: s.label })),
  }
}

const round = (value: number) => Math.round(value * 100) / 100
