import { createAlertDelivery } from '../../server/alerts/alertDelivery'
import { alertOutbox } from '../../server/alerts/alertOutbox'
import { createIdentityService } from '../../server/identity/identityService'
import { createI18n } from '../../server/i18n'
import { createLogger } from '../../server/logger'
import { createSmtpEmailMessages } from '../../server/email/smtpEmailMessages'
import { createTwilioTextMessages } from '../../server/telephony/twilioTextMessages'
import { type FakeTwilioApi, startFakeTwilioApi } from '../helpers/fakeTwilioApi'
import { type SmtpTestServer, startSmtpTestServer } from '../helpers/smtpTestServer'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { addCase, addParent, movableClock } from '../identity/identityFixtures'

// Issue 11: failed activation or reset facts never lock anyone; the parents the identifier names are told, on the
// dashboard and, where we have a mobile number or an email for them, by text and email. End to end: the identity
// service raises the alert in its transaction, the delivery worker sends it through twilio's client to a fake of the
// Messages endpoint and through SMTP to a real in-process server, in each parent's language.

describe('security notices by text and email', () => {
  let database: TestDatabase
  let twilioApi: FakeTwilioApi
  let smtp: SmtpTestServer
  let payingId: number
  let receivingId: number
  const i18n = createI18n()

  beforeAll(async () => {
    database = await createTestDatabase()
    twilioApi = await startFakeTwilioApi()
    smtp = await startSmtpTestServer()
    const caseId = await addCase(database, '340000000077')
    payingId = await addParent(
      database,
      { parId: '4000000071', ssnLast4: '1111', dateOfBirth: '1980-01-01', caseId, role: 'paying', phone: '+19165550171', email: 'paying.parent@example.com' },
      { username: 'pat.paying', password: 'Correct-Horse-1' },
    )
    receivingId = await addParent(
      database,
      { parId: '4000000072', ssnLast4: '2222', dateOfBirth: '1982-02-02', caseId, role: 'receiving', email: 'receiving.parent@example.com' },
      { username: 'rae.receiving', password: 'Battery-Staple-2' },
    )
    await database.db.updateTable('participants').set({ language: 'en' }).where('id', '=', payingId).execute()
  })
  afterAll(async () => {
    await twilioApi.close()
    await smtp.close()
    await database.close()
  })

  function delivery(clock: ReturnType<typeof movableClock>) {
    const emails = createSmtpEmailMessages({ url: smtp.url, from: 'Child Support Services <alerts@childsupport.example.gov>' })
    const worker = createAlertDelivery({
      outbox: alertOutbox(database.db, database.dialect),
      clock,
      i18n,
      logger: createLogger('silent'),
      texts: createTwilioTextMessages({ accountSid: twilioApi.accountSid, authToken: twilioApi.authToken, apiBaseUrl: twilioApi.baseUrl, from: '+19165550199' }),
      emails,
      links: { signIn: 'https://portal.example/sign-in', settings: 'https://portal.example/account/details', alertSettings: 'https://portal.example/account/alerts', requestCallback: 'https://portal.example/account/callbacks/new', agencyPhone: '(866) 555-0100' },
      textStatusCallback: null,
    })
    return { worker, close: () => emails.close() }
  }

  it('tells both parents named by a case number once, however many wrong attempts arrive at once', async () => {
    // Mid-morning in Sacramento: not quiet hours.
    const clock = movableClock('2026-05-04T17:00:00Z')
    const identity = createIdentityService({ db: database.db, clock, alertChannels: ['text', 'email'] })
    const wrong = { identifier: '340000000077', ssnLast4: '9999', dateOfBirth: '1982-02-02' }
    const answers = await Promise.all(Array.from({ length: 20 }, () => identity.setCredentials(wrong, { password: 'Guessing-Passphrase-1' })))
    expect(answers.every((answer) => answer.outcome === 'rejected')).toBe(true)

    const { worker, close } = delivery(clock)
    const round = await worker.deliverDue()
    close()
    // The paying parent has a mobile and an email; the receiving parent only an email.
    expect(round).toEqual({ sent: 3, held: 0, retried: 0, failed: 0, stopped: 0 })
    expect(await worker.deliverDue()).toEqual({ sent: 0, held: 0, retried: 0, failed: 0, stopped: 0 })

    expect(twilioApi.receivedMessages).toHaveLength(1)
    const text = twilioApi.receivedMessages[0]!.fields
    expect(text).toMatchObject({ To: '+19165550171', From: '+19165550199' })
    expect(text.Body).toBe(
      'Child support: someone tried to set up or reset your online account with details that did not match. If it was not you, call (866) 555-0100. Reply STOP to end texts.',
    )

    const byAddress = new Map(smtp.received.map((email) => [email.envelopeTo[0], email.mail]))
    expect([...byAddress.keys()].sort()).toEqual(['paying.parent@example.com', 'receiving.parent@example.com'])
    const english = byAddress.get('paying.parent@example.com')!
    expect(english.subject).toBe('Someone tried to get into your child support account')
    expect(english.text).toContain('Nothing was changed, and your account is not locked.')
    expect(english.headers.get('list')).toMatchObject({ unsubscribe: { url: 'https://portal.example/account/details' } })
    const spanish = byAddress.get('receiving.parent@example.com')!
    expect(spanish.subject).toBe('Alguien trató de entrar a su cuenta de manutención de menores')
    expect(spanish.text).toContain('No se cambió nada y su cuenta no está bloqueada.')
    expect(spanish.headers.get('content-language')).toBe('es')

    // The dashboard notice still counts every attempt.
    const notices = await identity.securityNotices(receivingId, clock.now().toISOString())
    expect(notices).toMatchObject([{ attempts: 20 }])
  })

  it('says nothing that names anyone or any amount in a text or a subject', async () => {
    for (const email of smtp.received) {
      expect(email.mail.subject).not.toMatch(/\$|\d{4}|Test|4000000/)
    }
    for (const text of twilioApi.receivedMessages) expect(text.fields.Body).not.toMatch(/\$|Test|4000000|340000000077/)
  })
})
