import request from 'supertest'

import { portalPaths, pathTo } from '../../server/portal/paths'
import {
  controlTag,
  createPortalTestApp,
  escaped,
  expectFormErrors,
  languages,
  moneyIn,
  participantIdOf,
  persona,
  type PortalTestApp,
  servicesOf,
  signedInAgent,
  text,
} from './portalTestApp'

// The arrears payoff calculator: public, from typed figures; and for a paying parent, from their own case.

const e = (name: string) => `portal:calculator.errors.${name}`

describe('arrears payoff calculator', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  describe.each(languages)('public, in %s', (language) => {
    const ask = (query: string) => request(testApp.app).get(`${portalPaths.payoffCalculator}?lng=${language}&${query}`)

    it('shows the empty form with 10% and "by monthly payment" chosen', async () => {
      const html = (await ask('').expect(200)).text
      expect(controlTag(html, 'rate')).toContain('value="10"')
      expect(controlTag(html, 'plan')).toContain('checked')
      expect(html).not.toContain('id="error-summary"')
    })

    it('gives the month-by-month plan and the payoff month from the service', async () => {
      const html = (await ask('principal=5%2C000.00&interest=&rate=10&plan=payment&payment=200').expect(200)).text
      const schedule = servicesOf(testApp).cases.calculatePayoff({ principalCents: 500_000, interestBalanceCents: 0, annualRateBasisPoints: 1000, plan: { monthlyPaymentCents: 20_000 } })
      if (schedule.outcome !== 'pays_off') throw new Error('expected a plan that pays off')
      expect(html).toContain(moneyIn(language, schedule.totalInterestCents))
      expect(html).toContain(moneyIn(language, schedule.totalPaidCents))
      expect(html).toContain(`<caption id="schedule-caption">${escaped(text(language, 'portal:calculator.scheduleCaption'))}</caption>`)
      expect(html.match(/<tr>\s*<th scope="row">/g)).toHaveLength(schedule.rows.length)
      expect(controlTag(html, 'principal')).toContain('value="5,000.00"')
    })

    it('plans by number of months', async () => {
      const html = (await ask('principal=1200&rate=0&plan=months&months=12').expect(200)).text
      expect(html).toContain(escaped(text(language, 'portal:calculator.paysOff', { payment: '@', months: 12, date: '@' }).split('@')[0]!))
      expect(html).toContain(moneyIn(language, 10_000))
    })

    it('says when a payment never covers the interest', async () => {
      const html = (await ask('principal=100000&rate=10&plan=payment&payment=5').expect(200)).text
      expect(html).toContain('usa-alert--warning')
      expect(html).not.toContain('schedule-caption')
    })

    it.each([
      ['nothing', 'principal=&plan=', { principal: e('principalRequired'), plan: e('planRequired') }],
      ['letters', 'principal=lots&interest=some&rate=ten&plan=payment&payment=200', { principal: e('principalFormat'), interest: e('interestFormat'), rate: e('rateFormat') }],
      ['too many decimals', 'principal=10.123&plan=payment&payment=1', { principal: e('principalFormat') }],
      ['a rate over 100', 'principal=100&rate=101&plan=payment&payment=1', { rate: e('rateFormat') }],
      ['no payment', 'principal=100&plan=payment&payment=', { payment: e('paymentRequired') }],
      ['a zero payment', 'principal=100&plan=payment&payment=0', { payment: e('paymentFormat') }],
      ['no months', 'principal=100&plan=months&months=', { months: e('monthsRequired') }],
      ['too many months', 'principal=100&plan=months&months=601', { months: e('monthsFormat') }],
      ['an unknown plan', 'principal=100&plan=forever', { plan: e('planRequired') }],
    ])('refuses %s with 400, the summary and the values kept', async (_name, query, errors) => {
      const response = await ask(query).expect(400)
      expectFormErrors(response.text, language, errors)
      expect(response.text).not.toContain('schedule-caption')
    })
  })

  describe.each(languages)("on a paying parent's case, in %s", (language) => {
    it('fills in the arrears, interest and rate of the case and gives the plan', async () => {
      const who = persona('suspended-license')
      const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
      const summary = (await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')).find((s) => s.viewer === 'paying')!
      const agent = await signedInAgent(testApp.app, who, language)
      const path = pathTo('casePayoffCalculator', { caseId: summary.caseId })
      const form = (await agent.get(path).expect(200)).text
      expect(form).toContain(moneyIn(language, summary.balances.familyArrearsCents + summary.balances.stateArrearsCents))
      expect(form).toContain(moneyIn(language, summary.balances.interestCents))
      expect(form).not.toContain('id="principal"')

      const payoff = await servicesOf(testApp).cases.getPayoffSchedule(principal, summary.caseId, { monthlyPaymentCents: 50_000 }, 'web')
      const html = (await agent.get(`${path}?plan=payment&payment=500`).expect(200)).text
      if (payoff.schedule.outcome !== 'pays_off') throw new Error('expected a plan that pays off')
      expect(html).toContain(moneyIn(language, payoff.schedule.totalInterestCents))

      const refused = await agent.get(`${path}?plan=months&months=0`).expect(400)
      expectFormErrors(refused.text, language, { months: e('monthsFormat') })
    })
  })

  it('has no case calculator for a receiving parent', async () => {
    const who = persona('fee-paying-receiver')
    const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
    const [summary] = await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')
    const agent = await signedInAgent(testApp.app, who)
    await agent.get(pathTo('casePayoffCalculator', { caseId: summary!.caseId })).expect(404)
  })
})
