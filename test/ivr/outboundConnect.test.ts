import request from 'supertest'
import twilio from 'twilio'

import { fixedClock } from '../../server/clock'
import { outboundConnectPath } from '../../ivr/paths'
import { oneByOne } from '../../ivr/spokenFormats'
import { bilingualRep, englishRep } from '../console/consoleTestApp'
import { persona } from './helpers/callSteps'
import { createPhoneTestApp, officeOpen, type PhoneTestApp } from './helpers/phoneTestApp'
import { newCallSid, signedPost } from './helpers/simulatedCall'
import { twimlProblems } from './helpers/twimlAllowList'
import { text } from '../portal/portalTestApp'

// The webhook a representative's phone fetches on answering a "Call now": signed by Twilio like every /ivr request,
// it puts them through to the parent only while the request is still theirs.

let phone: PhoneTestApp
beforeAll(async () => {
  phone = await createPhoneTestApp({ clock: fixedClock(officeOpen) })
})
afterAll(() => phone.close())

const parentPhone = '+19165550188'
const staffIdOf = async (username: string) =>
  (await phone.database.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id

/** A new request from a demo parent on one of their cases, claimed by `username` unless told otherwise. */
async function requestClaimedBy(username: string | null, language: 'en' | 'es') {
  const participantId = await phone.participantIdOf(persona('hearing-next-week').phone.parId)
  const role = await phone.database.db.selectFrom('case_roles').select('case_id').where('participant_id', '=', participantId).executeTakeFirstOrThrow()
  const { callback } = await phone.services.callbacks.requestCallback({
    principal: { kind: 'parent', participantId },
    caseId: role.case_id,
    phone: parentPhone,
    language,
    topic: language === 'en' ? 'payments' : 'court',
    preferredWindow: 'morning',
    channel: 'web',
  })
  if (username) expect((await phone.services.callbacks.claim(callback.id, await staffIdOf(username))).ok).toBe(true)
  return callback
}

const answered = () => ({ CallSid: newCallSid(), AccountSid: 'AC' + '0'.repeat(32), From: '+19165550199', To: '+19165550171', CallStatus: 'in-progress', Direction: 'outbound-api' })

afterEach(async () => {
  await phone.database.db.deleteFrom('callback_attempts').execute()
  await phone.database.db.deleteFrom('callbacks').execute()
})

describe('the outbound connect webhook', () => {
  it("tells the representative which request it is, then dials the parent showing the agency's caller ID", async () => {
    const callback = await requestClaimedBy(englishRep.username, 'en')
    const path = outboundConnectPath(callback.id, await staffIdOf(englishRep.username))
    const response = await signedPost(phone.app, phone.config, path, answered())
    expect(response.status).toBe(200)
    expect(response.type).toBe('text/xml')
    expect(twimlProblems(response.text)).toEqual([])
    const connecting = text('en', 'ivr:outbound.connecting', { code: oneByOne(callback.confirmationCode) })
    expect(connecting).toMatch(/^Connecting you to the parent for request [A-Z0-9] [A-Z0-9] [A-Z0-9] [A-Z0-9] [A-Z0-9] [A-Z0-9]\.$/)
    expect(response.text).toContain(`<Say voice="Polly.Joanna" language="en-US">${connecting}</Say>`)
    expect(response.text).toContain(`<Dial callerId="${phone.config.agency.callerId}" timeout="30"><Number>${parentPhone}</Number></Dial>`)
    expect(response.text.indexOf('<Say')).toBeLessThan(response.text.indexOf('<Dial'))
    expect(response.text).toMatch(/<\/Dial><Say[^>]*>[^<]+<\/Say><Hangup\/><\/Response>$/)
  })

  it("speaks Spanish to a bilingual representative on a Spanish request", async () => {
    const callback = await requestClaimedBy(bilingualRep.username, 'es')
    const response = await signedPost(phone.app, phone.config, outboundConnectPath(callback.id, await staffIdOf(bilingualRep.username)), answered())
    expect(response.status).toBe(200)
    const connecting = text('es', 'ivr:outbound.connecting', { code: oneByOne(callback.confirmationCode) })
    expect(response.text).toContain(`<Say voice="Polly.Lupe" language="es-US">${connecting}</Say>`)
    expect(response.text).toContain(`<Number>${parentPhone}</Number>`)
  })

  it('hangs up politely, dialling nobody, when the request is no longer claimed by that representative', async () => {
    const callback = await requestClaimedBy(englishRep.username, 'en')
    const staffId = await staffIdOf(englishRep.username)
    await phone.services.callbacks.release(callback.id, staffId)
    const response = await signedPost(phone.app, phone.config, outboundConnectPath(callback.id, staffId), answered())
    expect(response.status).toBe(200)
    expect(twimlProblems(response.text)).toEqual([])
    expect(response.text).toContain(`<Say voice="Polly.Joanna" language="en-US">${text('en', 'ivr:outbound.notClaimed')}</Say><Hangup/>`)
    expect(response.text).not.toContain('<Dial')
    expect(response.text).not.toContain(parentPhone)

    // Claimed since by someone else: the first representative's late answer still connects nobody.
    await phone.services.callbacks.claim(callback.id, await staffIdOf(bilingualRep.username))
    const late = await signedPost(phone.app, phone.config, outboundConnectPath(callback.id, staffId), answered())
    expect(late.text).not.toContain('<Dial')
  })

  it('refuses a request signed with another token, or for another staff member, with 403', async () => {
    const callback = await requestClaimedBy(englishRep.username, 'en')
    const path = outboundConnectPath(callback.id, await staffIdOf(englishRep.username))
    const body = answered()
    const forged = twilio.getExpectedTwilioSignature('not-the-token', phone.config.publicBaseUrl + path, body)
    const response = await request(phone.app).post(path).type('form').set('X-Twilio-Signature', forged).send(body)
    expect(response.status).toBe(403)
    expect(response.text).not.toContain(parentPhone)

    // A genuine signature for one representative's URL does not open another's.
    const genuine = twilio.getExpectedTwilioSignature(phone.config.twilio.authToken, phone.config.publicBaseUrl + path, body)
    const otherPath = outboundConnectPath(callback.id, await staffIdOf(bilingualRep.username))
    const replayed = await request(phone.app).post(otherPath).type('form').set('X-Twilio-Signature', genuine).send(body)
    expect(replayed.status).toBe(403)
  })

  it('answers 404 to a signed request for a malformed id', async () => {
    const response = await signedPost(phone.app, phone.config, '/ivr/outbound/connect/abc/1', answered())
    expect(response.status).toBe(404)
  })
})
