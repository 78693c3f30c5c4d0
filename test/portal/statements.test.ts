import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { pathTo } from '../../server/portal/paths'
import { formatMoney } from '../../server/templates'
import {
  type Agent,
  createPortalTestApp,
  escaped,
  expectFormErrors,
  languages,
  type Language,
  moneyIn,
  participantIdOf,
  persona,
  type PortalTestApp,
  servicesOf,
  signedInAgent,
  text,
} from './portalTestApp'

// A month's statement: a tagged PDF (PDF/UA) whose text, read back with poppler's pdftotext, gives the figures the
// case page and the payments page give, in the parent's language; the paying parent's coupon; a month with no
// statement is a page in the parent's language; every download is in the case's audit trail.

const pdfFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'statements-test-'))
afterAll(() => fs.rmSync(pdfFolder, { recursive: true, force: true }))

/** The text of a PDF as poppler reads it, with runs of spaces (layout) folded to one. */
function pdfText(pdf: Buffer): string {
  const file = path.join(pdfFolder, `${Math.random().toString(36).slice(2)}.pdf`)
  fs.writeFileSync(file, pdf)
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ')
}

/** Dictionaries of a pdfkit PDF are plain text (only content streams are compressed), so the catalog can be read. */
function pdfObjects(pdf: Buffer): string {
  return pdf.toString('latin1')
}

/** The dictionary the catalog's entry `key` points to (`/Key N 0 R` → the text of object N). */
function catalogEntry(raw: string, key: string): string {
  const catalog = /\/Type \/Catalog[\s\S]*?endobj/.exec(raw)?.[0] ?? ''
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(catalog)
  if (!ref) return ''
  return new RegExp(`(?:^|\\n)${ref[1]} 0 obj([\\s\\S]*?)endobj`).exec(raw)?.[1] ?? ''
}

const money = (language: Language, cents: number) => formatMoney(language, cents)
const buckets = ['currentDueCents', 'familyArrearsCents', 'stateArrearsCents', 'interestCents', 'totalOwedCents'] as const

