import request from 'supertest'

import { groupedConfirmationCode } from '../../server/callbacks/confirmationCode'
import { consolePaths, consolePathTo } from '../../server/console/paths'
import { type FakeTwilioApi, startFakeTwilioApi } from '../helpers/fakeTwilioApi'
import {
  createPortalTestApp,
  escaped,
  participantIdOf,
  persona,
  type PortalTestApp,
  servicesOf,
  text,
} from '../portal/portalTestApp'
import { bilingualRep, englishRep, postFrom, staffAgent } from './consoleTestApp'

// The console's "Call now" button over the real app, with Twilio's REST API played by a local fake: the
// representative's own phone is rung first, with the webhook that later connects them to the parent.

const publicBaseUrl = 'https://portal.example'
const parentPhone = '+19165550188'

let api: FakeTwilioApi
let testApp: PortalTestApp
let services: ReturnType<typeof servicesOf>

beforeAll(async () => {
  api = await startFakeTwilioApi()
  testApp = await createPortalTestApp({
    env: {
      TWILIO_ACCOUNT_SID: api.accountSid,
      TWILIO_AUTH_TOKEN: api.authToken,
      TWILIO_API_BASE_URL: api.baseUrl,
      PUBLIC_BASE_URL: publicBaseUrl,
    },
  })
  services = servicesOf(testApp)
})
afterAll(async () => {
  await testApp.close()
  await api.close()
})
beforeEach(async () => {
  api.succeed()
  api.received.length = 0
  await testApp.database.db.deleteFrom('callback_attempts').execute()
  await testApp.database.db.deleteFrom('callbacks').execute()
})

