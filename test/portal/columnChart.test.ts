import { columnChart } from '../../server/portal/payments/columnChart'

// The payments chart's geometry: bars in SVG units (10 across per category, 100 up), ticks from the top down so the
// axis reads as it is drawn, and "crowded" once a phone cannot fit every full label.

const months = (n: number) => Array.from({ length: n }, (_, i) => ({ label: `M${i + 1}`, short: `${i + 1}` }))

describe('the payments column chart', () => {
  it('scales bars to a round top and lists ticks top first, evenly spaced down to zero', () => {
    const chart = columnChart(months(3), [{ className: 'chart-bar--paid', label: 'Paid', values: [78_000, 39_000, 0] }])
    expect(chart.viewWidth).toBe(30)
    expect(chart.ticks.map((t) => t.value)).toEqual([80_000, 60_000, 40_000, 20_000, 0])
    expect(chart.ticks.map((t) => t.y)).toEqual([0, 25, 50, 75, 100])
    expect(chart.bars.map((b) => [b.y, b.height])).toEqual([[2.5, 97.5], [51.25, 48.75], [100, 0]])
    // Every bar stays inside its own category's slot.
    chart.bars.forEach((bar, index) => {
      expect(bar.x).toBeGreaterThanOrEqual(index * 10)
      expect(bar.x + bar.width).toBeLessThanOrEqual((index + 1) * 10)
    })
  })

  it('puts two series side by side within each slot, with their legend', () => {
    const chart = columnChart(months(2), [
      { className: 'chart-bar--paid', label: 'Paid', values: [100, 200] },
      { className: 'chart-bar--sent', label: 'Sent', values: [50, 200] },
    ])
    const [paid, , sent] = chart.bars
    expect(sent!.x).toBeCloseTo(paid!.x + paid!.width)
    expect(chart.legend).toEqual([{ className: 'chart-bar--paid', label: 'Paid' }, { className: 'chart-bar--sent', label: 'Sent' }])
  })

  it('draws an empty chart with one step of axis, and calls more than six categories crowded', () => {
    const empty = columnChart(months(12), [{ className: 'chart-bar--paid', label: 'Paid', values: Array(12).fill(0) }])
    expect(empty.ticks.map((t) => t.value)).toEqual([1, 0])
    expect(empty.bars.every((b) => b.height === 0)).toBe(true)
    expect(empty.crowded).toBe(true)
    expect(columnChart(months(6), []).crowded).toBe(false)
  })
})
