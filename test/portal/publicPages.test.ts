import { assetUrl } from '../../server/middleware/assetUrls'
import request from 'supertest'

import { portalPaths } from '../../server/portal/paths'
import { createPortalTestApp, escaped, languages, persona, type PortalTestApp, signedInAgent, text } from './portalTestApp'

// Every page anyone can read without signing in, in both languages, with the safety and language controls every
// page must carry.

const publicPages: Array<[path: string, headingKey: string]> = [
  [portalPaths.home, 'home:heading'],
  [portalPaths.whatWeDo, 'portal:public.whatWeDo.heading'],
  [portalPaths.officeHours, 'portal:public.contact.heading'],
  [portalPaths.howToPay, 'portal:pay.heading'],
  [portalPaths.howToApply, 'portal:public.howToApply.heading'],
  [portalPaths.accessibility, 'portal:public.accessibility.heading'],
  [portalPaths.privacy, 'portal:public.privacy.heading'],
  [portalPaths.payoffCalculator, 'portal:calculator.heading'],
  [portalPaths.signIn, 'portal:signIn.heading'],
  [portalPaths.activate, 'portal:activate.heading'],
  [portalPaths.reset, 'portal:reset.heading'],
  [`${portalPaths.sessionEnded}?reason=signedOut`, 'portal:signedOut.signedOut.title'],
]

