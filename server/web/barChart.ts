// The geometry of a small bar chart, drawn as SVG on the server so it needs no script and passes the CSP. It is
// decoration for sighted readers: the page's table of the same figures is the text alternative.

export interface ChartSeries {
  /** A CSS class for the bars' colour, and the legend's words. */
  className: string
  label: string
  values: number[]
}

export interface BarChart {
  width: number
  height: number
  plot: { left: number; top: number; width: number; height: number }
  categories: Array<{ label: string; x: number }>
  bars: Array<{ className: string; x: number; y: number; width: number; height: number }>
  ticks: Array<{ value: number; y: number }>
  legend: Array<{ className: string; label: string; x: number }>
  /** A level drawn across the plot, such as a target the bars are measured against. */
  reference?: { label: string; y: number }
}

export interface BarChartOptions {
  /** The value at the top of the axis, when it is fixed (100 for percentages); otherwise a round step above the tallest bar. */
  top?: number
  reference?: { value: number; label: string }
}

const size = { width: 720, height: 300, left: 80, right: 16, top: 32, bottom: 40 }

/** A round step (1, 2 or 5 times a power of ten) that gives about four gridlines up to `max`. */
export function niceStep(max: number): number {
  if (max <= 0) return 1
  const rough = max / 4
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)
  return step ?? 10 * power
}

export function barChart(categoryLabels: string[], series: ChartSeries[], options: BarChartOptions = {}): BarChart {
  const plot = {
    left: size.left,
    top: size.top,
    width: size.width - size.left - size.right,
    height: size.height - size.top - size.bottom,
  }
  const max = Math.max(0, options.reference?.value ?? 0, ...series.flatMap((s) => s.values))
  const step = niceStep(options.top ?? max)
  const top = options.top ?? Math.max(step, Math.ceil(max / step) * step)
  const yOf = (value: number) => plot.top + plot.height - (value / top) * plot.height
  const slot = plot.width / Math.max(1, categoryLabels.length)
  const barWidth = (slot * 0.7) / Math.max(1, series.length)

  const bars = series.flatMap((s, seriesIndex) =>
    s.values.map((value, index) => ({
      className: s.className,
      x: round(plot.left + index * slot + slot * 0.15 + seriesIndex * barWidth),
      y: round(yOf(value)),
      width: round(barWidth),
      height: round(plot.top + plot.height - yOf(value)),
    })),
  )
  const ticks = []
  for (let value = 0; value <= top; value += step) ticks.push({ value, y: round(yOf(value)) })
  return {
    width: size.width,
    height: size.height,
    plot,
    categories: categoryLabels.map((label, index) => ({ label, x: round(plot.left + index * slot + slot / 2) })),
    bars,
    ticks,
    legend: series.map((s, index) => ({ className: s.className, label: s.label, x: plot.left + index * 200 })),
    ...(options.reference && { reference: { label: options.reference.label, y: round(yOf(options.reference.value)) } }),
  }
}

const round = (value: number) => Math.round(value * 10) / 10
