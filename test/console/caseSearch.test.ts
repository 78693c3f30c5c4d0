import request from 'supertest'

import { consolePaths, consolePathTo } from '../../server/console/paths'
import { searchKindsOf } from '../../server/cases/staffCaseDirectory'
import {
  createPortalTestApp,
  escaped,
  expectFormErrors,
  moneyIn,
  persona,
  type PortalTestApp,
  servicesOf,
  text,
  withStatus,
} from '../portal/portalTestApp'
import { bilingualRep, staffAgent, supervisor } from './consoleTestApp'

describe('what a search query can be', () => {
  it.each([
    ['340010120417', ['case_number']],
    ['4010000101', ['par_id']],
    ['9165550101', ['par_id', 'phone']],
    ['(916) 555-0101', ['phone']],
    ['+1 916 555 0101', ['phone']],
    ['k7m-4pq', ['confirmation_code']],
    ['Hill', ['name']],
    ['Linda Okafor', ['name']],
    ["O'Brien-Núñez, María", ['name']],
    ['12345', []],
    ['Hill; drop table', []],
  ])('%s may be %j', (query, kinds) => {
    expect(searchKindsOf(query as string).kinds).toEqual(kinds)
  })
})

describe('finding a case in the console', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  const who = persona('both-roles')

  it.each([
    ['case number', () => who.cases[0]!],
    ['PAR ID', () => who.phone.parId],
    ['phone number', () => who.phone.callerId.replace('+1', '').replace(/(\d{3})(\d{3})(\d{4})/, '($1) $2-$3')],
    ['last name', () => who.name.split(' ').at(-1)!.toUpperCase()],
    ['first and last name', () => who.name.toLowerCase()],
    ['last name, first name', () => `${who.name.split(' ').at(-1)}, ${who.name.split(' ')[0]}`],
  ])('finds a parent’s cases by %s and records each case found in its audit trail', async (_kind, query) => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    const before = await testApp.database.db.selectFrom('audit_events').select('id').where('action', '=', 'case.search').execute()
    const html = (await agent.get(`${consolePaths.caseSearch}?q=${encodeURIComponent(query())}`).expect(200)).text
    expect(html).toContain(who.cases[0]!)
    expect(html).toContain(escaped(who.name))
    const after = await testApp.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'case.search').execute()
    expect(after.length).toBeGreaterThan(before.length)
    expect(after.every((row) => row.actor_kind === 'staff' && row.channel === 'console')).toBe(true)
  })

  it.each(['en', 'es'] as const)('says in %s what to type when the query is empty or cannot be a case, keeping what was typed', async (language) => {
    const agent = await staffAgent(testApp.app, bilingualRep, language)
    const empty = withStatus(await agent.get(`${consolePaths.caseSearch}?q=`), 400)
    expectFormErrors(empty.text, language, { q: 'console:caseSearch.errors.empty' })
    const odd = withStatus(await agent.get(`${consolePaths.caseSearch}?q=${encodeURIComponent('<Hill>')}`), 400)
    expectFormErrors(odd.text, language, { q: 'console:caseSearch.errors.unrecognised' })
    expect(odd.text).toContain('value="&lt;Hill&gt;"')
  })

  it('says when nothing matches', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    const html = (await agent.get(`${consolePaths.caseSearch}?q=999999999999`).expect(200)).text
    expect(html).toContain(escaped(text('en', 'console:caseSearch.none')))
  })

  it('opens a case as the agency sees it, with both parents and the same balance as every channel', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    const found = (await servicesOf(testApp).staffDirectory.searchCases({ kind: 'staff', staffId: 1, role: 'rep' }, who.cases[0]!))
    if (!found.ok) throw new Error('search failed')
    const caseId = found.cases[0]!.caseId
    const html = (await agent.get(consolePathTo('casePage', { caseId })).expect(200)).text
    const summary = await servicesOf(testApp).cases.getCaseSummary({ kind: 'staff', staffId: 1, role: 'rep' }, caseId, 'console')
    expect(html).toContain(moneyIn('en', summary.balances.totalOwedCents))
    for (const party of found.cases[0]!.parties) expect(html).toContain(escaped(party.name))
    // What the parents are told ("your license") is quoted, each with whom it is told to, never said to the rep.
    const view = await servicesOf(testApp).cases.getCaseView({ kind: 'staff', staffId: 1, role: 'rep' }, caseId, 'console')
    expect(view.nextSteps.steps.length).toBeGreaterThan(0)
    for (const step of view.nextSteps.steps) expect(html).toContain(`<span class="text-bold">${escaped(text('en', `console:case.toldTo.${step.audience}`))}</span> <q>`)
    expect(html).not.toMatch(/<ol class="usa-list">\s*<li>/)
    // Only a supervisor is offered the audit trail.
    expect(html).not.toContain(consolePathTo('caseAudit', { caseId }))
    const boss = await staffAgent(testApp.app, supervisor)
    expect((await boss.get(consolePathTo('casePage', { caseId })).expect(200)).text).toContain(consolePathTo('caseAudit', { caseId }))
  })

  it('warns staff on a case with a family-violence indicator', async () => {
    const protectedParent = persona('protected-parent')
    const agent = await staffAgent(testApp.app, bilingualRep)
    const found = await servicesOf(testApp).staffDirectory.searchCases({ kind: 'staff', staffId: 1, role: 'rep' }, protectedParent.cases[0]!)
    if (!found.ok) throw new Error('search failed')
    const html = (await agent.get(consolePathTo('casePage', { caseId: found.cases[0]!.caseId })).expect(200)).text
    expect(html).toContain(escaped(text('en', 'console:familyViolence')))
  })

  it('answers 404 for a case that does not exist, and sends a visitor to sign in', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    await agent.get(consolePathTo('casePage', { caseId: 987654 })).expect(404)
    await agent.get('/console/cases/not-a-case').expect(404)
    await request(testApp.app).get(`${consolePaths.caseSearch}?q=${who.phone.parId}`).expect(303).expect('Location', consolePaths.signIn)
  })

  it('refuses a parent the staff search in the domain itself', async () => {
    await expect(servicesOf(testApp).staffDirectory.searchCases({ kind: 'parent', participantId: 1 }, who.cases[0]!)).rejects.toThrow('only staff')
  })
})
