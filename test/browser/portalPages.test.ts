import type { Page } from 'playwright-core'

import { portalPaths } from '../../server/portal/paths'
import { activatedPersonas, languages } from '../portal/portalTestApp'
import {
  auditContext,
  axeViolations,
  type BrowserHarness,
  chromiumPath,
  htmlErrors,
  requireChromium,
  signInAsParent,
  startBrowserHarness,
  submitMainForm,
  visit,
} from './browserHarness'

// Every page of the portal, in English and Spanish, as each demo parent sees it: 0 axe-core violations (WCAG 2.2 AA)
// and 0 html-validate errors, including the pages that show form errors.

jest.setTimeout(300_000)

describe('every page passes axe and html-validate', () => {
  let harness: BrowserHarness
  beforeAll(async () => {
    harness = await startBrowserHarness()
  })
  afterAll(() => harness?.close())

  it(`runs Debian's Chromium from ${chromiumPath}`, () => {
    requireChromium()
  })

  it('uses checkers that do find problems (a check that cannot fail proves nothing)', async () => {
    const page = await (await auditContext(harness)).newPage()
    await page.setContent('<!DOCTYPE html><html><head><title>t</title></head><body><img src="x.png"><p><div></div></p></body></html>')
    expect((await axeViolations(page)).join('\n')).toMatch(/html-has-lang|image-alt/)
    expect((await htmlErrors('<!DOCTYPE html><html><head><title>t</title></head><body><img src="x.png"><button>b</button></body></html>')).join('\n')).toMatch(/wcag\/h37|no-implicit-button-type/)
    await page.context().close()
  })

  /** The first matching link's address, or null at once when there is none (a locator would wait for one). */
  function firstHref(page: Page, selector: string): Promise<string | null> {
    return page.$eval(selector, (link) => (link as unknown as { getAttribute(name: string): string }).getAttribute('href')).catch(() => null)
  }

  describe.each(languages)('in %s', (language) => {
    it('public pages, and their forms with errors', async () => {
      const context = await auditContext(harness)
      const page = await context.newPage()
      const problems: string[] = []
      await page.goto(`/?lng=${language}`)
      for (const path of [
        portalPaths.home, portalPaths.whatWeDo, portalPaths.officeHours, portalPaths.howToPay, portalPaths.howToApply,
        portalPaths.accessibility, portalPaths.privacy, portalPaths.payoffCalculator,
        `${portalPaths.payoffCalculator}?principal=5000&interest=250&rate=10&plan=payment&payment=200`,
        `${portalPaths.payoffCalculator}?principal=5000&rate=10&plan=payment&payment=1`,
        `${portalPaths.sessionEnded}?reason=idle`, `${portalPaths.sessionEnded}?reason=limit`, `${portalPaths.sessionEnded}?reason=signedOut`,
      ]) {
        problems.push(...(await visit(page, path, 'public')))
      }
      problems.push(...(await visit(page, `${portalPaths.payoffCalculator}?principal=lots&plan=`, 'calculator errors', 400)))
      problems.push(...(await visit(page, '/no-such-page', 'not found', 404)))
      for (const path of [portalPaths.signIn, portalPaths.activate, portalPaths.reset]) {
        problems.push(...(await visit(page, path, 'form')))
        problems.push(...(await submitMainForm(page, 'form errors', 400)))
      }
      await context.close()
      expect(problems).toEqual([])
    })

    it.each(activatedPersonas.map((p) => [p.id, p] as const))('every page %s sees', async (_id, who) => {
      const context = await auditContext(harness)
      const page = await context.newPage()
      const problems: string[] = []
      await signInAsParent(page, who, language)
      problems.push(...(await visit(page, portalPaths.dashboard, 'dashboard')))
      const casePaths = await page.locator('main a[href^="/account/cases/"]').evaluateAll((links) =>
        links.map((link) => (link as unknown as { getAttribute(name: string): string }).getAttribute('href')),
      )
      expect(casePaths.length).toBe(who.cases.length)
      for (const casePath of casePaths) {
        problems.push(...(await visit(page, casePath, 'case')))
        const calculator = await firstHref(page, 'main a[href$="/payoff-calculator"]')
        problems.push(...(await visit(page, `${casePath}/payments`, 'payments')))
        const explanation = await firstHref(page, 'main a[href*="/payments/"]')
        problems.push(...(await visit(page, `${casePath}/payments?year=all`, 'payments, all years')))
        if (explanation) problems.push(...(await visit(page, explanation, 'payment explanation')))
        if (calculator) {
          problems.push(...(await visit(page, calculator, 'case calculator')))
          problems.push(...(await visit(page, `${calculator}?plan=payment&payment=450`, 'case calculator plan')))
        }
      }
      for (const path of [portalPaths.callbacks, portalPaths.requestCallback, portalPaths.details, portalPaths.alerts, portalPaths.messages, portalPaths.newMessage]) {
        problems.push(...(await visit(page, path, 'account')))
      }
      problems.push(...(await visit(page, portalPaths.documentRequests, 'documents asked for')))
      if (who.id === 'hearing-next-week') {
        // A document the agency asked for: its form and the form's error (no file); in the second language, once the
        // first has seen the form, an answer is sent and the request then stands as received.
        const answer = await firstHref(page, 'main a[href^="/account/documents/"]')
        problems.push(...(await visit(page, answer!, 'send a document')))
        problems.push(...(await submitMainForm(page, 'send a document errors', 400)))
        if (language === 'es') {
          await page.setInputFiles('#documents', { name: 'FL-150.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
          problems.push(...(await submitMainForm(page, 'document sent', 200)))
          problems.push(...(await visit(page, portalPaths.documentRequests, 'documents asked for, one received')))
          problems.push(...(await visit(page, answer!, 'document already sent')))
        }
      }
      if (who.id === 'both-roles' || who.id === 'spanish-speaker') {
        // How to pay with the case to quote beside the ways to pay (a paying case for both-roles, none for the other).
        problems.push(...(await visit(page, portalPaths.howToPay, 'how to pay, signed in')))
        // The forms' error states, once per language is enough: they are the same partials for everyone.
        await page.goto(portalPaths.requestCallback)
        await page.fill('#phone', '555')
        problems.push(...(await submitMainForm(page, 'callback errors', 400)))
        await page.goto(portalPaths.details)
        await page.fill('#postalCode', '9')
        await page.fill('#email', 'not-an-email')
        problems.push(...(await submitMainForm(page, 'details errors', 400)))
        problems.push(...(await visit(page, `${casePaths[0]}/payments?year=abc`, 'payments filter error', 400)))
        problems.push(...(await visit(page, `${casePaths[0]}/statements`, 'statements')))
        problems.push(...(await visit(page, `${casePaths[0]}/statements?month=2026-13`, 'statement month error', 400)))
        await page.goto(portalPaths.requestCallback)
        await page.locator('label[for="topic"]').click()
        await page.locator('label[for="window"]').click()
        await page.selectOption('#caseId', 'none')
        problems.push(...(await submitMainForm(page, 'callback confirmation', 200)))
        problems.push(...(await visit(page, portalPaths.callbacks, 'callbacks with one waiting')))
        const cancel = await page.locator('main a[href$="/cancel"]').first().getAttribute('href')
        problems.push(...(await visit(page, cancel!, 'cancel callback')))
        problems.push(...(await submitMainForm(page, 'callback cancelled', 200)))
        await page.goto(portalPaths.details)
        problems.push(...(await submitMainForm(page, 'details saved', 200)))
        // Alerts: a refused number, then a code sent (the page asks for it), a wrong code, and the link's own page.
        // (The page in the other language finds this parent's code already asked for: each form is found by its action.)
        const alertsForm = (action: string) => `main form[action="${action}"] button[type="submit"]`
        await page.goto(portalPaths.alerts)
        await page.fill('#mobile', '555')
        problems.push(...(await submitMainForm(page, 'alerts errors', 400, alertsForm(portalPaths.alertsText))))
        await page.fill('#mobile', '916 555 0177')
        await page.locator('label[for="textConsent"]').click()
        problems.push(...(await submitMainForm(page, 'alerts code sent', 200, alertsForm(portalPaths.alertsText))))
        await page.fill('#code', '12')
        problems.push(...(await submitMainForm(page, 'alerts code error', 400, alertsForm(portalPaths.alertsTextCode))))
        problems.push(...(await visit(page, `${portalPaths.confirmAlertEmail}?token=not-a-real-token`, 'alert email link')))
        // Messages: the form's error state, a sent message's thread, the list with it, and the thread's own error.
        await page.goto(portalPaths.newMessage)
        problems.push(...(await submitMainForm(page, 'message errors', 400)))
        await page.selectOption('#caseId', 'none')
        await page.locator('label[for="topic"]').click()
        await page.fill('#body', 'When is my next payment due?')
        // With a document attached: the thread then lists it with where it stands.
        await page.setInputFiles('#documents', { name: 'pay stub.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
        problems.push(...(await submitMainForm(page, 'message thread', 200)))
        problems.push(...(await submitMainForm(page, 'message thread errors', 400)))
        problems.push(...(await visit(page, portalPaths.messages, 'messages with one thread')))
        // Report a change: the list of what to report, each form and its errors, and a sent report's thread.
        problems.push(...(await visit(page, portalPaths.reportChange, 'report a change')))
        for (const path of [portalPaths.reportHousehold, portalPaths.reportOtherParent, portalPaths.reportJob]) {
          problems.push(...(await visit(page, path, 'change form')))
          problems.push(...(await submitMainForm(page, 'change form errors', 400)))
        }
        await page.selectOption('#caseId', { index: 1 })
        await page.fill('#employer', 'Sierra Tools')
        await page.fill('#employerAddress', '12 Elm St, Sacramento, CA 95814')
        await page.fill('#startDateMonth', '3')
        await page.fill('#startDateDay', '2')
        await page.fill('#startDateYear', '2026')
        problems.push(...(await submitMainForm(page, 'change report thread', 200)))
      }
      await context.close()
      expect(problems).toEqual([])
    })
  })
})
