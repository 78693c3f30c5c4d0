import type { Page } from 'playwright-core'

import { sessionIdleMs } from '../../server/middleware/setUpWebSession'
import { portalPaths } from '../../server/portal/paths'
import { persona, text } from '../portal/portalTestApp'
import {
  auditContext,
  axeViolations,
  type BrowserHarness,
  focusedElement,
  parentContext,
  startBrowserHarness,
  tabTo,
} from './browserHarness'

// The callback and details journeys done with the keyboard alone, in a browser that enforces the CSP (so every
// script must work without inline code); the quick exit by button and by Shift pressed three times; and the
// idle-timeout warning.

jest.setTimeout(120_000)

/**
 * Waits for the refused form's page to put the focus on its error summary. The check may run while the old page is
 * unloading, when nothing has the focus, so it tolerates no active element rather than failing on it.
 */
function waitForErrorSummaryFocus(page: Page) {
  return page.waitForFunction(
    () => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === 'error-summary',
  )
}

/**
 * Whether the element is what a pointer at its centre would reach: drawn on top, covered by nothing. It waits first
 * for the element's transitions to end (the skip link slides in from above the page over 0.15 s, and on a busy
 * machine the check could otherwise land while it is still partly off the screen).
 */
function topmostAtCentreOf(page: Page, selector: string): Promise<boolean> {
  return page.$eval(selector, async (element) => {
    const animated = element as unknown as { getAnimations(): { finished: Promise<unknown> }[] }
    await Promise.all(animated.getAnimations().map((animation) => animation.finished))
    const box = (element as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }).getBoundingClientRect()
    const doc = (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): unknown } }).document
    const hit = doc.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) as { closest?(s: string): unknown } | null
    return hit === element || (hit?.closest?.(selector) ?? null) === element
  })
}

