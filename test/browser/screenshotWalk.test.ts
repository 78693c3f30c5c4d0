import fs from 'node:fs'
import path from 'node:path'

import type { BrowserContext, Page } from 'playwright-core'

import { projectRoot } from '../../server/config'
import { consolePaths, consolePathTo } from '../../server/console/paths'
import { portalPaths } from '../../server/portal/paths'
import { bilingualRep, supervisor } from '../console/consoleTestApp'
import { languages, participantIdOf, persona, servicesOf } from '../portal/portalTestApp'
import { type BrowserHarness, signInAsParent, startBrowserHarness } from './browserHarness'

// The walk of issue 12: every journey's pages, in both languages, on a 390-px phone and on a desktop. Each page state
// is saved as a screenshot under reports/screenshots/ (an artifact for people to look at, never a pixel assertion),
// and what can be asserted is: nothing scrolls sideways, the skip link is visible and uncovered when it takes the
// focus, every control is at least 24 px each way (WCAG 2.2, 2.5.8), and a parent's first figure sits on the first
// screen of the dashboard.

jest.setTimeout(600_000)

const screens = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const
type ScreenName = keyof typeof screens

const shotsFolder = path.join(projectRoot, 'reports', 'screenshots')

/** Parents whose pages differ most: paying, receiving, both roles, a suspended license, Spanish by choice. */
const walkers = ['current-payer', 'fee-paying-receiver', 'both-roles', 'suspended-license', 'spanish-speaker'].map(persona)

interface PageState {
  label: string
  path: string
}

// The project compiles without the DOM library; these are the few browser shapes the checks below touch.
interface Box { left: number; top: number; bottom: number; width: number; height: number }
interface Element {
  id: string
  className: string
  tagName: string
  offsetParent: unknown
  classList: { contains(name: string): boolean }
  getBoundingClientRect(): Box
  contains(other: Element): boolean
}
interface Browserless {
  document: {
    documentElement: { scrollWidth: number }
    activeElement: Element | null
    querySelector(selector: string): Element | null
    querySelectorAll(selector: string): Iterable<Element>
    elementFromPoint(x: number, y: number): Element | null
  }
  window: { innerWidth: number; innerHeight: number; scrollY: number; scrollTo(x: number, y: number): void }
}

/** Everything measurable about the page now shown, in one round trip. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const { document, window } = globalThis as unknown as Browserless
    const targets = Array.from(document.querySelectorAll('main button, main select, main input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"]), main .usa-button, header button, header .usa-button, header a'))
      .filter((control) => control.offsetParent !== null)
      .map((control) => ({ control, box: control.getBoundingClientRect() }))
    const centre = (box: Box) => ({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
    // WCAG 2.2's spacing exception: an undersized target passes when a 24-px circle on its centre touches no other
    // target and no other undersized target's circle.
    const undersized = targets.filter(({ box }) => box.width < 24 || box.height < 24)
    const circleTouches = (at: { x: number; y: number }, box: Box) => {
      const nearestX = Math.max(box.left, Math.min(at.x, box.left + box.width))
      const nearestY = Math.max(box.top, Math.min(at.y, box.top + box.height))
      return Math.hypot(at.x - nearestX, at.y - nearestY) < 12
    }
    const small = undersized
      .filter(({ control, box }) => {
        const at = centre(box)
        return targets.some((other) => other.control !== control && !other.control.contains(control) && !control.contains(other.control) && circleTouches(at, other.box)) ||
          undersized.some((other) => other.control !== control && Math.hypot(at.x - centre(other.box).x, at.y - centre(other.box).y) < 24)
      })
      .map(({ control, box }) => `${control.tagName.toLowerCase()}#${control.id || control.className} ${Math.round(box.width)}x${Math.round(box.height)}`)
    const firstFigure = document.querySelector('main dl.figures dd')
    return {
      sidewaysScroll: document.documentElement.scrollWidth > window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      smallControls: small,
      firstFigureBottom: firstFigure ? firstFigure.getBoundingClientRect().bottom + window.scrollY : null,
    }
  })
}

/** Tab once from the top: the skip link must take the focus, be on screen, and be the element actually drawn there. */
async function skipLinkProblem(page: Page): Promise<string | null> {
  await page.evaluate(() => (globalThis as unknown as Browserless).window.scrollTo(0, 0))
  await page.locator('body').focus()
  await page.keyboard.press('Tab')
  // USWDS slides the link in (a short transition): wait until it has arrived, or report where it stopped.
  await page
    .waitForFunction(() => {
      const link = (globalThis as unknown as Browserless).document.activeElement
      return Boolean(link?.classList.contains('usa-skipnav') && link.getBoundingClientRect().top >= 0)
    }, undefined, { timeout: 1_000 })
    .catch(() => undefined)
  return page.evaluate(() => {
    const { document, window } = globalThis as unknown as Browserless
    const link = document.activeElement
    if (!link?.classList.contains('usa-skipnav')) return `the first Tab focused ${link?.tagName ?? 'nothing'}, not the skip link`
    const box = link.getBoundingClientRect()
    if (box.width === 0 || box.top < 0 || box.bottom > window.innerHeight) return `the focused skip link is off screen (top ${Math.round(box.top)} px)`
    const drawn = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    return drawn && (drawn === link || link.contains(drawn)) ? null : `the focused skip link is covered by ${drawn?.tagName}.${drawn?.className}`
  })
}

