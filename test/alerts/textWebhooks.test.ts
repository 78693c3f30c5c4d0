import { randomBytes } from 'node:crypto'

import request from 'supertest'

import { alertOutbox, enqueueAlert } from '../../server/alerts/alertOutbox'
import { createAlertDelivery } from '../../server/alerts/alertDelivery'
import { keywordOf } from '../../server/alerts/textKeywords'
import { fixedClock } from '../../server/clock'
import { createI18n, translatorFor } from '../../server/i18n'
import { createLogger } from '../../server/logger'
import { createTestApp, type TestApp } from '../helpers/testApp'
import { addCase, addParent } from '../identity/identityFixtures'
import { signedPost } from '../ivr/helpers/simulatedCall'

// What a parent texts back, through the signed inbound-message webhook: STOP and PARA end every text at once and are
// recorded, START and COMENZAR resume them, HELP and AYUDA say where to go, in the language of the word or of the
// parent. And Twilio's status callbacks for the texts we sent.

const i18n = createI18n()
const en = translatorFor(i18n, 'en')
const es = translatorFor(i18n, 'es')
const spanishMobile = '+19165550191'
const englishMobile = '+19165550192'
const links = { agencyPhone: '(866) 555-0100', signInUrl: 'http://localhost:3000/sign-in' }

let testApp: TestApp
beforeAll(async () => {
  testApp = await createTestApp({ env: { PORT: '3000' } })
  const caseId = await addCase(testApp.database, '340000000099')
  await addParent(testApp.database, { parId: '4000000091', ssnLast4: '1111', dateOfBirth: '1980-01-01', caseId, role: 'paying', phone: spanishMobile })
  const english = await addParent(testApp.database, { parId: '4000000092', ssnLast4: '2222', dateOfBirth: '1981-01-01', caseId, role: 'receiving', phone: englishMobile })
  await testApp.database.db.updateTable('participants').set({ language: 'en' }).where('id', '=', english).execute()
})
afterAll(() => testApp.close())
beforeEach(async () => {
  await testApp.database.db.deleteFrom('text_opt_outs').execute()
})

const messageSid = () => `SM${randomBytes(16).toString('hex')}`
const inbound = (from: string, body: string, sid = messageSid()) =>
  signedPost(testApp.app, testApp.config, '/texts/inbound', { MessageSid: sid, AccountSid: 'AC' + '0'.repeat(32), From: from, To: '+19165550199', Body: body })
const repliedText = (xml: string) => /<Message>([\s\S]*)<\/Message>/.exec(xml)?.[1]?.replace(/&apos;/g, "'") ?? null
const optOuts = () => testApp.database.db.selectFrom('text_opt_outs').select(['phone', 'keyword']).execute()