describe('monthly statements', () => {
  let testApp: PortalTestApp
  const thisMonth = '2026-03'
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  async function caseOf(id: string) {
    const who = persona(id)
    const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
    const [summary] = await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')
    return { who, principal, summary: summary! }
  }

  async function download(agent: Agent, caseId: number, month: string) {
    const response = await agent.get(`${pathTo('statements', { caseId })}?month=${month}`).responseType('blob')
    if (response.status !== 200) throw new Error(`expected a PDF, got ${response.status}`)
    return response
  }

  describe.each(languages)('in %s', (language) => {
    it.each(['current-payer', 'fee-paying-receiver'])('%s: this month\'s statement gives the case page\'s balance, figure for figure', async (id) => {
      const { who, summary } = await caseOf(id)
      const agent = await signedInAgent(testApp.app, who, language)
      const page = (await agent.get(pathTo('casePage', { caseId: summary.caseId })).expect(200)).text
      // The case page offers the month in its picker, and shows the balance the statement must repeat.
      expect(page).toContain(`action="${pathTo('statements', { caseId: summary.caseId })}"`)
      expect(page).toContain(`<option value="${thisMonth}" `)
      const response = await download(agent, summary.caseId, thisMonth)
      expect(response.headers['content-type']).toBe('application/pdf')
      expect(response.headers['content-disposition']).toBe(`attachment; filename="statement-${summary.caseNumberLast4}-${thisMonth}.pdf"`)
      const words = pdfText(response.body as Buffer)
      expect(words).toContain(text(language, 'statements:pdf.caseNumber', { number: summary.caseNumber }))
      expect(words).toContain(text(language, 'statements:pdf.balanceHeading'))
      for (const bucket of buckets) {
        expect(page).toContain(moneyIn(language, summary.balances[bucket]))
        expect(words).toContain(money(language, summary.balances[bucket]))
      }
      // A message key that no longer exists would print as itself ("balance.total"): every line must be words.
      expect(words).not.toMatch(/\b[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*\b/)
      const totalLabel = text(language, `cases:balance.totalBy.${summary.viewer}`)
      expect(totalLabel).not.toContain('balance.')
      const closing = words.split('\n').find((line) => line.trim().startsWith(totalLabel))
      expect(closing?.trim().endsWith(money(language, summary.balances.totalOwedCents))).toBe(true)
      if (summary.viewer === 'paying') {
        expect(words).toContain(text(language, 'statements:pdf.couponHeading'))
        expect(words).toContain('P.O. Box 989067')
        expect(words).toContain(text(language, 'statements:pdf.couponCase', { number: summary.caseNumber }))
      } else {
        expect(words).not.toContain(text(language, 'statements:pdf.couponHeading'))
      }
    })

    it('a past month gives the payments page\'s totals for that month, and the receiving parent\'s payouts', async () => {
      const { who, principal, summary } = await caseOf('fee-paying-receiver')
      const history = await servicesOf(testApp).cases.getPaymentHistory(principal, summary.caseId, { from: '2026-01-01', to: '2026-01-31' }, 'web')
      const [january] = history.months
      expect(january?.paymentsCents).toBeGreaterThan(0)
      const agent = await signedInAgent(testApp.app, who, language)
      const words = pdfText((await download(agent, summary.caseId, '2026-01')).body as Buffer)
      const totals = words.split('\n').filter((line) => line.trim().startsWith(text(language, 'statements:pdf.total')))
      // Charges, payments received, payments sent to the family: each table's total row, in that order.
      expect(totals.map((line) => line.trim().split(' ').at(-1))).toEqual(
        expect.arrayContaining([money(language, january!.paymentsCents), money(language, january!.disbursementsCents)]),
      )
      expect(words).toContain(text(language, 'statements:pdf.payoutsHeading'))
      expect(words).not.toMatch(/\b[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*\b/)
      const day = (iso: string) => new Intl.DateTimeFormat(`${language}-US`, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`))
      expect(words).toContain(text(language, 'statements:pdf.period', { from: day('2026-01-01'), to: day('2026-01-31') }))
    })

    it.each([
      ['2026-13', 'statements:errors.monthFormat'],
      ['march', 'statements:errors.monthFormat'],
      ['2026-3', 'statements:errors.monthFormat'],
      ['', 'statements:errors.monthFormat'],
      ['2026-04', 'statements:errors.monthFuture'],
      ['9999-12', 'statements:errors.monthFuture'],
      ['1999-01', 'statements:errors.monthBeforeCase'],
      ['0000-01', 'statements:errors.monthBeforeCase'],
    ])('?month=%s is a page that says what to do (%s), with the months to choose from', async (month, key) => {
      const { who, summary } = await caseOf('current-payer')
      const agent = await signedInAgent(testApp.app, who, language)
      const response = await agent.get(`${pathTo('statements', { caseId: summary.caseId })}?month=${encodeURIComponent(month)}`).expect(400)
      expect(response.headers['content-type']).toMatch(/^text\/html/)
      expectFormErrors(response.text, language, { month: key })
      expect(response.text).toContain(`<option value="${thisMonth}" `)
    })
  })

  it('a repeated or odd month parameter is a clear page too, never a 500', async () => {
    const { who, summary } = await caseOf('current-payer')
    const agent = await signedInAgent(testApp.app, who, 'es')
    for (const query of ['month=2026-01&month=2026-02', 'month=%00', `month=${'9'.repeat(5000)}`]) {
      const response = await agent.get(`${pathTo('statements', { caseId: summary.caseId })}?${query}`)
      expect([query, response.status]).toEqual([query, 400])
      expect(response.text).toContain(escaped(text('es', 'statements:errors.monthFormat')))
    }
  })

  it('without a month, the page lists the case\'s months, newest first, at most twelve', async () => {
    const { who, summary } = await caseOf('current-payer')
    const agent = await signedInAgent(testApp.app, who)
    const html = (await agent.get(pathTo('statements', { caseId: summary.caseId })).expect(200)).text
    const options = [...html.matchAll(/<option value="(\d{4}-\d{2})"/g)].map((m) => m[1])
    expect(options).toHaveLength(12)
    expect(options[0]).toBe(thisMonth)
    expect(options.at(-1)).toBe('2025-04')
  })

  it('carries a structure tree, the document language and title, and embeds its fonts (PDF/UA)', async () => {
    const { who, summary } = await caseOf('current-payer')
    for (const language of languages) {
      const agent = await signedInAgent(testApp.app, who, language)
      const raw = pdfObjects((await download(agent, summary.caseId, thisMonth)).body as Buffer)
      expect(raw.startsWith('%PDF-1.7')).toBe(true)
      expect(catalogEntry(raw, 'StructTreeRoot')).toMatch(/\/Type \/StructTreeRoot/)
      expect(catalogEntry(raw, 'MarkInfo')).toMatch(/\/Marked true/)
      expect(catalogEntry(raw, 'ViewerPreferences')).toMatch(/\/DisplayDocTitle true/)
      expect(/\/Type \/Catalog[\s\S]*?endobj/.exec(raw)?.[0]).toContain(`/Lang (${language}-US)`)
      expect(raw).toContain('<pdfuaid:part>1</pdfuaid:part>')
      for (const tag of ['Document', 'H1', 'H2', 'P', 'Table', 'TR', 'TH', 'TD']) expect(raw).toContain(`/S /${tag}\n`)
      expect(raw).toMatch(/\/Scope \/Column/)
      // Every font is embedded (a font file per font), and none is one of the unembedded standard 14.
      expect(raw.match(/\/FontFile2 /g)?.length).toBe(raw.match(/\/Type \/FontDescriptor/g)?.length)
      expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/)
      const title = text(language, 'statements:pdf.title', { month: language === 'en' ? 'March 2026' : 'marzo de 2026', number: summary.caseNumber })
      const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', '-'], { input: Buffer.from(raw, 'latin1'), encoding: 'utf8' })
      expect(info).toContain(`Title:           ${title}`)
      expect(info).toMatch(/Tagged:\s+yes/)
    }
  })

  it('records every download in the case\'s audit trail, with the month', async () => {
    const { who, principal, summary } = await caseOf('fee-paying-receiver')
    const agent = await signedInAgent(testApp.app, who)
    const audited = () =>
      testApp.database.db.selectFrom('audit_events').select(['details', 'channel']).where('case_id', '=', summary.caseId)
        .where('action', '=', 'case.statement').where('actor_id', '=', principal.participantId).execute()
    const before = (await audited()).length
    await download(agent, summary.caseId, '2026-02')
    await download(agent, summary.caseId, '2026-02')
    const rows = await audited()
    expect(rows).toHaveLength(before + 2)
    expect(rows.at(-1)).toEqual({ details: JSON.stringify({ month: '2026-02' }), channel: 'web' })
  })

  it("never shows Emily Carter's name, address, phone, employer or SSN on Ryan Carter's statements", async () => {
    const emily = await testApp.database.db.selectFrom('participants')
      .select(['first_name', 'address_line1', 'phone_primary', 'employer_name', 'ssn_last4', 'email'])
      .where('par_id', '=', persona('protected-parent').phone.parId).executeTakeFirstOrThrow()
    const { who, summary } = await caseOf('fv-paying-parent')
    const agent = await signedInAgent(testApp.app, who)
    const secrets = [emily.first_name, emily.address_line1!, emily.phone_primary!.slice(2), '555-0110', emily.employer_name!, emily.email!, `-${emily.ssn_last4}`]
    for (const month of ['2026-03', '2026-02', '2025-12']) {
      const words = pdfText((await download(agent, summary.caseId, month)).body as Buffer)
      for (const secret of secrets) if (words.includes(secret)) throw new Error(`Ryan's ${month} statement shows "${secret}"`)
    }
  })

  it('is not found for a case that is not the parent\'s own', async () => {
    const { summary: theirs } = await caseOf('suspended-license')
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    await agent.get(`${pathTo('statements', { caseId: theirs.caseId })}?month=${thisMonth}`).expect(404)
    await agent.get(`${pathTo('statements', { caseId: theirs.caseId })}?month=2026-13`).expect(404)
    await agent.get(pathTo('statements', { caseId: theirs.caseId })).expect(404)
  })
})
