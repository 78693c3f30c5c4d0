import { portalPaths, pathTo } from '../../server/portal/paths'
import { formatMoney } from '../../server/templates'
import {
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

// Payments (and, for a receiving parent, what was sent to them): the table with its caption, the year filter, the
// server-drawn chart with the table as its text alternative, the CSV download and "where did this payment go".

describe('payments pages', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  async function firstCase(id: string) {
    const who = persona(id)
    const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
    const [summary] = await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')
    return { who, principal, summary: summary! }
  }

  describe.each(languages)('in %s', (language) => {
    it('lists the latest year with entries, with a captioned table, a labelled chart and the year filter', async () => {
      const { who, principal, summary } = await firstCase('current-payer')
      const history = await servicesOf(testApp).cases.getPaymentHistory(principal, summary.caseId, { pageSize: 500 }, 'web')
      const latestYear = history.years.at(-1)!
      const agent = await signedInAgent(testApp.app, who, language)
      const html = (await agent.get(pathTo('payments', { caseId: summary.caseId })).expect(200)).text
      expect(html).toContain(`<caption>${escaped(text(language, 'portal:payments.totalsCaptionYear', { year: latestYear.year }))}</caption>`)
      // The chart is one image named by its heading and description; its words are HTML text, none drawn in the SVG.
      expect(html).toContain('<div role="img" aria-labelledby="chart-heading chart-description">')
      expect(html).not.toContain('<text')
      expect(html.match(/<span class="column-chart__label">/g)).toHaveLength(12)
      expect(html).toContain('column-chart--crowded')
      // A real label on the year picker, not the button's word (issue 12, item 9).
      expect(html).toContain(`<label class="usa-label" for="year">${escaped(text(language, 'portal:payments.yearLabel'))}</label>`)
      expect(text(language, 'portal:payments.yearLabel')).not.toBe(text(language, 'portal:payments.show'))
      // The summary first, then the chart, its table and the entries; both tables read as lists on a phone.
      const order = ['data-payments-summary', 'class="column-chart', 'id="totals-table"', 'portal:payments.listHeading'].map((mark) =>
        html.indexOf(mark === 'portal:payments.listHeading' ? `<h2>${escaped(text(language, mark))}</h2>` : mark),
      )
      expect(order.every((at) => at > 0)).toBe(true)
      expect([...order].sort((x, y) => x - y)).toEqual(order)
      expect(html.match(/<table class="usa-table usa-table--borderless table-as-list[" ]/g)).toHaveLength(2)
      // A paying parent's totals have one figure a row: on a phone, the row's name and its figure side by side.
      expect(html).toContain('<table class="usa-table usa-table--borderless table-as-list table-as-list--pairs" id="totals-table">')
      expect(html).not.toContain('usa-table--stacked')
      expect(html).not.toMatch(/<td(?![^>]*data-label=)[^>]*>/)
      const summaryList = html.slice(html.indexOf('data-payments-summary'), html.indexOf('</dl>', html.indexOf('data-payments-summary')))
      expect(summaryList).toContain(escaped(text(language, 'portal:payments.summary.paidPaying')))
      expect(summaryList).toContain(escaped(text(language, 'portal:payments.summary.amountIn', { amount: formatMoney(language, latestYear.paymentsCents), count: latestYear.paymentCount })))
      expect(html).toContain('href="#totals-table"')
      expect(html).toContain(`<option value="${latestYear.year}" selected>`)
      expect(html).toContain(moneyIn(language, latestYear.paymentsCents))
      expect(html).toContain(`href="${pathTo('paymentExplanation', { caseId: summary.caseId, paymentId: summary.lastPayment!.paymentId })}"`)
      expect(html).toMatch(/<a class="usa-link" href="\/account\/cases\/\d+\/payments\.csv\?year(=|&#x3D;)\d{4}" download>/)
    })

    it('pages by year: links to the next earlier and later years with entries, and a receiving parent sees what was sent and the fees', async () => {
      const { who, principal, summary } = await firstCase('fee-paying-receiver')
      const years = (await servicesOf(testApp).cases.getPaymentHistory(principal, summary.caseId, {}, 'web')).years.map((y) => y.year)
      expect(years.length).toBeGreaterThanOrEqual(3)
      const agent = await signedInAgent(testApp.app, who, language)
      const yearLink = (year: number) => `href="?year=${year}"><span class="usa-pagination__link-text">${escaped(text(language, 'portal:payments.yearOf', { year }))}</span>`
      const latest = (await agent.get(pathTo('payments', { caseId: summary.caseId })).expect(200)).text
      const pager = (html: string) => html.slice(html.indexOf('data-year-pager'), html.indexOf('</nav>', html.indexOf('data-year-pager')))
      expect(pager(latest)).toContain(yearLink(years.at(-2)!))
      expect(pager(latest).match(/href=/g)).toHaveLength(1)
      const middleYear = years.at(-2)!
      const middle = (await agent.get(`${pathTo('payments', { caseId: summary.caseId })}?year=${middleYear}`).expect(200)).text
      expect(pager(middle)).toContain(yearLink(years.at(-1)!))
      expect(pager(middle)).toContain(yearLink(years.at(-3)!))
      const totals = (await servicesOf(testApp).cases.getPaymentHistory(principal, summary.caseId, { from: `${middleYear}-01-01`, to: `${middleYear}-12-31` }, 'web')).totals
      const summaryList = middle.slice(middle.indexOf('data-payments-summary'), middle.indexOf('</dl>', middle.indexOf('data-payments-summary')))
      expect(summaryList).toContain(escaped(text(language, 'portal:payments.summary.paidReceiving')))
      expect(summaryList).toContain(escaped(text(language, 'portal:payments.summary.amountIn', { amount: formatMoney(language, totals.disbursementsCents), count: totals.disbursementCount })))
      expect(summaryList).toContain(moneyIn(language, totals.feesCents))
      // Every year at once has no year to page from.
      expect((await agent.get(`${pathTo('payments', { caseId: summary.caseId })}?year=all`).expect(200)).text).not.toContain('data-year-pager')
    })

    it('shows every year at once, year by year', async () => {
      const { who, principal, summary } = await firstCase('current-payer')
      const history = await servicesOf(testApp).cases.getPaymentHistory(principal, summary.caseId, {}, 'web')
      const agent = await signedInAgent(testApp.app, who, language)
      const html = (await agent.get(`${pathTo('payments', { caseId: summary.caseId })}?year=all`).expect(200)).text
      expect(html).toContain(`<caption>${escaped(text(language, 'portal:payments.totalsCaptionAll'))}</caption>`)
      for (const year of history.years) expect(html).toContain(`<th scope="row" data-label="${escaped(text(language, 'portal:payments.year'))}">${year.year}</th>`)
      expect(html).toContain(escaped(text(language, 'portal:payments.listCaption', { count: history.totalItems, page: 1, pages: history.totalPages })))
    })

    it.each([['year', 'nineteen'], ['year', '1776'], ['page', '0'], ['page', 'two']])('refuses ?%s=%s with 400 and the error summary', async (field, value) => {
      const { who, summary } = await firstCase('current-payer')
      const agent = await signedInAgent(testApp.app, who, language)
      const response = await agent.get(`${pathTo('payments', { caseId: summary.caseId })}?${field}=${value}`).expect(400)
      expectFormErrors(response.text, language, { [field]: `portal:payments.errors.${field}` })
    })

    it('downloads the chosen year as CSV with headings in the language and one row per entry', async () => {
      const { who, principal, summary } = await firstCase('fee-paying-receiver')
      const year = (await servicesOf(testApp).cases.getPaymentHistory(principal, summary.caseId, {}, 'web')).years.at(-2)!.year
      const history = await servicesOf(testApp).cases.getPaymentHistory(principal, summary.caseId, { from: `${year}-01-01`, to: `${year}-12-31`, pageSize: 500 }, 'web')
      const agent = await signedInAgent(testApp.app, who, language)
      const response = await agent.get(`${pathTo('paymentsCsv', { caseId: summary.caseId })}?year=${year}`).expect(200)
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(response.headers['content-disposition']).toBe(`attachment; filename="payments-${summary.caseNumberLast4}-${year}.csv"`)
      const lines = response.text.replace(/^\uFEFF/, '').trim().split('\r\n')
      expect(lines[0]).toBe(['date', 'kind', 'method', 'amount'].map((c) => text(language, `portal:payments.csv.${c}`)).join(','))
      expect(lines).toHaveLength(history.totalItems + 1)
      const first = history.items[0]!
      expect(lines[1]).toBe(`${first.date},${text(language, `cases:history.${first.kind}`)},${first.kind === 'fee' ? '' : text(language, `cases:method.${first.method}`)},${(first.amountCents / 100).toFixed(2)}`)
    })

    it('explains where every cent of a payment went, and for a receiving parent what reached them', async () => {
      const { who, principal, summary } = await firstCase('fee-paying-receiver')
      const paymentId = summary.lastPayment!.paymentId
      const explanation = await servicesOf(testApp).cases.explainPayment(principal, summary.caseId, paymentId, 'web')
      const agent = await signedInAgent(testApp.app, who, language)
      const html = (await agent.get(pathTo('paymentExplanation', { caseId: summary.caseId, paymentId })).expect(200)).text
      expect(html).toContain(`<h1>${escaped(text(language, 'portal:explain.heading'))}</h1>`)
      for (const part of explanation.parts) expect(html).toContain(moneyIn(language, part.cents))
      expect(html).toContain(escaped(text(language, 'portal:explain.familyHeading')))
      expect(html).toContain(moneyIn(language, explanation.family!.disbursedCents))
      expect(html).toContain(escaped(text(language, 'cases:explain.order')))
    })
  })

  it('does not explain a payment of another case, nor one that does not exist', async () => {
    const { who, summary } = await firstCase('current-payer')
    const other = await firstCase('suspended-license')
    const agent = await signedInAgent(testApp.app, who)
    await agent.get(pathTo('paymentExplanation', { caseId: summary.caseId, paymentId: other.summary.lastPayment!.paymentId })).expect(404)
    await agent.get(pathTo('paymentExplanation', { caseId: summary.caseId, paymentId: 99999999 })).expect(404)
    await agent.get(pathTo('paymentsCsv', { caseId: other.summary.caseId })).expect(404)
  })

  it('records one view of the payments page as one audit row, the history it showed', async () => {
    const { who, summary } = await firstCase('current-payer')
    const agent = await signedInAgent(testApp.app, who)
    const rowsOf = () =>
      testApp.database.db.selectFrom('audit_events').select(['action', 'details']).where('case_id', '=', summary.caseId).orderBy('id').execute()
    const before = (await rowsOf()).length
    await agent.get(`${pathTo('payments', { caseId: summary.caseId })}?year=all&page=2`).expect(200)
    const after = await rowsOf()
    expect(after).toHaveLength(before + 1)
    expect(after.at(-1)!.action).toBe('case.history')
    expect(JSON.parse(after.at(-1)!.details!)).toMatchObject({ from: null, page: 2 })
  })

  it('pages through a long history', async () => {
    const { who, principal, summary } = await firstCase('current-payer')
    const history = await servicesOf(testApp).cases.getPaymentHistory(principal, summary.caseId, {}, 'web')
    expect(history.totalPages).toBeGreaterThan(1)
    const agent = await signedInAgent(testApp.app, who)
    const html = (await agent.get(`${pathTo('payments', { caseId: summary.caseId })}?year=all&page=2`).expect(200)).text
    expect(html).toContain(escaped(text('en', 'portal:payments.pageOf', { page: 2, pages: history.totalPages })))
    expect(html).toContain(text('en', 'portal:payments.previous'))
  })

  it('keeps the public calculator path apart from the case one', () => {
    expect(portalPaths.payoffCalculator).not.toBe(portalPaths.casePayoffCalculator)
  })
})