describe('the walk: every journey on a phone and a desktop, in both languages', () => {
  let harness: BrowserHarness
  beforeAll(async () => {
    harness = await startBrowserHarness()
    fs.rmSync(shotsFolder, { recursive: true, force: true })
    // One request waiting in the queue, in Spanish, so the console's request page is walked too.
    const spanish = persona('spanish-speaker')
    const participantId = await participantIdOf(harness.testApp, spanish)
    await servicesOf(harness.testApp).callbacks.requestCallback({
      principal: { kind: 'parent', participantId },
      participantId,
      phone: '+19165550150',
      language: 'es',
      topic: 'payments',
      // What a parent wrote under "Tell us more", so the representative's page shows it on the walk.
      details: 'Quiero saber por qué el pago de octubre fue menor.\nPuede llamarme después de las 10.',
      preferredWindow: 'morning',
      channel: 'web',
    })
  })
  afterAll(() => harness?.close())

  /**
   * What i18next shows for a key it has no words for is the key itself ("case.balanceHeadingBy.agency"): dotted words
   * with a capital or an underscore inside, which no sentence, address or web address of ours has.
   */
  function untranslatedKeys(text: string): string[] {
    return (text.match(/\b[a-z]+(?:\.[A-Za-z_]+)+\b/g) ?? []).filter((word) => /[A-Z_]/.test(word))
  }

  /** The case of the current payer and the fee-paying receiver, as staff find it. */
  async function walkedCaseId(): Promise<number> {
    const found = await servicesOf(harness.testApp).staffDirectory.searchCases({ kind: 'staff', staffId: 1, role: 'rep' }, '340010120417')
    if (!found.ok || !found.cases[0]) throw new Error('the walked case was not found')
    return found.cases[0].caseId
  }

  async function contextFor(screen: ScreenName): Promise<BrowserContext> {
    return harness.browser.newContext({ baseURL: harness.baseUrl, viewport: screens[screen], deviceScaleFactor: 1, isMobile: screen === 'phone', hasTouch: screen === 'phone' })
  }

  /** Opens each state, saves its screenshot and returns one line per problem found. */
  async function walk(page: Page, folder: string, states: PageState[]): Promise<string[]> {
    const problems: string[] = []
    for (const [index, state] of states.entries()) {
      const response = await page.goto(state.path)
      const where = `${folder}/${state.label} (${state.path})`
      if (!response || response.status() >= 500) problems.push(`${where}: HTTP ${response?.status()}`)
      const file = path.join(shotsFolder, folder, `${String(index + 1).padStart(2, '0')}-${state.label}.png`)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      await page.screenshot({ path: file, fullPage: true })
      const measured = await measure(page)
      if (measured.sidewaysScroll) problems.push(`${where}: scrolls sideways (${measured.scrollWidth} px wide)`)
      for (const control of measured.smallControls) problems.push(`${where}: control under 24 px: ${control}`)
      const skip = await skipLinkProblem(page)
      if (skip) problems.push(`${where}: ${skip}`)
      for (const key of untranslatedKeys(await page.locator('body').innerText())) problems.push(`${where}: shows a translation key: ${key}`)
    }
    return problems
  }

  describe.each(languages)('in %s', (language) => {
    it.each(Object.keys(screens) as ScreenName[])('the public pages at %s width', async (screen) => {
      const context = await contextFor(screen)
      const page = await context.newPage()
      await page.goto(`/?lng=${language}`)
      const problems = await walk(page, `${language}/${screen}/public`, [
        { label: 'home', path: portalPaths.home },
        { label: 'how-to-pay', path: portalPaths.howToPay },
        { label: 'office-hours', path: portalPaths.officeHours },
        { label: 'payoff-calculator', path: `${portalPaths.payoffCalculator}?principal=5000&interest=250&rate=10&plan=payment&payment=200` },
        { label: 'sign-in', path: portalPaths.signIn },
        { label: 'activate', path: portalPaths.activate },
        { label: 'reset', path: portalPaths.reset },
      ])
      await context.close()
      expect(problems).toEqual([])
    })

    it.each(walkers.flatMap((who) => (Object.keys(screens) as ScreenName[]).map((screen) => [who.id, screen, who] as const)))(
      'what %s sees at %s width',
      async (_id, screen, who) => {
        const context = await contextFor(screen)
        const page = await context.newPage()
        await signInAsParent(page, who, language)
        const dashboard = await measure(page)
        const casePaths = await page.locator('main a[href^="/account/cases/"]').evaluateAll((links) =>
          links.map((link) => (link as unknown as { getAttribute(name: string): string }).getAttribute('href')!),
        )
        const states: PageState[] = [{ label: 'dashboard', path: portalPaths.dashboard }]
        for (const [index, casePath] of casePaths.entries()) {
          states.push({ label: `case-${index + 1}`, path: casePath }, { label: `case-${index + 1}-payments`, path: `${casePath}/payments` })
        }
        if (casePaths[0]) states.push({ label: 'case-1-payments-all-years', path: `${casePaths[0]}/payments?year=all` })
        states.push(
          // The home page as a signed-in parent sees it: the way to their cases, not to sign in.
          { label: 'home-signed-in', path: portalPaths.home },
          { label: 'callbacks', path: portalPaths.callbacks },
          { label: 'request-callback', path: portalPaths.requestCallback },
          { label: 'details', path: portalPaths.details },
          { label: 'alerts', path: portalPaths.alerts },
          // Writing to the agency, reporting a change and the documents asked for: the dashboard's other journeys.
          { label: 'messages', path: portalPaths.messages },
          { label: 'write-to-us', path: portalPaths.newMessage },
          { label: 'report-a-change', path: portalPaths.reportChange },
          { label: 'documents-asked-for', path: portalPaths.documentRequests },
        )
        const problems = await walk(page, `${language}/${screen}/${who.id}`, states)
        await context.close()
        expect(problems).toEqual([])
        expect(dashboard.firstFigureBottom).not.toBeNull()
        if (screen === 'phone') expect(dashboard.firstFigureBottom).toBeLessThanOrEqual(screens.phone.height)
      },
    )

    it.each(Object.keys(screens) as ScreenName[])('the console at %s width', async (screen) => {
      const context = await contextFor(screen)
      const page = await context.newPage()
      const problems: string[] = []
      for (const who of [bilingualRep, supervisor]) {
        await page.goto(`${consolePaths.signIn}?lng=${language}`)
        await page.fill('#username', who.username)
        await page.fill('#password', who.password)
        await Promise.all([page.waitForURL(`**${consolePaths.queue}`), page.locator('main form button[type="submit"]').click()])
        const firstRequest = await page.locator('main a[href^="/console/callbacks/"]').first().getAttribute('href', { timeout: 5_000 })
        const states: PageState[] = [
          { label: 'queue', path: consolePaths.queue },
          { label: 'case-search', path: consolePaths.caseSearch },
          { label: 'case-search-by-name', path: `${consolePaths.caseSearch}?q=Okafor` },
          { label: 'case', path: consolePathTo('casePage', { caseId: await walkedCaseId() }) },
        ]
        if (firstRequest) states.push({ label: 'request', path: firstRequest })
        // The supervisor's dashboard; a representative sees the page that says the account may not open it.
        states.push({ label: who === supervisor ? 'dashboard' : 'dashboard-refused', path: consolePaths.dashboard })
        problems.push(...(await walk(page, `${language}/${screen}/console-${who.username}`, states)))
        await context.clearCookies()
      }
      await context.close()
      expect(problems).toEqual([])
    })
  })
})