const staffIdOf = async (username: string) =>
  (await testApp.database.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id

async function newRequest(claimant: string | null) {
  const participantId = await participantIdOf(testApp, persona('hearing-next-week'))
  const role = await testApp.database.db.selectFrom('case_roles').select('case_id').where('participant_id', '=', participantId).executeTakeFirstOrThrow()
  const { callback } = await services.callbacks.requestCallback({
    principal: { kind: 'parent', participantId },
    caseId: role.case_id,
    phone: parentPhone,
    language: 'en',
    topic: 'payments',
    preferredWindow: 'morning',
    channel: 'web',
  })
  if (claimant) expect((await services.callbacks.claim(callback.id, await staffIdOf(claimant))).ok).toBe(true)
  return callback
}

const callNowPath = (callbackId: number | string) => consolePathTo('callNow', { callbackId })
const pressCallNow = (agent: Awaited<ReturnType<typeof staffAgent>>, callbackId: number | string) =>
  postFrom(agent, consolePaths.queue, callNowPath(callbackId))

/** The notice the request page shows after the redirect. */
async function noticeAfter(agent: Awaited<ReturnType<typeof staffAgent>>, location: string): Promise<string> {
  const page = await agent.get(location).expect(200)
  const match = /<p class="usa-alert__text">([^<]*)<\/p>/.exec(page.text)
  return match?.[1] ?? ''
}

describe('Call now from the console', () => {
  it("rings the representative's phone with the connect webhook, then says so on the request page", async () => {
    const callback = await newRequest(bilingualRep.username)
    const agent = await staffAgent(testApp.app, bilingualRep)
    const response = await pressCallNow(agent, callback.id)
    expect(response.status).toBe(303)
    expect(response.headers.location).toBe(consolePathTo('callback', { callbackId: callback.id }))

    expect(api.received).toHaveLength(1)
    expect(api.received[0]).toMatchObject({ authorized: true })
    expect(api.received[0]!.fields).toMatchObject({
      To: bilingualRep.phone,
      From: testApp.config.agency.callerId,
      Url: `${publicBaseUrl}/ivr/outbound/connect/${callback.id}/${await staffIdOf(bilingualRep.username)}`,
    })
    expect(api.received[0]!.fields.To).not.toBe(parentPhone)

    const code = groupedConfirmationCode(callback.confirmationCode)
    expect(await noticeAfter(agent, response.headers.location!)).toBe(escaped(text('en', 'callNow:placed', { code })))

    const audit = await testApp.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'callback.call_placed').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.details).not.toContain('+1916')
  })

  it('tells a Spanish-speaking session in Spanish', async () => {
    const callback = await newRequest(bilingualRep.username)
    const agent = await staffAgent(testApp.app, bilingualRep, 'es')
    const response = await pressCallNow(agent, callback.id)
    expect(response.status).toBe(303)
    const code = groupedConfirmationCode(callback.confirmationCode)
    expect(await noticeAfter(agent, response.headers.location!)).toBe(escaped(text('es', 'callNow:placed', { code })))
  })

  it('refuses a request the representative has not claimed, dialling nobody', async () => {
    for (const claimant of [null, englishRep.username]) {
      const callback = await newRequest(claimant)
      const agent = await staffAgent(testApp.app, bilingualRep)
      const response = await pressCallNow(agent, callback.id)
      expect(response.status).toBe(303)
      expect(await noticeAfter(agent, response.headers.location!)).toBe(escaped(text('en', 'callNow:errors.notClaimedByYou')))
      await testApp.database.db.deleteFrom('callbacks').execute()
    }
    expect(api.received).toEqual([])
  })

  it('refuses a representative without a phone number', async () => {
    const callback = await newRequest(englishRep.username)
    await testApp.database.db.updateTable('staff').set({ phone: null }).where('username', '=', englishRep.username).execute()
    try {
      const agent = await staffAgent(testApp.app, englishRep)
      const response = await pressCallNow(agent, callback.id)
      expect(await noticeAfter(agent, response.headers.location!)).toBe(escaped(text('en', 'callNow:errors.noStaffPhone')))
    } finally {
      await testApp.database.db.updateTable('staff').set({ phone: englishRep.phone }).where('username', '=', englishRep.username).execute()
    }
    expect(api.received).toEqual([])
  })

  it('says the call could not be placed when Twilio refuses it, and the request stays claimed', async () => {
    const callback = await newRequest(bilingualRep.username)
    api.fail(500, 20500, 'Internal Server Error')
    const agent = await staffAgent(testApp.app, bilingualRep)
    const response = await pressCallNow(agent, callback.id)
    expect(response.status).toBe(303)
    expect(await noticeAfter(agent, response.headers.location!)).toBe(escaped(text('en', 'callNow:errors.adapterFailed')))
    expect((await services.callbacks.callbackForStaff(callback.id))?.callback.status).toBe('claimed')
  })

  it('answers 404 for a request that does not exist or an id that is not one', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    expect((await pressCallNow(agent, 999_999)).status).toBe(404)
    expect((await pressCallNow(agent, 'abc')).status).toBe(404)
    expect(api.received).toEqual([])
  })

  it('needs a staff session and the form token', async () => {
    const callback = await newRequest(bilingualRep.username)
    // A visitor holding a valid form token but no staff session goes to sign-in.
    const visitor = request.agent(testApp.app)
    const anonymous = await postFrom(visitor, consolePaths.signIn, callNowPath(callback.id))
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.location).toBe(consolePaths.signIn)
    const agent = await staffAgent(testApp.app, bilingualRep)
    const forged = await agent.post(callNowPath(callback.id)).type('form').send({ _csrf: 'forged' })
    expect(forged.status).toBe(403)
    expect(api.received).toEqual([])
  })
})

describe('Call now without outbound calling configured', () => {
  let plain: PortalTestApp
  beforeAll(async () => {
    plain = await createPortalTestApp()
  })
  afterAll(() => plain.close())

  it('tells the representative to call from their own phone', async () => {
    const participantId = await participantIdOf(plain, persona('hearing-next-week'))
    const role = await plain.database.db.selectFrom('case_roles').select('case_id').where('participant_id', '=', participantId).executeTakeFirstOrThrow()
    const plainServices = servicesOf(plain)
    const { callback } = await plainServices.callbacks.requestCallback({
      principal: { kind: 'parent', participantId },
      caseId: role.case_id,
      phone: parentPhone,
      language: 'en',
      topic: 'court',
      preferredWindow: 'morning',
      channel: 'web',
    })
    const staff = await plain.database.db.selectFrom('staff').select('id').where('username', '=', bilingualRep.username).executeTakeFirstOrThrow()
    await plainServices.callbacks.claim(callback.id, staff.id)
    const agent = await staffAgent(plain.app, bilingualRep)
    const response = await postFrom(agent, consolePaths.queue, callNowPath(callback.id))
    expect(response.status).toBe(303)
    expect(await noticeAfter(agent, response.headers.location!)).toBe(escaped(text('en', 'callNow:errors.notConfigured')))
  })
})