describe('public pages', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  describe.each(languages)('in %s', (language) => {
    it.each(publicPages)('serves %s with its heading, quick exit, skip link and language link', async (path, headingKey) => {
      const separator = path.includes('?') ? '&' : '?'
      const response = await request(testApp.app).get(`${path}${separator}lng=${language}`).expect(200)
      const html = response.text
      expect(html).toContain(`<html lang="${language}">`)
      expect(html).toContain(`<h1>${escaped(text(language, headingKey))}</h1>`)
      expect(html).toMatch(/<a class="usa-skipnav" href="#main-content">/)
      // Quick exit: a real link to a neutral site (works without script), and the script that adds the Shift shortcut.
      expect(html).toContain(`href="${escaped(text(language, 'common:quickExit.url'))}" rel="noreferrer" data-quick-exit`)
      expect(html).toContain(`<script src="${assetUrl('/assets/js/quick-exit.js')}"></script>`)
      expect(html).toContain(`hreflang="${language === 'en' ? 'es' : 'en'}"`)
      // Not signed in: no timeout warning, and a way to sign in.
      expect(html).not.toContain('data-session-timeout')
      expect(html).toContain(`>${escaped(text(language, 'common:nav.signIn'))}</a>`)
      // No inline script anywhere (the CSP would block it).
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    })
  })

  it('lists every way to pay with its fee, the receive code and the 20th-of-the-month rule', async () => {
    const html = (await request(testApp.app).get(portalPaths.howToPay).expect(200)).text
    for (const option of ['withholding', 'online', 'phone', 'moneygram', 'paynearme', 'paypal', 'mail']) {
      expect(html).toContain(`id="pay-${option}"`)
    }
    expect(html).toContain('14630')
    expect(html).toContain('$1.99')
    expect(html).toContain('2.49%, at least $3.95')
    expect(html).toContain('1.9%')
    expect(html).toContain('A payment made by the 20th counts for that month.')
  })

  it.each(languages)('gives every way to pay its real destination from the agency directory (%s)', async (language) => {
    const html = (await request(testApp.app).get(`${portalPaths.howToPay}?lng=${language}`).expect(200)).text
    const { stateDisbursementUnit: sdu, moneyGram, payNearMe } = testApp.config.agencyDirectory.payments
    expect(html).toContain(`href="${sdu.website}"`)
    expect(html).toContain(`href="tel:${sdu.phone}"`)
    expect(html).toContain(`href="tel:${moneyGram.phone}"`)
    expect(html).toContain(`href="${moneyGram.locationsUrl}"`)
    expect(html).toContain(`href="${payNearMe.website}"`)
    expect(html).toContain(`>${moneyGram.receiveCode}</dd>`)
    expect(html).toContain('P.O. Box 989067<br>West Sacramento, CA 95798-9067</address>')
    expect(html).toContain(escaped(sdu.mailTo.payableTo))
    expect(html).toContain(`href="tel:${testApp.config.agency.phoneNumber}"`)
    // Nothing is left for the parent to find elsewhere.
    expect(html).not.toMatch(/billing statement|estado de cuenta|address on the coupon|dirección que aparece en el cupón/)
    // A visitor who is not signed in has no case to quote.
    expect(html).not.toContain('data-pay-quote')
  })

  it('shows a signed-in paying parent the case number to quote and what is due, and a receiving parent neither', async () => {
    const payer = await signedInAgent(testApp.app, persona('suspended-license'))
    const html = (await payer.get(portalPaths.howToPay).expect(200).expect('Cache-Control', /no-store/)).text
    expect(html).toContain('data-pay-quote')
    expect(html).toContain(`<dd class="text-bold">${persona('suspended-license').cases[0]}</dd>`)
    expect(html).toContain(`Your case number: ${persona('suspended-license').cases[0]}`)
    const both = await signedInAgent(testApp.app, persona('both-roles'))
    const bothHtml = (await both.get(portalPaths.howToPay).expect(200)).text
    // Only the case where this parent pays: the other is the one they receive on.
    expect(bothHtml.match(/data-pay-quote/g)).toHaveLength(1)
    const receiver = await signedInAgent(testApp.app, persona('fee-paying-receiver'))
    expect((await receiver.get(portalPaths.howToPay).expect(200)).text).not.toContain('data-pay-quote')
  })

  it.each(languages)('says once, on the sign-in page, how to browse privately (%s)', async (language) => {
    const signIn = (await request(testApp.app).get(`${portalPaths.signIn}?lng=${language}`).expect(200)).text
    expect(signIn).toContain(escaped(text(language, 'portal:signIn.privateBrowsing')))
    for (const path of [portalPaths.home, portalPaths.howToPay, portalPaths.privacy]) {
      expect((await request(testApp.app).get(`${path}?lng=${language}`).expect(200)).text).not.toContain('data-private-browsing')
    }
  })

  it.each(languages)('offers a signed-in parent their cases on the home page, not a way to sign in (%s)', async (language) => {
    const signInLink = `href="${portalPaths.signIn}">${escaped(text(language, 'home:signIn'))}</a>`
    const casesLink = `href="${portalPaths.dashboard}" data-home-dashboard>${escaped(text(language, 'home:goToCases'))}</a>`
    const visitor = (await request(testApp.app).get(`${portalPaths.home}?lng=${language}`).expect(200)).text
    expect(visitor).toContain(signInLink)
    expect(visitor).not.toContain(casesLink)
    const parent = await signedInAgent(testApp.app, persona('current-payer'), language)
    const home = (await parent.get(portalPaths.home).expect(200)).text
    expect(home).toContain(casesLink)
    expect(home).not.toContain(signInLink)
    expect(home).not.toContain(`href="${portalPaths.activate}"`)
    // Nor does the introduction ask them to sign in.
    expect(home).toContain(escaped(text(language, 'home:introSignedIn')))
    expect(home).not.toContain(escaped(text(language, 'home:intro')))
    expect(visitor).toContain(escaped(text(language, 'home:intro')))
  })

  it('shows office hours and the coming state-holiday closures from the injected date', async () => {
    const html = (await request(testApp.app).get(portalPaths.officeHours).expect(200)).text
    expect(html).toContain('8 a.m. to 4 p.m.')
    // From 11 March 2026 the next closure is César Chávez Day (Tuesday 31 March 2026).
    expect(html).toContain('March 31, 2026: Cesar Chavez Day')
  })

  it('says what the agency does not do: custody, visitation, divorce, restraining orders', async () => {
    const html = (await request(testApp.app).get(`${portalPaths.whatWeDo}?lng=es`).expect(200)).text
    expect(html).toContain('Custodia.')
    expect(html).toContain('Órdenes de restricción.')
  })

  it('sends a visitor who is not signed in from a private page to sign in', async () => {
    for (const path of [portalPaths.dashboard, '/account/cases/1', portalPaths.callbacks, portalPaths.details]) {
      await request(testApp.app).get(path).expect(303).expect('Location', portalPaths.signIn)
    }
  })
})
