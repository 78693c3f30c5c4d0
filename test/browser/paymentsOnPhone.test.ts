import type { Page } from 'playwright-core'

import { portalPaths } from '../../server/portal/paths'
import { languages, persona } from '../portal/portalTestApp'
import { type BrowserHarness, signInAsParent, startBrowserHarness } from './browserHarness'

// Issue 12, item 5, measured in the browser on a 390 x 844 phone: the chart's words are at least 12 px (they were
// about 6 px when a 720-unit SVG was scaled down), each row of the payments tables is a block across the whole width
// (USWDS's stacked tables used about half), and a receiving parent's payments page is no longer 17 screens tall.

jest.setTimeout(120_000)

const phone = { width: 390, height: 844 }
/** A year of a receiving parent's payments (24 entries and 12 months of totals) in at most this many screens. */
const maxScreens = 8

interface Box { width: number; height: number }
interface Node {
  textContent: string | null
  children: ArrayLike<Node>
  getBoundingClientRect(): Box
}
interface Browserless {
  document: { querySelector(selector: string): Node | null; querySelectorAll(selector: string): ArrayLike<Node>; documentElement: { scrollHeight: number; scrollWidth: number } }
  getComputedStyle(node: Node): { fontSize: string; display: string; paddingLeft: string; paddingRight: string }
}

async function measure(page: Page) {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as Browserless
    const all = (selector: string) => Array.from(document.querySelectorAll(selector))
    // Every piece of visible text in the chart: the leaves that hold words.
    const chartText = all('.column-chart *')
      .filter((node) => node.children.length === 0 && (node.textContent ?? '').trim() && getComputedStyle(node).display !== 'none' && node.getBoundingClientRect().width > 0)
      .map((node) => ({ text: (node.textContent ?? '').trim(), size: parseFloat(getComputedStyle(node).fontSize) }))
    const main = document.querySelector('main')!
    const style = getComputedStyle(main)
    const contentWidth = main.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    return {
      chartText,
      svgText: all('.column-chart svg text').length,
      rowWidths: all('.table-as-list tbody tr').map((row) => row.getBoundingClientRect().width),
      contentWidth,
      height: document.documentElement.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
    }
  })
}

describe('payments on a 390-px phone', () => {
  let harness: BrowserHarness
  beforeAll(async () => {
    harness = await startBrowserHarness()
  })
  afterAll(() => harness?.close())

  it.each(languages)('a receiving parent reads the chart, the tables as lists, in a few screens (%s)', async (language) => {
    const context = await harness.browser.newContext({ baseURL: harness.baseUrl, viewport: phone, deviceScaleFactor: 1, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    await signInAsParent(page, persona('fee-paying-receiver'), language)
    const casePath = await page.locator('main a[href^="/account/cases/"]').first().getAttribute('href')
    await page.goto(`${casePath}/payments`)
    const measured = await measure(page)
    await context.close()

    expect(measured.svgText).toBe(0)
    // Twelve month initials, the axis's five figures and the two legend entries, all legible.
    expect(measured.chartText.length).toBeGreaterThanOrEqual(12 + 2 + 2)
    expect(measured.chartText.filter((t) => t.size < 12)).toEqual([])
    expect(measured.rowWidths.length).toBeGreaterThanOrEqual(12 + 24)
    for (const width of measured.rowWidths) expect(width).toBeGreaterThanOrEqual(measured.contentWidth * 0.95)
    expect(measured.scrollWidth).toBeLessThanOrEqual(phone.width)
    expect(measured.height).toBeLessThanOrEqual(maxScreens * phone.height)
  })

  it.each(languages)("every other portal table reads as a list across the whole width too: the case's order, where a payment went, ways to pay (%s)", async (language) => {
    const context = await harness.browser.newContext({ baseURL: harness.baseUrl, viewport: phone, deviceScaleFactor: 1, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    await signInAsParent(page, persona('current-payer'), language)
    const casePath = (await page.locator('main a[href^="/account/cases/"]').first().getAttribute('href'))!
    await page.goto(`${casePath}/payments`)
    const explanationPath = (await page.locator('main a[href*="/payments/"]').first().getAttribute('href'))!
    for (const path of [casePath, explanationPath, portalPaths.howToPay]) {
      await page.goto(path)
      const measured = await measure(page)
      expect(measured.rowWidths.length).toBeGreaterThan(0)
      expect({ path, narrowRows: measured.rowWidths.filter((width) => width < measured.contentWidth * 0.95) }).toEqual({ path, narrowRows: [] })
    }
    await context.close()
  })
})
