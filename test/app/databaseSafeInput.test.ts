import request from 'supertest'
import twilio from 'twilio'

import { consolePaths } from '../../server/console/paths'
import { portalPaths } from '../../server/portal/paths'
import { recordIdFrom } from '../../server/routeParams'
import { bilingualRep, staffAgent } from '../console/consoleTestApp'
import { createPortalTestApp, csrfTokenIn, persona, type PortalTestApp, signedInAgent } from '../portal/portalTestApp'

// Input that SQLite takes and PostgreSQL refuses must never become a server error: U+0000 (text cannot hold it) and
// ids past the 32-bit columns' range. CI runs this file on both databases; the input fuzz first found both there.

describe('input the database would refuse', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  }, 60_000)
  afterAll(() => testApp.close())

  it('reads a record id only within the columns range', () => {
    expect(recordIdFrom('2147483647')).toBe(2_147_483_647)
    expect(recordIdFrom('2147483648')).toBeNull()
    expect(recordIdFrom('99999999999')).toBeNull()
    expect(recordIdFrom('1')).toBe(1)
    for (const bad of ['0', '01', '-1', '1.5', '1e3', '', ' 1', undefined]) expect(recordIdFrom(bad)).toBeNull()
  })

  it('answers a console sign-in with U+0000 in the username as a refused sign-in, not a 500', async () => {
    const agent = request.agent(testApp.app)
    const token = csrfTokenIn((await agent.get(consolePaths.signIn).expect(200)).text)
    const response = await agent.post(consolePaths.signIn).type('form').send({ _csrf: token, username: '\u0000', password: '0' })
    expect(response.status).toBe(400)
    expect(response.text).not.toContain('\u0000')
  })

  it('answers a portal sign-in with U+0000 inside a real username as a wrong password', async () => {
    const agent = request.agent(testApp.app)
    const token = csrfTokenIn((await agent.get(portalPaths.signIn).expect(200)).text)
    const response = await agent.post(portalPaths.signIn).type('form').send({ _csrf: token, username: `a\u0000b`, password: 'wrong password' })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expect(response.status).toBeLessThan(500)
  })

  it('searches cases for a query holding U+0000', async () => {
    const rep = await staffAgent(testApp.app, bilingualRep)
    const response = await rep.get(`${consolePaths.caseSearch}?q=${encodeURIComponent('Rivera\u0000')}`)
    expect(response.status).toBeGreaterThanOrEqual(200)
    expect(response.status).toBeLessThan(500)
  })

  it('answers 404 to a case, payment or callback id past the 32-bit range', async () => {
    const parent = await signedInAgent(testApp.app, persona('current-payer'))
    await parent.get('/account/cases/2147483648').expect(404)
    await parent.get('/account/cases/99999999999/payments').expect(404)
    const rep = await staffAgent(testApp.app, bilingualRep)
    await rep.get('/console/cases/2147483648').expect(404)
    await rep.get('/console/callbacks/99999999999').expect(404)
  })

  it('answers a phone webhook with an outbound id past the range as not found', async () => {
    const path = '/ivr/outbound/connect/99999999999/1'
    const body = { AccountSid: 'AC00000000000000000000000000000000', CallSid: `CA${'0'.repeat(32)}` }
    const signature = twilio.getExpectedTwilioSignature(testApp.config.twilio.authToken, testApp.config.publicBaseUrl + path, body)
    await request(testApp.app).post(path).type('form').set('X-Twilio-Signature', signature).send(body).expect(404)
  })
})
