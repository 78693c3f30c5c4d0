import request from 'supertest'

import { consolePathTo } from '../../server/console/paths'
import { htmlErrors } from '../browser/browserHarness'
import {
  createPortalTestApp, escaped, participantIdOf, persona, type PortalTestApp, servicesOf, signedInAgent, text, withStatus,
} from '../portal/portalTestApp'
import { bilingualRep, staffAgent, supervisor } from './consoleTestApp'

// A case's audit trail: who looked at it, when, through which channel, newest first; for supervisors only.

describe('case audit trail', () => {
  let testApp: PortalTestApp
  let caseId: number
  let caseNumber: string
  const parent = persona('suspended-license')

  beforeAll(async () => {
    testApp = await createPortalTestApp()
    const services = servicesOf(testApp)
    const participantId = await participantIdOf(testApp, parent)
    const [summary] = await services.cases.listCaseSummaries({ kind: 'parent', participantId }, 'web')
    caseId = summary!.caseId
    caseNumber = summary!.caseNumber
    const rep = await testApp.database.db.selectFrom('staff').select('id').where('username', '=', bilingualRep.username).executeTakeFirstOrThrow()
    // Clear what loading the demo did, then three looks an hour apart: the parent on the web at 9:00, the same
    // parent on the phone at 10:00, the representative in the console at 11:00 (Pacific, 10 March 2026).
    await testApp.database.db.deleteFrom('audit_events').where('case_id', '=', caseId).execute()
    testApp.clock.set('2026-03-10T16:00:00Z')
    await services.cases.getCaseSummary({ kind: 'parent', participantId }, caseId, 'web')
    testApp.clock.set('2026-03-10T17:00:00Z')
    await services.cases.getCaseSummary({ kind: 'parent', participantId }, caseId, 'phone')
    testApp.clock.set('2026-03-10T18:00:00Z')
    await services.cases.getCaseSummary({ kind: 'staff', staffId: rep.id, role: 'rep' }, caseId, 'console')
    testApp.clock.set('2026-03-11T19:00:00Z')
  })
  afterAll(() => testApp.close())

  const rowsOf = (html: string) =>
    [...html.matchAll(/<tr>\s*<th scope="row"[^>]*><time datetime="([^"]+)">[^<]*<\/time><\/th>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/g)].map(
      (m) => ({ at: m[1], who: m[2], channel: m[3], action: m[4] }),
    )

  it('lists who looked at the case, when, through which channel, newest first, with names', async () => {
    const agent = await staffAgent(testApp.app, supervisor)
    const html = withStatus(await agent.get(consolePathTo('caseAudit', { caseId })), 200).text
    expect(html).toContain(escaped(text('en', 'supervisor:audit.heading', { number: caseNumber })))
    const parentName = escaped(text('en', 'supervisor:audit.actor.parent', { name: parent.name }))
    const summaryRead = escaped(text('en', 'supervisor:audit.actions.case_summary'))
    expect(rowsOf(html)).toEqual([
      { at: '2026-03-10T18:00:00.000Z', who: escaped(bilingualRep.displayName), channel: text('en', 'supervisor:audit.channels.console'), action: summaryRead },
      { at: '2026-03-10T17:00:00.000Z', who: parentName, channel: text('en', 'supervisor:audit.channels.phone'), action: summaryRead },
      { at: '2026-03-10T16:00:00.000Z', who: parentName, channel: text('en', 'supervisor:audit.channels.web'), action: summaryRead },
    ])
    // In the agency's time zone: 18:00 UTC is 11:00 a.m. Pacific daylight time.
    expect(html).toMatch(/March 10, 2026(,| at) 11:00\sAM/)
    expect(await htmlErrors(html)).toEqual([])
  })

  it('records the supervisor’s own reading, which the next reading shows first', async () => {
    const agent = await staffAgent(testApp.app, supervisor, 'es')
    const html = withStatus(await agent.get(consolePathTo('caseAudit', { caseId })), 200).text
    const [newest] = rowsOf(html)
    expect(newest).toMatchObject({
      who: escaped(supervisor.displayName),
      channel: escaped(text('es', 'supervisor:audit.channels.console')),
      action: escaped(text('es', 'supervisor:audit.actions.audit_trail_read')),
    })
    expect(html).toContain('<html lang="es">')
    expect(await htmlErrors(html)).toEqual([])
  })

  it('names the phone line, a staff member no longer listed and an action it does not know, rather than failing', async () => {
    await testApp.database.db
      .insertInto('audit_events')
      .values([
        { occurred_at: '2026-03-11T01:00:00.000Z', actor_kind: 'system', actor_id: null, case_id: caseId, action: 'case.summary', channel: 'phone', details: null },
        { occurred_at: '2026-03-11T02:00:00.000Z', actor_kind: 'staff', actor_id: 987_654, case_id: caseId, action: 'case.exported', channel: 'console', details: null },
      ])
      .execute()
    const agent = await staffAgent(testApp.app, supervisor)
    const rows = rowsOf(withStatus(await agent.get(consolePathTo('caseAudit', { caseId })), 200).text)
    expect(rows.find((row) => row.at === '2026-03-11T01:00:00.000Z')).toMatchObject({ who: text('en', 'supervisor:audit.actor.phoneLine') })
    expect(rows.find((row) => row.at === '2026-03-11T02:00:00.000Z')).toMatchObject({
      who: text('en', 'supervisor:audit.actor.staffUnknown'),
      action: escaped(text('en', 'supervisor:audit.actions.other')),
    })
    // Words, never the code: every action the product writes has its own.
    expect(rows.map((row) => row.action).join(' ')).not.toMatch(/case\.|_/)
  })

  it('answers 404 for a case id that is not a number or names no case, and records nothing', async () => {
    const agent = await staffAgent(testApp.app, supervisor)
    const before = await testApp.database.db.selectFrom('audit_events').select(({ fn }) => fn.countAll().as('n')).executeTakeFirstOrThrow()
    for (const id of ['abc', '0', '-1', '1e3', '99999999', '9'.repeat(30)]) {
      withStatus(await agent.get(`/console/cases/${id}/audit`), 404)
    }
    const after = await testApp.database.db.selectFrom('audit_events').select(({ fn }) => fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
  })

  it('is for supervisors only: a representative gets 403, a visitor and a parent go to sign-in', async () => {
    const path = consolePathTo('caseAudit', { caseId })
    withStatus(await (await staffAgent(testApp.app, bilingualRep)).get(path), 403)
    await request(testApp.app).get(path).expect(303).expect('Location', '/console/sign-in')
    const signedInParent = await signedInAgent(testApp.app, parent)
    await signedInParent.get(path).expect(303).expect('Location', '/console/sign-in')
  })
})
