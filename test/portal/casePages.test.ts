import { portalPaths, pathTo } from '../../server/portal/paths'
import {
  activatedPersonas,
  createPortalTestApp,
  escaped,
  languages,
  moneyIn,
  participantIdOf,
  persona,
  type PortalTestApp,
  servicesOf,
  signedInAgent,
  text,
} from './portalTestApp'

// The dashboard and the case page show the case-inquiry service's own figures, for every persona, in both languages.

describe('dashboard and case pages', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  describe.each(languages)('in %s', (language) => {
    it.each(activatedPersonas.map((p) => [p.id, p] as const))('shows %s every case with the figures of the service', async (_id, who) => {
      const agent = await signedInAgent(testApp.app, who, language)
      const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
      const summaries = await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')
      expect(summaries.map((s) => s.caseNumber).sort()).toEqual([...who.cases].sort())

      const dashboard = (await agent.get(portalPaths.dashboard).expect(200)).text
      expect(dashboard).toContain(`<h1>${escaped(text(language, 'portal:dashboard.heading'))}</h1>`)
      // "How to pay" among the things to do only for a parent who pays on one of their cases.
      expect(dashboard.includes('data-dashboard-how-to-pay')).toBe(summaries.some((s) => s.viewer === 'paying'))
      for (const summary of summaries) {
        expect(dashboard).toContain(`href="${pathTo('casePage', { caseId: summary.caseId })}"`)
        expect(dashboard).toContain(escaped(text(language, 'cases:caseEndingIn', { last4: summary.caseNumberLast4 })))
        expect(dashboard).toContain(moneyIn(language, summary.balances.totalOwedCents))
        expect(dashboard).toContain(escaped(text(language, `cases:role.${summary.viewer}`)))

        const page = (await agent.get(pathTo('casePage', { caseId: summary.caseId })).expect(200)).text
        expect(page).toContain(`<h1>${escaped(text(language, 'portal:case.heading', { number: summary.caseNumber }))}</h1>`)
        const b = summary.balances
        for (const cents of [b.currentDueCents, b.familyArrearsCents, b.stateArrearsCents, b.interestCents, b.totalOwedCents]) {
          expect(page).toContain(moneyIn(language, cents))
        }
        for (const label of ['currentDue', 'familyArrears', 'stateArrears', 'interest', `totalBy.${summary.viewer}`]) {
          expect(page).toContain(escaped(text(language, `cases:balance.${label}`)))
        }
        // Every figure says who owes whom, so no page ever has the bare "Total owed" of the agency's own view.
        expect(page).not.toContain(`>${escaped(text(language, 'cases:balance.totalBy.agency'))}<`)
        expect(page).toContain(escaped(text(language, `portal:case.balanceHeadingBy.${summary.viewer}`)))
        expect(dashboard).toContain(escaped(text(language, `cases:balance.totalBy.${summary.viewer}`)))
        for (const order of summary.orders) expect(page).toContain(escaped(text(language, `cases:orderKind.${order.kind}`)))
        // The way money moved, mid-sentence and in lower case: "by direct deposit", "por depósito directo".
        if (summary.lastPayment) expect(page).toContain(`, ${escaped(text(language, `cases:methodInSentence.${summary.lastPayment.method}`))}.`)
        const payout = summary.receiving?.lastDisbursement
        if (payout?.method) expect(page).toContain(`, ${escaped(text(language, `cases:methodInSentence.${payout.method}`))}.`)
        const enforcement = await servicesOf(testApp).cases.getEnforcement(principal, summary.caseId, 'web')
        expect(page).toContain(escaped(text(language, `cases:licenseStatus.${enforcement.driversLicense.status}`)))
        expect(page).toContain(`<h2>${escaped(text(language, 'portal:case.nextStepsHeading'))}</h2>`)
        // Next steps are separate things to do, most pressing first, not steps in order: a plain list, never
        // numbered; the page's only numbered list is the breadcrumb trail (issue 12, item 6).
        expect(page).toMatch(new RegExp(`<h2>${escaped(text(language, 'portal:case.nextStepsHeading'))}</h2>\\s*<ul class="usa-list" data-next-steps>\\s*<li>`))
        expect(page.match(/<ol\b[^>]*>/g)).toEqual(['<ol class="usa-breadcrumb__list">'])
      }
    })
  })

  it("shows Derek Olsen his suspended license, the past-due amount and the way to get it released", async () => {
    const who = persona('suspended-license')
    const agent = await signedInAgent(testApp.app, who)
    const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
    const [summary] = (await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')).filter((s) => s.viewer === 'paying')
    const enforcement = await servicesOf(testApp).cases.getEnforcement(principal, summary!.caseId, 'web')
    const page = (await agent.get(pathTo('casePage', { caseId: summary!.caseId })).expect(200)).text
    expect(page).toContain(escaped(text('en', 'cases:licenseStatus.suspended')))
    expect(page).toContain(escaped(text('en', 'portal:case.releaseHeading')))
    expect(page).toContain(moneyIn('en', enforcement.driversLicense.release!.pastDueCents))
    expect(page).toContain(escaped(text('en', 'portal:case.payoffCalculator')))
  })

  it('tells the parent with both roles who owes whom on each case, side by side', async () => {
    const dashboard = (await (await signedInAgent(testApp.app, persona('both-roles'))).get(portalPaths.dashboard).expect(200)).text
    expect(dashboard).toContain('<dt>Total you owe</dt>')
    expect(dashboard).toContain('<dt>Total the paying parent owes</dt>')
    expect(dashboard).not.toContain('<dt>Total owed</dt>')
  })

  it.each(languages)("never gives a receiving parent a heading about their own driver's license (%s)", async (language) => {
    const who = persona(language === 'es' ? 'spanish-speaker' : 'fee-paying-receiver')
    const agent = await signedInAgent(testApp.app, who, language)
    const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
    for (const summary of await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')) {
      const page = (await agent.get(pathTo('casePage', { caseId: summary.caseId })).expect(200)).text
      expect(page).toContain(`<h2>${escaped(text(language, 'portal:case.enforcementHeadingBy.receiving'))}</h2>`)
      expect(page).not.toContain(escaped(text(language, 'portal:case.enforcementHeadingBy.paying')))
      expect(page).not.toContain(escaped(text(language, 'portal:case.licenseBy.paying')))
      expect(page).not.toContain('data-license-release')
    }
  })

  it('says how to get a suspended license released once, as alternatives rather than numbered steps', async () => {
    const who = persona('suspended-license')
    const agent = await signedInAgent(testApp.app, who)
    const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
    const [summary] = (await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')).filter((s) => s.viewer === 'paying')
    const page = (await agent.get(pathTo('casePage', { caseId: summary!.caseId })).expect(200)).text
    expect(page.match(/Only our agency/g)).toHaveLength(1)
    expect(page.match(/payment plan/g)).toHaveLength(1)
    const box = page.slice(page.indexOf('data-license-release'), page.indexOf('</section>', page.indexOf('data-license-release')))
    expect(box).toContain('<ul class="usa-list">')
    expect(box).not.toContain('<ol')
  })

  it('answers a case that does not exist, or a malformed id, with the 404 page', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    for (const path of ['/account/cases/999999', '/account/cases/abc', '/account/cases/0', '/account/cases/1e3']) {
      const response = await agent.get(path).expect(404)
      expect(response.text).toContain(text('en', 'errors:notFound.title'))
    }
  })
})