describe('the inbound text webhook', () => {
  it('refuses an unsigned request and records nothing', async () => {
    const response = await request(testApp.app).post('/texts/inbound').type('form').send({ MessageSid: messageSid(), From: englishMobile, Body: 'STOP' })
    expect(response.status).toBe(403)
    expect(await optOuts()).toEqual([])
  })

  it('ends texts on STOP at once, and the delivery worker then sends none to that number', async () => {
    const response = await inbound(englishMobile, 'stop')
    expect(response.status).toBe(200)
    expect(response.type).toBe('text/xml')
    expect(repliedText(response.text)).toBe(en('alerts:replies.stop'))
    expect(await optOuts()).toEqual([{ phone: englishMobile, keyword: 'STOP' }])
    const events = await testApp.database.db.selectFrom('text_keyword_events').select(['phone', 'keyword', 'action']).where('phone', '=', englishMobile).execute()
    expect(events).toContainEqual({ phone: englishMobile, keyword: 'STOP', action: 'stop' })

    const clock = fixedClock('2026-05-04T17:00:00Z')
    const participant = await testApp.database.db.selectFrom('participants').select('id').where('phone_mobile', '=', englishMobile).executeTakeFirstOrThrow()
    await enqueueAlert(
      testApp.database.db,
      { participantId: participant.id, channel: 'text', kind: 'security_notice', language: 'en', destination: englishMobile, details: {}, dedupeKey: `stop-test:${messageSid()}` },
      clock.now(),
    )
    const sent: string[] = []
    const worker = createAlertDelivery({
      outbox: alertOutbox(testApp.database.db, testApp.database.dialect),
      clock,
      i18n,
      logger: createLogger('silent'),
      texts: { send: async (m) => (sent.push(m.to), { providerId: 'SM' + '1'.repeat(32) }) },
      emails: null,
      links: { signIn: links.signInUrl, settings: 'http://localhost:3000/account/details', alertSettings: 'http://localhost:3000/account/alerts', requestCallback: 'http://localhost:3000/account/callbacks/new', agencyPhone: links.agencyPhone },
      textStatusCallback: null,
    })
    expect(await worker.deliverDue()).toMatchObject({ sent: 0, stopped: 1 })
    expect(sent).toEqual([])
  })

  it('answers PARA in Spanish and STOP in the parent’s own language', async () => {
    expect(repliedText((await inbound(englishMobile, 'PARA')).text)).toBe(es('alerts:replies.stop'))
    expect(repliedText((await inbound(spanishMobile, 'Stop.')).text)).toBe(es('alerts:replies.stop'))
    expect((await optOuts()).map((o) => o.phone).sort()).toEqual([spanishMobile, englishMobile])
  })

  it('resumes texts on START or COMENZAR', async () => {
    await inbound(englishMobile, 'STOP')
    await inbound(spanishMobile, 'PARA')
    expect(repliedText((await inbound(englishMobile, 'Start')).text)).toBe(en('alerts:replies.start'))
    expect(repliedText((await inbound(spanishMobile, 'comenzar')).text)).toBe(es('alerts:replies.start'))
    expect(await optOuts()).toEqual([])
  })

  it('says who we are and where to go on HELP or AYUDA, and on anything else, without reading it', async () => {
    expect(repliedText((await inbound(englishMobile, 'HELP')).text)).toBe(en('alerts:replies.help', links))
    expect(repliedText((await inbound(englishMobile, '¡Ayuda!')).text)).toBe(es('alerts:replies.help', links))
    expect(repliedText((await inbound(spanishMobile, '¿cuándo llega mi pago?')).text)).toBe(es('alerts:replies.other', links))
    expect(repliedText((await inbound('+19165550100', 'when is my payment')).text)).toBe(en('alerts:replies.other', links))
    expect(await optOuts()).toEqual([])
  })

  it('records a message Twilio delivers twice once', async () => {
    const sid = messageSid()
    await inbound(englishMobile, 'STOP', sid)
    // The same message again, signed anew as Twilio would on a retry (a different URL query keeps the signature new).
    const again = await signedPost(testApp.app, testApp.config, '/texts/inbound?retry=1', {
      MessageSid: sid, AccountSid: 'AC' + '0'.repeat(32), From: englishMobile, To: '+19165550199', Body: 'STOP',
    })
    expect(again.status).toBe(200)
    const events = await testApp.database.db.selectFrom('text_keyword_events').select('id').where('message_sid', '=', sid).execute()
    expect(events).toHaveLength(1)
  })

  it('refuses a request without a valid sender or message SID (400), changing nothing', async () => {
    expect((await inbound('not-a-number', 'STOP')).status).toBe(400)
    expect((await inbound(englishMobile, 'STOP', 'SMnot-a-sid')).status).toBe(400)
    expect(await optOuts()).toEqual([])
  })
})

describe('the text status callback', () => {
  it('keeps Twilio’s last word on a text we sent, and ignores one we never sent', async () => {
    const participant = await testApp.database.db.selectFrom('participants').select('id').where('phone_mobile', '=', englishMobile).executeTakeFirstOrThrow()
    const sid = messageSid()
    await enqueueAlert(
      testApp.database.db,
      { participantId: participant.id, channel: 'text', kind: 'security_notice', language: 'en', destination: englishMobile, details: {}, dedupeKey: `status-test:${sid}` },
      new Date(),
    )
    await testApp.database.db.updateTable('alert_outbox').set({ status: 'sent', provider_id: sid }).where('dedupe_key', '=', `status-test:${sid}`).execute()

    const status = (MessageSid: string, MessageStatus: string) =>
      signedPost(testApp.app, testApp.config, '/texts/status', { MessageSid, MessageStatus, AccountSid: 'AC' + '0'.repeat(32), ErrorCode: '' })
    expect((await status(sid, 'delivered')).status).toBe(204)
    const row = await testApp.database.db.selectFrom('alert_outbox').select('delivery_status').where('provider_id', '=', sid).executeTakeFirstOrThrow()
    expect(row.delivery_status).toBe('delivered')
    expect((await status(messageSid(), 'failed')).status).toBe(204)
    expect((await status(sid, 'exploded')).status).toBe(400)
  })
})

describe('the keywords', () => {
  it.each([
    ['STOP', 'stop'], ['stop', 'stop'], [' Stop. ', 'stop'], ['UNSUBSCRIBE', 'stop'], ['PARA', 'stop'], ['para', 'stop'],
    ['START', 'start'], ['COMENZAR', 'start'], ['HELP', 'help'], ['AYUDA', 'help'], ['¡ayuda!', 'help'], ['Ayúda', 'help'],
    // FCC 24-24: these words revoke consent wherever they stand in a reply.
    ['stop sending me these', 'stop'], ['Please unsubscribe me', 'stop'], ['I want to opt out.', 'stop'], ['STOP STOP', 'stop'],
  ])('%j is %s', (body, action) => {
    expect(keywordOf(body)?.action).toBe(action)
  })

  it.each(['please help', 'para qué', 'when does my case end', 'can I cancel my hearing', 'stopped', ''])('%j is not a keyword', (body) => {
    expect(keywordOf(body)).toBeNull()
  })
})
