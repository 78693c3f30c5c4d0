import { pathTo, portalPaths } from '../../server/portal/paths'
import {
  activatedPersonas,
  type Agent,
  createPortalTestApp,
  participantIdOf,
  persona,
  type PortalTestApp,
  servicesOf,
  signedInAgent,
} from './portalTestApp'

// No page a parent can reach shows a case that is not theirs, and a case id that is not theirs is simply not
// found, whichever page it is put into. The family-violence case never shows the protected parent's details.

async function everyPageOf(agent: Agent): Promise<Map<string, string>> {
  const pages = new Map<string, string>()
  const queue: string[] = [portalPaths.dashboard, portalPaths.callbacks, portalPaths.details, portalPaths.requestCallback]
  while (queue.length) {
    const path = queue.shift()!
    if (pages.has(path)) continue
    const response = await agent.get(path)
    if (response.status !== 200) continue
    pages.set(path, response.text)
    for (const [, link] of response.text.matchAll(/href="(\/account\/cases\/[^"#?]+(?:\?year(?:=|&#x3D;)all)?)"/g)) {
      const next = link!.replace('&#x3D;', '=')
      if (!next.endsWith('.csv') && !pages.has(next) && pages.size + queue.length < 120) queue.push(next)
    }
  }
  return pages
}

describe('one parent never sees another parent\'s case', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  it.each(activatedPersonas.map((p) => [p.id, p] as const))('%s sees only their own cases on every page', async (_id, who) => {
    const others = new Set(activatedPersonas.flatMap((p) => p.cases).filter((number) => !who.cases.includes(number)))
    const agent = await signedInAgent(testApp.app, who)
    const pages = await everyPageOf(agent)
    expect(pages.size).toBeGreaterThan(4)
    for (const [path, html] of pages) {
      for (const number of others) {
        if (html.includes(number)) throw new Error(`${who.id} sees case ${number} on ${path}`)
      }
    }

    const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
    const own = new Set((await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')).map((s) => s.caseId))
    const caseIds = await testApp.database.db.selectFrom('cases').select(['id', 'case_number']).execute()
    for (const { id } of caseIds.filter((c) => others.has(c.case_number) && !own.has(c.id))) {
      for (const name of ['casePage', 'payments', 'paymentsCsv', 'casePayoffCalculator'] as const) {
        const response = await agent.get(pathTo(name, { caseId: id }))
        if (response.status !== 404) throw new Error(`${who.id} got ${response.status} for ${pathTo(name, { caseId: id })}`)
      }
    }
  })

  it("never shows Emily Carter's address, phone, employer or SSN to Ryan Carter, on any page", async () => {
    const emily = persona('protected-parent')
    const emilyRow = await testApp.database.db
      .selectFrom('participants')
      .select(['address_line1', 'phone_primary', 'employer_name', 'ssn_last4', 'email'])
      .where('par_id', '=', emily.phone.parId)
      .executeTakeFirstOrThrow()
    const pages = await everyPageOf(await signedInAgent(testApp.app, persona('fv-paying-parent')))
    const secrets = [emilyRow.address_line1!, emilyRow.phone_primary!.slice(2), '(916) 555-0110', emilyRow.employer_name!, emilyRow.email!, `-${emilyRow.ssn_last4}`]
    for (const [path, html] of pages) {
      for (const secret of secrets) {
        if (html.includes(secret)) throw new Error(`Ryan sees "${secret}" on ${path}`)
      }
    }
  })
})