describe('keyboard journeys', () => {
  let harness: BrowserHarness
  const cspViolations: string[] = []
  beforeAll(async () => {
    harness = await startBrowserHarness()
  })
  afterAll(() => harness?.close())

  async function signInByKeyboard(page: Page, id: string): Promise<void> {
    const who = persona(id)
    await page.goto(`${portalPaths.signIn}?lng=en`)
    await tabTo(page, '#username')
    await page.keyboard.type(who.web.username)
    await page.keyboard.press('Tab')
    await page.keyboard.type(who.web.password)
    await Promise.all([page.waitForURL(`**${portalPaths.dashboard}`), page.keyboard.press('Enter')])
  }

  /** Replaces the text of the focused field, as a keyboard user does: select all, then type. */
  async function retype(page: Page, value: string): Promise<void> {
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Backspace')
    if (value) await page.keyboard.type(value)
  }

  it('starts every page with the skip link, and it moves focus to the main content', async () => {
    const page = await (await parentContext(harness, cspViolations)).newPage()
    await page.goto(portalPaths.howToPay)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } } }).document.activeElement.className)).toBe('usa-skipnav')
    // Seen where it is: nothing (the sticky quick-exit bar above all) is drawn over it.
    expect(await topmostAtCentreOf(page, '.usa-skipnav')).toBe(true)
    await page.keyboard.press('Enter')
    expect(await focusedElement(page)).toBe('main-content')
  })

  it('asks for a callback, corrects a mistake through the error summary, and cancels it, all by keyboard', async () => {
    const page = await (await parentContext(harness, cspViolations)).newPage()
    await signInByKeyboard(page, 'hearing-next-week')
    await tabTo(page, `main a[href="${portalPaths.requestCallback}"]`)
    await Promise.all([page.waitForURL(`**${portalPaths.requestCallback}`), page.keyboard.press('Enter')])

    await tabTo(page, '#topic')
    await page.keyboard.press('ArrowDown') // "Payments and disbursements"
    await page.keyboard.press('ArrowDown') // "Driver's license"
    await tabTo(page, '#phone')
    await retype(page, '555')
    await tabTo(page, '#window')
    await page.keyboard.press('Space')
    await tabTo(page, 'main form button[type="submit"]')
    await Promise.all([page.waitForLoadState('load'), page.waitForURL(`**${portalPaths.requestCallback}`), page.keyboard.press('Enter')])

    // The error summary has the focus; its link takes the parent to the phone field.
    await waitForErrorSummaryFocus(page)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    expect(await focusedElement(page)).toBe('phone')
    await retype(page, '916 555 0142')
    await Promise.all([page.waitForURL(/\/account\/callbacks\/[A-Z0-9]{6}$/), page.keyboard.press('Enter')])

    const code = (await page.locator('.confirmation-code').textContent())!.trim()
    expect(code).toMatch(/^[A-Z0-9]{6}$/)
    await tabTo(page, `main a[href="${portalPaths.callbacks}"]`)
    await Promise.all([page.waitForURL(`**${portalPaths.callbacks}`), page.keyboard.press('Enter')])
    expect(await page.locator('main').textContent()).toContain(text('en', 'callbacks:topics.license'))

    await tabTo(page, `main a[href="/account/callbacks/${code}/cancel"]`)
    await Promise.all([page.waitForURL(`**/account/callbacks/${code}/cancel`), page.keyboard.press('Enter')])
    await tabTo(page, 'main form button[type="submit"]')
    await Promise.all([page.waitForURL(`**${portalPaths.callbacksCancelled}?**`), page.keyboard.press('Enter')])
    expect(await page.locator('h1').textContent()).toBe(text('en', 'portal:callbacks.cancelled.heading'))
  })

  it('updates my details by keyboard, after a refusal that keeps what was typed', async () => {
    const page = await (await parentContext(harness, cspViolations)).newPage()
    await signInByKeyboard(page, 'military-parent')
    await tabTo(page, `header a[href="${portalPaths.details}"]`)
    await Promise.all([page.waitForURL(`**${portalPaths.details}`), page.keyboard.press('Enter')])

    await tabTo(page, '#city')
    await retype(page, 'Elk Grove')
    await tabTo(page, '#postalCode')
    await retype(page, '9562')
    await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')])
    await waitForErrorSummaryFocus(page)
    expect(await page.locator('#city').inputValue()).toBe('Elk Grove')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    expect(await focusedElement(page)).toBe('postalCode')
    await retype(page, '95624')
    await Promise.all([page.waitForURL(`**${portalPaths.detailsSaved}?**`), page.keyboard.press('Enter')])

    const saved = (await page.locator('main').textContent())!
    expect(saved).toContain(text('en', 'portal:details.fieldNames.city'))
    expect(saved).toContain(text('en', 'portal:details.fieldNames.postalCode'))
  })

  it('does nothing on Esc or on Shift while typing, so a parent filling in a form is not thrown out', async () => {
    const page = await (await parentContext(harness, cspViolations)).newPage()
    await page.goto(portalPaths.signIn)
    await tabTo(page, '#username')
    await page.keyboard.press('Escape')
    // Capitals are typed with Shift held: three of them are not three Shift presses.
    await page.keyboard.type('ABC')
    await page.keyboard.press('Escape')
    await page.waitForTimeout(300)
    expect(new URL(page.url()).pathname).toBe(portalPaths.signIn)
    expect(await page.locator('#username').inputValue()).toBe('ABC')
  })

  it('leaves for a neutral site on Shift pressed three times, and Back does not show where the parent was', async () => {
    const page = await (await parentContext(harness, cspViolations)).newPage()
    await page.goto(portalPaths.home)
    await page.goto(portalPaths.howToPay)
    await Promise.all([
      page.waitForURL(/^https:\/\/www\.google\.com\//),
      (async () => {
        for (let press = 0; press < 3; press++) await page.keyboard.press('Shift')
      })(),
    ])
    // The exit replaced how-to-pay in the history; Back reaches the home page, which leaves again at once.
    await page.goBack().catch(() => undefined)
    await page.waitForURL(/^https:\/\/www\.google\.com\//)
    // Opened on purpose later, the site works as usual.
    await page.goto(portalPaths.home)
    await page.waitForTimeout(300)
    expect(new URL(page.url()).pathname).toBe(portalPaths.home)
  })

  it('leaves with the Quick exit button, reached second by Tab on every page, and signs the parent out on the way', async () => {
    const context = await parentContext(harness, cspViolations)
    const page = await context.newPage()
    await signInByKeyboard(page, 'protected-parent')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { hasAttribute(n: string): boolean } } }).document.activeElement.hasAttribute('data-quick-exit'))).toBe(true)
    await Promise.all([page.waitForURL(/^https:\/\/www\.google\.com\//), page.keyboard.press('Enter')])
    // Whoever opens the browser next finds no signed-in session to go back to.
    const next = await context.newPage()
    // The beacon is sent as the page goes; give it a moment to arrive.
    let landedOn = ''
    for (let attempt = 0; attempt < 20 && landedOn !== portalPaths.signIn; attempt++) {
      if (attempt > 0) await next.waitForTimeout(100)
      landedOn = new URL((await next.goto(portalPaths.dashboard))!.url()).pathname
    }
    expect(landedOn).toBe(portalPaths.signIn)
  })

  it('warns two minutes before the idle timeout, in an accessible dialog, and "stay signed in" keeps the session', async () => {
    const context = await auditContext(harness)
    await context.clock.install()
    const page = await context.newPage()
    await signInByKeyboard(page, 'coap-candidate')

    // 13½ minutes pass on the server and in the page; the script asks the server, which says 90 seconds are left.
    harness.testApp.clock.advance(sessionIdleMs - 90_000)
    await page.clock.fastForward(sessionIdleMs - 120_000)
    // USWDS's dialog element is a zero-size wrapper around a fixed overlay: its heading is what shows.
    const dialog = page.getByRole('dialog', { name: text('en', 'common:timeout.heading') }).getByRole('heading')
    await dialog.waitFor({ state: 'visible' })
    expect(await focusedElement(page)).toBe('BUTTON')
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe(text('en', 'common:timeout.stay'))
    expect(await axeViolations(page)).toEqual([])
    // At least 20 seconds to answer (WCAG 2.2.1): still open 30 seconds later.
    await page.clock.fastForward(30_000)
    expect(await dialog.isVisible()).toBe(true)

    // Quick exit is still there, above the dialog's overlay.
    // (A pointer reaches it, and it is drawn above the overlay, which takes no pointer events, so a pointer alone
    // cannot tell whether the overlay darkens it.)
    expect(await topmostAtCentreOf(page, '[data-quick-exit]')).toBe(true)
    const zIndexOf = (selector: string) =>
      page.$eval(selector, (element) => Number((globalThis as unknown as { getComputedStyle(e: unknown): { zIndex: string } }).getComputedStyle(element).zIndex))
    expect(await zIndexOf('.quick-exit')).toBeGreaterThan(await zIndexOf('.usa-modal-wrapper'))
    // Esc answers the warning by staying signed in (and never by quick exit).
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(new URL(page.url()).pathname).toBe(portalPaths.dashboard)
    const status = await page.evaluate(async (url) => (await fetch(url, { headers: { Accept: 'application/json' } })).json(), portalPaths.sessionStatus)
    expect(status).toEqual({ signedIn: true, secondsLeft: sessionIdleMs / 1000 })

    // Ignored this time, the warning runs out and the page goes to the signed-out page. The server's clock goes
    // back to the real time first: the session store's expiry comes from the cookie's, which runs on real time.
    harness.testApp.clock.set(new Date())
    await page.reload()
    harness.testApp.clock.advance(sessionIdleMs - 60_000)
    await page.clock.fastForward(sessionIdleMs - 120_000)
    await dialog.waitFor({ state: 'visible' })
    // The server's clock stays a minute short of the limit: the page's count runs out first, and it is the script's
    // sign-out POST, not the signed-out page (a GET never ends a session), that ends the session.
    await Promise.all([page.waitForURL(`**${portalPaths.sessionEnded}?reason=idle`), page.clock.fastForward(61_000)])
    expect(await page.locator('h1').textContent()).toBe(text('en', 'portal:signedOut.idle.title'))
    const after = await page.evaluate(async (url) => (await fetch(url, { headers: { Accept: 'application/json' } })).json(), portalPaths.sessionStatus)
    expect(after).toEqual({ signedIn: false, secondsLeft: 0 })
    await context.close()
  })

  it.each([
    ['spanish-speaker', 'es'],
    ['both-roles', 'en'],
    ['suspended-license', 'en'],
  ] as const)('shows %s (%s) the first figure within the first screen of a 390 x 844 phone, with every phone number a tap-to-call link', async (id, language) => {
    const context = await harness.browser.newContext({ baseURL: harness.baseUrl, viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    const who = persona(id)
    await page.goto(`${portalPaths.signIn}?lng=${language}`)
    await page.fill('#username', who.web.username)
    await page.fill('#password', who.web.password)
    await Promise.all([page.waitForURL(`**${portalPaths.dashboard}`), page.locator('main form button[type="submit"]').click()])
    const figure = await page.locator('main .figures dd').first().boundingBox()
    expect(figure!.y + figure!.height).toBeLessThanOrEqual(844)
    // No sideways scrolling on a phone.
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    for (const path of [portalPaths.home, portalPaths.officeHours, portalPaths.howToPay, portalPaths.howToApply, portalPaths.accessibility]) {
      await page.goto(path)
      const untappable = await page.locator('main').evaluate((main) => {
        const text = (main as unknown as { innerText: string }).innerText
        const numbers = text.match(/\(\d{3}\)[\s\u00a0]\d{3}[-\u2011]\d{4}/g) ?? []
        const links = [...(main as unknown as { querySelectorAll(s: string): Array<{ innerText: string }> }).querySelectorAll('a[href^="tel:"]')].map((a) => a.innerText)
        return numbers.filter((n) => !links.includes(n))
      })
      expect({ path, untappable }).toEqual({ path, untappable: [] })
    }
    await context.close()
  })

  it('broke no rule of the Content-Security-Policy on any page above', () => {
    expect(cspViolations).toEqual([])
  })
})
