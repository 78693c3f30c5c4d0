import { createAlertDelivery } from '../../server/alerts/alertDelivery'
import { createLogger } from '../../server/logger'
import { createI18n } from '../../server/i18n'
import { portalPaths } from '../../server/portal/paths'
import { type FakeTwilioApi, startFakeTwilioApi } from '../helpers/fakeTwilioApi'
import { type SmtpTestServer, startSmtpTestServer } from '../helpers/smtpTestServer'
import {
  type Agent,
  createPortalTestApp,
  escaped,
  expectFormErrors,
  participantIdOf,
  persona,
  type PortalTestApp,
  signedInAgent,
  submitForm,
  text,
  withStatus,
} from '../portal/portalTestApp'

// Issue 14: a parent turns alerts on from the portal (a code by text, a link by email, the consent words kept), and
// a payment or a payout the case system then sends through intake reaches them by text and email in their language,
// with no amount and no name; a kind turned off raises nothing; a protected parent's alert names nothing of the case.

const caseOf = { payer: '340010120417', spanishReceiver: '340010215560', protectedReceiver: '340010188024' }

describe('alert settings, from the portal to the parent’s phone and inbox', () => {
  let testApp: PortalTestApp
  let twilioApi: FakeTwilioApi
  let smtp: SmtpTestServer

  beforeAll(async () => {
    twilioApi = await startFakeTwilioApi()
    smtp = await startSmtpTestServer()
    testApp = await createPortalTestApp({
      env: {
        TWILIO_ACCOUNT_SID: twilioApi.accountSid,
        TWILIO_AUTH_TOKEN: twilioApi.authToken,
        TWILIO_API_BASE_URL: twilioApi.baseUrl,
        TWILIO_MESSAGING_FROM: '+19165550199',
        SMTP_URL: smtp.url,
      },
    })
  })
  afterAll(async () => {
    testApp.services.alertAdapters.emails?.close()
    await testApp.close()
    await twilioApi.close()
    await smtp.close()
  })

  const lastText = () => twilioApi.receivedMessages.at(-1)!.fields
  const lastEmail = () => smtp.received.at(-1)!

  async function turnOnTexts(agent: Agent, mobile: string, language: 'en' | 'es'): Promise<void> {
    const sent = twilioApi.receivedMessages.length
    withStatus(await submitForm(agent, portalPaths.alertsText, { mobile, textConsent: 'yes' }, portalPaths.alerts), 303)
    expect(twilioApi.receivedMessages).toHaveLength(sent + 1)
    const code = /\b(\d{6})\b/.exec(lastText().Body!)![1]!
    expect(lastText().Body).toBe(text(language, 'alerts:confirmation.text', { code, minutes: 10 }))
    const confirmed = withStatus(await submitForm(agent, portalPaths.alertsTextCode, { code: `${code.slice(0, 3)} ${code.slice(3)}` }, portalPaths.alerts), 303)
    expect(confirmed.headers.location).toBe(`${portalPaths.alerts}?done=textOn`)
  }

  async function turnOnEmail(agent: Agent, address: string): Promise<void> {
    withStatus(await submitForm(agent, portalPaths.alertsEmail, { email: address, emailConsent: 'yes' }, portalPaths.alerts), 303)
    const link = /(http\S+confirm-email\?token=\S+)/.exec(lastEmail().mail.text!)![1]!
    const path = new URL(link).pathname + new URL(link).search
    // Opening the link (as a mail scanner would) confirms nothing; the button does.
    const page = withStatus(await agent.get(path), 200)
    expect((await testApp.services.alertSettings.get(await idOf(agent))).email?.confirmed).toBe(false)
    const token = new URL(link).searchParams.get('token')!
    const done = withStatus(await submitForm(agent, portalPaths.confirmAlertEmail, { token }, path), 200)
    expect(page.text).toContain('name="token"')
    return void done
  }

  const agentsToIds = new Map<Agent, number>()
  const idOf = async (agent: Agent) => agentsToIds.get(agent)!

  async function signedIn(id: string, language: 'en' | 'es'): Promise<Agent> {
    const agent = await signedInAgent(testApp.app, persona(id), language)
    agentsToIds.set(agent, await participantIdOf(testApp, persona(id)))
    return agent
  }

  function deliver() {
    const adapters = testApp.services.alertAdapters
    return createAlertDelivery({
      outbox: testApp.services.alertOutbox,
      clock: testApp.clock,
      i18n: createI18n(),
      logger: createLogger('silent'),
      texts: adapters.texts,
      emails: adapters.emails,
      links: { signIn: 'https://portal.example/sign-in', settings: 'https://portal.example/account/details', alertSettings: 'https://portal.example/account/alerts', requestCallback: 'https://portal.example/account/callbacks/new', agencyPhone: '(866) 555-0100' },
      textStatusCallback: null,
    }).deliverDue()
  }

  it('refuses a number without the consent box, or one that is not a US number, keeping what was typed and texting nobody', async () => {
    const agent = await signedIn('current-payer', 'en')
    const before = twilioApi.receivedMessages.length
    const noConsent = withStatus(await submitForm(agent, portalPaths.alertsText, { mobile: '916 555 0140' }, portalPaths.alerts), 400)
    expectFormErrors(noConsent.text, 'en', { textConsent: 'portal:alerts.errors.consentRequired' })
    expect(noConsent.text).toContain('value="916 555 0140"')
    const notUs = withStatus(await submitForm(agent, portalPaths.alertsText, { mobile: '+44 20 7946 0018', textConsent: 'yes' }, portalPaths.alerts), 400)
    expectFormErrors(notUs.text, 'en', { mobile: 'portal:alerts.errors.mobileInvalid' })
    expect(twilioApi.receivedMessages).toHaveLength(before)
    expect((await testApp.services.alertSettings.get(await idOf(agent))).text).toBeNull()
  })

  it('keeps nothing of a number the carrier says cannot take texts', async () => {
    const agent = await signedIn('current-payer', 'en')
    twilioApi.fail(400, 21614, "'To' number is not a valid mobile number")
    try {
      const refused = withStatus(await submitForm(agent, portalPaths.alertsText, { mobile: '916 555 0141', textConsent: 'yes' }, portalPaths.alerts), 400)
      expectFormErrors(refused.text, 'en', { mobile: 'portal:alerts.errors.mobileCannotText' })
    } finally {
      twilioApi.succeed()
    }
    expect((await testApp.services.alertSettings.get(await idOf(agent))).text).toBeNull()
  })

  it('turns texts on only with the right code, counts wrong codes, and keeps the consent words the parent saw', async () => {
    const agent = await signedIn('current-payer', 'en')
    withStatus(await submitForm(agent, portalPaths.alertsText, { mobile: '(916) 555-0142', textConsent: 'yes' }, portalPaths.alerts), 303)
    const code = /\b(\d{6})\b/.exec(lastText().Body!)![1]!
    expect(lastText().To).toBe('+19165550142')
    const wrongCode = code === '000000' ? '111111' : '000000'
    const wrong = withStatus(await submitForm(agent, portalPaths.alertsTextCode, { code: wrongCode }, portalPaths.alerts), 400)
    expect(wrong.text).toContain(escaped(text('en', 'portal:alerts.errors.codeWrong', { tries: 5 })))
    const malformed = withStatus(await submitForm(agent, portalPaths.alertsTextCode, { code: '12ab' }, portalPaths.alerts), 400)
    expectFormErrors(malformed.text, 'en', { code: 'portal:alerts.errors.codeFormat' })
    withStatus(await submitForm(agent, portalPaths.alertsTextCode, { code }, portalPaths.alerts), 303)
    const page = withStatus(await agent.get(portalPaths.alerts), 200).text
    expect(page).toContain(escaped(text('en', 'portal:alerts.text.on', { number: '(916) 555-0142' })))
    const row = await testApp.database.db.selectFrom('alert_destinations').selectAll().where('participant_id', '=', await idOf(agent)).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ channel: 'text', destination: '+19165550142', secret_hash: null, consent_words: text('en', 'portal:alerts.text.consent', { cap: 5 }) })
    expect(row.consent_at).toBe(testApp.clock.now().toISOString())
    expect(row.confirmed_at).not.toBeNull()
  })

  it('tells the paying parent by text and email, in English, when a payment the case system sends posts; nothing about an old one', async () => {
    const agent = await signedIn('current-payer', 'en')
    await turnOnEmail(agent, 'payer.alerts@example.com')
    const take = (id: string, postedOn: string) =>
      testApp.services.intake.take('casesystem', { type: 'payment', id, caseNumber: caseOf.payer, postedOn, amountCents: 15_000, method: 'sdu_online' })
    expect(await take('PMT-ALERT-1', '2026-03-11')).toMatchObject({ outcome: 'taken' })
    expect(await take('PMT-ALERT-1', '2026-03-11')).toMatchObject({ outcome: 'unchanged' })
    expect(await take('PMT-OLD-1', '2026-01-05')).toMatchObject({ outcome: 'taken' })
    const textsBefore = twilioApi.receivedMessages.length
    const emailsBefore = smtp.received.length

    expect(await deliver()).toMatchObject({ sent: 2, failed: 0 })
    expect(twilioApi.receivedMessages).toHaveLength(textsBefore + 1)
    expect(lastText()).toMatchObject({ To: '+19165550142' })
    expect(lastText().Body).toBe(
      `${text('en', 'alerts:payment_posted.text', { caseEnding: '0417', signInUrl: 'https://portal.example/sign-in' })} ${text('en', 'alerts:textFooter')}`,
    )
    expect(smtp.received).toHaveLength(emailsBefore + 1)
    const email = lastEmail()
    expect(email.envelopeTo).toEqual(['payer.alerts@example.com'])
    expect(email.mail.subject).toBe(text('en', 'alerts:payment_posted.emailSubject'))
    expect(email.mail.headers.get('list')).toMatchObject({ unsubscribe: { url: 'https://portal.example/account/alerts' } })
    for (const words of [lastText().Body!, email.mail.subject!, email.mail.text!]) {
      expect(words).not.toMatch(/\$|150|Marcus|Hill|Stockton/)
    }
    expect(await deliver()).toMatchObject({ sent: 0 })
  })

  it('raises nothing of a kind the parent turned off, and nothing at all once texts are turned off', async () => {
    const agent = await signedIn('current-payer', 'en')
    withStatus(await submitForm(agent, portalPaths.alertsChoices, { 'kind-caseworker_reply': 'yes' }, portalPaths.alerts), 303)
    expect((await testApp.services.alertSettings.get(await idOf(agent))).choices).toMatchObject({ payment_posted: false, caseworker_reply: true })
    await testApp.services.intake.take('casesystem', { type: 'payment', id: 'PMT-ALERT-2', caseNumber: caseOf.payer, postedOn: '2026-03-11', amountCents: 5_000, method: 'mail' })
    expect(await deliver()).toMatchObject({ sent: 0 })

    const page = withStatus(await agent.get(portalPaths.alerts), 200).text
    expect(page).toMatch(/id="kind-payment_posted" type="checkbox" name="kind-payment_posted" value="yes" >/)
    expect(page).toMatch(/id="kind-caseworker_reply" type="checkbox" name="kind-caseworker_reply" value="yes" checked>/)
    withStatus(await submitForm(agent, portalPaths.alertsChoices, { 'kind-payment_posted': 'yes' }, portalPaths.alerts), 303)
    withStatus(await submitForm(agent, portalPaths.alertsTextOff, {}, portalPaths.alerts), 303)
    await testApp.services.intake.take('casesystem', { type: 'payment', id: 'PMT-ALERT-3', caseNumber: caseOf.payer, postedOn: '2026-03-11', amountCents: 5_000, method: 'mail' })
    expect(await testApp.database.db.selectFrom('alert_outbox').select('channel').where('dedupe_key', 'like', 'payment_posted:%').where('status', '=', 'pending').execute()).toEqual([
      { channel: 'email' },
    ])
    await deliver()
  })

  it("offers each parent only the kinds their side of a case can raise, and saving leaves the others' settings alone", async () => {
    const offered = (html: string) => [...html.matchAll(/name="kind-([a-z_]+)"/g)].map((m) => m[1])
    const receiver = await signedIn('spanish-speaker', 'es')
    const receiverKinds = offered(withStatus(await receiver.get(portalPaths.alerts), 200).text)
    expect(receiverKinds).toContain('money_sent')
    expect(receiverKinds.filter((kind) => ['payment_due_soon', 'payment_missing', 'payment_posted'].includes(kind!))).toEqual([])
    const payerKinds = offered(withStatus(await (await signedIn('current-payer', 'en')).get(portalPaths.alerts), 200).text)
    expect(payerKinds).toEqual(expect.arrayContaining(['payment_due_soon', 'payment_missing', 'payment_posted']))
    expect(payerKinds).not.toContain('money_sent')
    const bothKinds = offered(withStatus(await (await signedIn('both-roles', 'en')).get(portalPaths.alerts), 200).text)
    expect(bothKinds).toEqual(expect.arrayContaining(['payment_due_soon', 'money_sent']))

    // A receiver who saves with nothing ticked turns off what they were shown, and nothing they were not.
    const saver = await signedIn('fee-paying-receiver', 'en')
    withStatus(await submitForm(saver, portalPaths.alertsChoices, {}, portalPaths.alerts), 303)
    const { choices } = await testApp.services.alertSettings.get(await idOf(saver))
    expect(choices).toMatchObject({ money_sent: false, caseworker_reply: false })
    const untouched = await testApp.database.db.selectFrom('alert_choices').select('kind').where('participant_id', '=', await idOf(saver)).where('kind', 'in', ['payment_due_soon', 'payment_missing', 'payment_posted']).execute()
    expect(untouched).toEqual([])
  })

  it('tells a Spanish-speaking receiving parent in Spanish that money is on its way', async () => {
    const agent = await signedIn('spanish-speaker', 'es')
    await turnOnTexts(agent, '916 555 0143', 'es')
    await testApp.services.intake.take('casesystem', { type: 'payout', id: 'DSB-ALERT-1', caseNumber: caseOf.spanishReceiver, paidOn: '2026-03-10', amountCents: 9_000, method: 'direct_deposit' })
    expect(await deliver()).toMatchObject({ sent: 1 })
    expect(lastText()).toMatchObject({ To: '+19165550143' })
    expect(lastText().Body).toBe(
      `${text('es', 'alerts:money_sent.text', { caseEnding: '5560', signInUrl: 'https://portal.example/sign-in' })} ${text('es', 'alerts:textFooter')}`,
    )
  })

  it('tells the parent that a call back request was taken and that a message was answered, and never what it says', async () => {
    const parentId = await participantIdOf(testApp, persona('spanish-speaker'))
    const { callback } = await testApp.services.callbacks.requestCallback({
      principal: { kind: 'parent', participantId: parentId },
      participantId: parentId,
      caseId: null,
      phone: '+19165550143',
      language: 'es',
      topic: 'payments',
      preferredWindow: 'asap',
      channel: 'web',
    })
    expect(await deliver()).toMatchObject({ sent: 1 })
    expect(lastText().Body).toBe(`${text('es', 'alerts:callback_scheduled.text', { signInUrl: 'https://portal.example/sign-in' })} ${text('es', 'alerts:textFooter')}`)
    expect(lastText().Body).not.toContain(callback.confirmationCode)

    const thread = await testApp.services.messages.startThread({ participantId: parentId, caseId: null, topic: 'payments', body: '¿Cuándo llega mi pago?', language: 'es' })
    expect(await testApp.services.messages.claim(thread.id, 1)).toMatchObject({ ok: true })
    const reply = await testApp.services.messages.replyAsStaff({ threadId: thread.id, staffId: 1, body: 'Su pago llega el viernes 13.', close: true })
    expect(reply).toMatchObject({ ok: true })
    expect(await deliver()).toMatchObject({ sent: 1 })
    expect(lastText().Body).toBe(`${text('es', 'alerts:caseworker_reply.text', { signInUrl: 'https://portal.example/sign-in' })} ${text('es', 'alerts:textFooter')}`)
    expect(lastText().Body).not.toMatch(/viernes|13/)
  })

  it('names nothing of the case to a parent protected from family violence', async () => {
    const agent = await signedIn('protected-parent', 'en')
    await turnOnTexts(agent, '916 555 0144', 'en')
    await testApp.services.intake.take('casesystem', { type: 'payout', id: 'DSB-ALERT-2', caseNumber: caseOf.protectedReceiver, paidOn: '2026-03-11', amountCents: 9_000, method: 'debit_card' })
    expect(await deliver()).toMatchObject({ sent: 1 })
    expect(lastText().Body).toBe(`${text('en', 'alerts:money_sent.text_protected', { signInUrl: 'https://portal.example/sign-in' })} ${text('en', 'alerts:textFooter')}`)
    expect(lastText().Body).not.toContain('8024')
  })

  it('says a used or unknown email link does not work, and confirms nothing', async () => {
    const page = withStatus(await submitForm(await signedIn('current-payer', 'en'), portalPaths.confirmAlertEmail, { token: 'not-a-token' }, `${portalPaths.confirmAlertEmail}?token=x`), 400)
    expect(page.text).toContain(escaped(text('en', 'portal:alerts.confirmEmail.expiredHeading')))
  })
})
