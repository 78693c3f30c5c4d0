import { createHash } from 'node:crypto'

import fc from 'fast-check'
import type { Kysely } from 'kysely'
import request from 'supertest'
import twilio from 'twilio'

import { stepNames } from '../../ivr/flowState'
import { parseXml } from '../../ivr/simulator/twimlDocument'
import { consolePathTo, consolePaths } from '../../server/console/paths'
import type { Database } from '../../server/db/schema'
import { pathTo, portalPaths } from '../../server/portal/paths'
import { bilingualRep, staffAgent, supervisor } from '../console/consoleTestApp'
import { newCallSid } from '../ivr/helpers/simulatedCall'
import { type Agent, createPortalTestApp, csrfTokenIn, participantIdOf, persona, type PortalTestApp, servicesOf, signedInAgent } from '../portal/portalTestApp'

// Property-based fuzz of every form of the portal and the console, of every /ivr and /texts webhook and of the
// intake API, through one app over the demo data. Whatever is sent: never a 5xx; a rejected request (4xx) changes
// none of the tables the form could change; a generated marker tag never comes back unescaped in HTML, and TwiML
// stays well-formed XML; a body over the limit gets 413. The figures (inputs sent, 5xx seen) are printed at the end for the record (issue 11).

const marker = '<x-fuzz>'
const intakeToken = 'fuzz-intake-token-0123456789abcdefghijkl'
// Runs split by what an input costs: forms that hash a password or replay a ledger get fewer, the phone webhooks (the
// cheapest, and the most varied paths) the most; the text-message webhooks and the intake API 600 each.
const runs = { heavyForm: 100, form: 300, ivr: 7_000, tooLarge: 40, texts: 600, intake: 600 }
// CI replays one fixed seed, so a red run can be reproduced exactly (FUZZ_SEED=n replays any run, the seed is printed
// with the figures); a run on a developer's machine explores fresh inputs each time.
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? 20_261_202 : Date.now() % 2 ** 31

const edgeValues = [
  '', ' ', '0', '-1', '1e308', '99999999999999999999', '2147483648', '0.001', '$1,000.00', '2026-02-30', '2026-13-01', '1900-01-01',
  'NaN', 'true', 'null', 'undefined', '[]', '{}', 'en', 'es', 'fr', 'all', 'payments', 'license', 'asap', 'morning',
  'none', 'monthly', 'months', 'no_answer', 'resolved', '(916) 555-0150', '+19165550150', '4010000101', '340010120417',
  '<script>alert(1)</script>', '"><x-fuzz>', "'><x-fuzz>", '&amp;', '&#x3C;x-fuzz&#x3E;', '%00', '\u0000', '\u202e',
  'ñandú', '٣٤٥', '𝟘𝟙', '\r\n', '../../etc/passwd', "' or 1=1 --", 'a'.repeat(5000),
]

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 4, arbitrary: fc.constantFrom(...edgeValues) },
  { weight: 3, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}${marker}${b}`) },
  { weight: 1, arbitrary: fc.integer().map(String) },
)

/** A form body: each known field absent, once or repeated, plus now and then a field nobody asked for. */
function formBody(fields: readonly string[]) {
  const field = (name: string) => fc.option(fc.array(text, { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 4 }).map((values) => [name, values] as const)
  return fc
    .tuple(fc.tuple(...fields.map(field)), fc.option(fc.tuple(fc.constantFrom('_method', 'constructor', '__proto__', 'extra', 'caseId[]'), text)))
    .map(([known, extra]) => {
      const body = new URLSearchParams()
      for (const [name, values] of known) for (const value of values ?? []) body.append(name, value)
      if (extra) body.append(extra[0], extra[1])
      return body
    })
}

type Who = 'visitor' | 'parent' | 'rep' | 'supervisor'

interface FormTarget {
  name: string
  /** Hashes a password or replays a ledger on every input. */
  heavy?: boolean
  method: 'GET' | 'POST'
  path: () => string
  who: Who
  fields: readonly string[]
}

const identityFacts = ['identifier', 'ssnLast4', 'dateOfBirthMonth', 'dateOfBirthDay', 'dateOfBirthYear'] as const

async function tableDigest(db: Kysely<Database>): Promise<string> {
  const tables = await Promise.all([
    db.selectFrom('participants').selectAll().orderBy('id').execute(),
    // The lockout counters move on a failed guess by design; what a form could change is everything else.
    db.selectFrom('accounts').select(['participant_id', 'username', 'password_hash', 'pin_hash']).orderBy('participant_id').execute(),
    db.selectFrom('callbacks').selectAll().orderBy('id').execute(),
    db.selectFrom('callback_attempts').selectAll().orderBy('id').execute(),
    db.selectFrom('calls').selectAll().orderBy('call_sid').execute(),
    db.selectFrom('message_threads').selectAll().orderBy('id').execute(),
    db.selectFrom('message_posts').selectAll().orderBy('id').execute(),
  ])
  return createHash('sha256').update(JSON.stringify(tables)).digest('hex')
}

describe('fuzzing every form and every phone webhook', () => {
  let testApp: PortalTestApp
  const agents = {} as Record<Who, Agent>
  const tokens = {} as Record<Who, string>
  let caseId = 0
  let claimedCallbackId = 0
  let ownThreadId = 0
  const figures = { inputs: 0, serverErrors: 0 }

  beforeAll(async () => {
    testApp = await createPortalTestApp({ env: { INTAKE_TOKENS: `casesystem=${intakeToken}` } })
    agents.visitor = request.agent(testApp.app)
    tokens.visitor = csrfTokenIn((await agents.visitor.get(portalPaths.signIn).expect(200)).text)
    agents.parent = await signedInAgent(testApp.app, persona('current-payer'))
    tokens.parent = csrfTokenIn((await agents.parent.get(portalPaths.details).expect(200)).text)
    agents.rep = await staffAgent(testApp.app, bilingualRep)
    tokens.rep = csrfTokenIn((await agents.rep.get(consolePaths.queue).expect(200)).text)
    agents.supervisor = await staffAgent(testApp.app, supervisor)
    tokens.supervisor = csrfTokenIn((await agents.supervisor.get(consolePaths.queue).expect(200)).text)
    const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, persona('current-payer')) }
    caseId = (await servicesOf(testApp).cases.listCaseSummaries(principal, 'web'))[0]!.caseId
    // A request of the parent's own, claimed by the representative: the call to record is on it.
    const asked = { _csrf: tokens.parent, caseId: 'none', topic: 'payments', phone: '(916) 555-0150', window: 'morning', language: 'en' }
    await agents.parent.post(portalPaths.requestCallback).type('form').send(asked).expect(303)
    claimedCallbackId = (await testApp.database.db.selectFrom('callbacks').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id
    await agents.rep.post(consolePathTo('claim', { callbackId: claimedCallbackId })).type('form').send({ _csrf: tokens.rep }).expect(303)
    // A thread of the parent's own, to write again on.
    await agents.parent.post(portalPaths.newMessage).type('form').send({ _csrf: tokens.parent, caseId: 'none', topic: 'other', body: 'A question' }).expect(303)
    ownThreadId = (await testApp.database.db.selectFrom('message_threads').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id
  }, 120_000)
  afterAll(async () => {
    process.stdout.write(`input fuzz (seed ${seed}): ${figures.inputs} generated inputs sent, ${figures.serverErrors} answered 5xx\n`)
    await testApp.close()
  })

  const forms: FormTarget[] = [
    { name: 'portal sign-in', heavy: true, method: 'POST', path: () => portalPaths.signIn, who: 'visitor', fields: ['username', 'password'] },
    { name: 'activate', heavy: true, method: 'POST', path: () => portalPaths.activate, who: 'visitor', fields: [...identityFacts, 'username', 'password', 'passwordConfirm', 'pin', 'pinConfirm'] },
    { name: 'reset', heavy: true, method: 'POST', path: () => portalPaths.reset, who: 'visitor', fields: [...identityFacts, 'password', 'passwordConfirm', 'pin', 'pinConfirm'] },
    { name: 'details', method: 'POST', path: () => portalPaths.details, who: 'parent', fields: ['addressLine1', 'addressLine2', 'city', 'state', 'postalCode', 'phonePrimary', 'phoneMobile', 'email', 'employerName', 'language'] },
    { name: 'callback request', method: 'POST', path: () => portalPaths.requestCallback, who: 'parent', fields: ['caseId', 'topic', 'phone', 'window', 'language'] },
    { name: 'new message', method: 'POST', path: () => portalPaths.newMessage, who: 'parent', fields: ['caseId', 'topic', 'body'] },
    { name: 'write again on a thread', method: 'POST', path: () => pathTo('replyToThread', { threadId: ownThreadId }), who: 'parent', fields: ['body'] },
    { name: 'payoff calculator', method: 'GET', path: () => portalPaths.payoffCalculator, who: 'visitor', fields: ['principal', 'interest', 'rate', 'plan', 'payment', 'months'] },
    { name: "a case's payoff calculator", heavy: true, method: 'GET', path: () => pathTo('casePayoffCalculator', { caseId }), who: 'parent', fields: ['plan', 'payment', 'months'] },
    { name: 'payments filters', heavy: true, method: 'GET', path: () => pathTo('payments', { caseId }), who: 'parent', fields: ['year', 'page'] },
    { name: 'payments CSV filters', heavy: true, method: 'GET', path: () => pathTo('paymentsCsv', { caseId }), who: 'parent', fields: ['year', 'page'] },
    { name: 'console sign-in', heavy: true, method: 'POST', path: () => consolePaths.signIn, who: 'visitor', fields: ['username', 'password'] },
    { name: 'queue filters', method: 'GET', path: () => consolePaths.queue, who: 'rep', fields: ['language', 'topic'] },
    { name: 'take the next request', method: 'POST', path: () => consolePaths.claimNext, who: 'rep', fields: ['language', 'topic'] },
    { name: 'record a call', method: 'POST', path: () => consolePathTo('attempt', { callbackId: claimedCallbackId }), who: 'rep', fields: ['outcome', 'note'] },
    { name: 'case search', method: 'GET', path: () => consolePaths.caseSearch, who: 'rep', fields: ['q'] },
    { name: 'dashboard period', method: 'GET', path: () => consolePaths.dashboard, who: 'supervisor', fields: ['from', 'to'] },
  ]

  async function send(target: FormTarget, body: URLSearchParams) {
    const agent = agents[target.who]
    if (target.method === 'GET') return agent.get(`${target.path()}?${body}`)
    body.set('_csrf', tokens[target.who])
    return agent.post(target.path()).type('form').send(body.toString())
  }

  it.each(forms.map((f) => [f.name, f] as const))('%s: never a 5xx, nothing changed when refused, every echo escaped', async (_name, target) => {
    await fc.assert(
      fc.asyncProperty(formBody(target.fields), async (body) => {
        const before = await tableDigest(testApp.database.db)
        const response = await send(target, body)
        figures.inputs += 1
        if (response.status >= 500) figures.serverErrors += 1
        expect(response.status).toBeLessThan(500)
        if (response.status >= 400) expect(await tableDigest(testApp.database.db)).toBe(before)
        if (/html/.test(String(response.headers['content-type']))) expect(response.text).not.toContain(marker)
      }),
      { seed, numRuns: target.heavy ? runs.heavyForm : runs.form },
    )
  }, 600_000)

  const ivrPaths = ['/ivr/voice', '/ivr/status', ...stepNames.map((step) => `/ivr/step/${step}`), '/ivr/outbound/connect/1/1', '/ivr/outbound/connect/0/x', '/ivr/outbound/connect/2147483648/1']
  const liveCalls = Array.from({ length: 6 }, newCallSid)
  const ivrParam = fc.option(text, { nil: undefined, freq: 2 })
  const webhook = fc.record({
    path: fc.constantFrom(...ivrPaths),
    query: fc.option(fc.constantFrom('?n=abcdefgh', '?n=', '?turn=1&x=<x-fuzz>'), { nil: '' }),
    callSid: fc.oneof(fc.constantFrom(...liveCalls), fc.constant(undefined), text),
    params: fc.record({ From: ivrParam, Digits: ivrParam, SpeechResult: ivrParam, Confidence: ivrParam, DialCallStatus: ivrParam, CallStatus: ivrParam, CallDuration: ivrParam }),
  })

  it('every /ivr webhook, signed with the auth token: never a 5xx, nothing changed when refused, TwiML well-formed', async () => {
    const { authToken } = testApp.config.twilio
    await fc.assert(
      fc.asyncProperty(webhook, fc.nat(), async ({ path, query, callSid, params }, nonce) => {
        const body: Record<string, string> = { AccountSid: 'AC00000000000000000000000000000000', To: '+18665550100', Nonce: String(nonce) }
        if (callSid !== undefined) body.CallSid = callSid
        for (const [name, value] of Object.entries(params)) if (value !== undefined) body[name] = value
        const url = `${path}${query}`
        const signature = twilio.getExpectedTwilioSignature(authToken, testApp.config.publicBaseUrl + url, body)
        const before = await tableDigest(testApp.database.db)
        const response = await request(testApp.app).post(url).type('form').set('X-Twilio-Signature', signature).send(new URLSearchParams(body).toString())
        figures.inputs += 1
        if (response.status >= 500) figures.serverErrors += 1
        expect(response.status).toBeLessThan(500)
        if (response.status >= 400) expect(await tableDigest(testApp.database.db)).toBe(before)
        if (response.status === 200) {
          expect(response.headers['content-type']).toMatch(/^text\/xml/)
          expect(() => parseXml(response.text)).not.toThrow()
          expect(response.text).not.toContain(marker)
        }
      }),
      { seed, numRuns: runs.ivr },
    )
  }, 900_000)

  const textParam = fc.option(text, { nil: undefined, freq: 3 })
  const textWebhook = fc.record({
    path: fc.constantFrom('/texts/inbound', '/texts/status', '/texts/other'),
    params: fc.record({
      MessageSid: fc.oneof(fc.constant(`SM${'a'.repeat(32)}`), fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => `SM${Buffer.from(bytes).toString('hex')}`), text),
      From: fc.oneof(fc.constantFrom('+19165550101', '+19165550150', '+442071838750'), text),
      Body: fc.oneof(fc.constantFrom('STOP', 'start', 'AYUDA', 'para', 'stop sending me these', 'help'), text),
      MessageStatus: fc.oneof(fc.constantFrom('delivered', 'failed', 'undelivered'), text),
      ErrorCode: textParam,
    }),
  })

  it('every /texts webhook, signed: never a 5xx, TwiML well-formed, nothing echoed', async () => {
    const { authToken } = testApp.config.twilio
    await fc.assert(
      fc.asyncProperty(textWebhook, fc.nat(), async ({ path, params }, nonce) => {
        const body: Record<string, string> = { AccountSid: 'AC00000000000000000000000000000000', To: '+19165550199', Nonce: String(nonce) }
        for (const [name, value] of Object.entries(params)) if (value !== undefined) body[name] = value
        const signature = twilio.getExpectedTwilioSignature(authToken, testApp.config.publicBaseUrl + path, body)
        const response = await request(testApp.app).post(path).type('form').set('X-Twilio-Signature', signature).send(new URLSearchParams(body).toString())
        figures.inputs += 1
        if (response.status >= 500) figures.serverErrors += 1
        expect(response.status).toBeLessThan(500)
        if (response.status === 200) {
          expect(response.headers['content-type']).toMatch(/^text\/xml/)
          expect(() => parseXml(response.text)).not.toThrow()
          expect(response.text).not.toContain(marker)
        }
      }),
      { seed, numRuns: runs.texts },
    )
    await testApp.database.db.deleteFrom('text_opt_outs').execute()
  }, 300_000)

  const intakeValue = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 2 }))
  const intakeDocument = fc.record(
    {
      type: fc.oneof(fc.constantFrom('payment', 'payout', 'charge', 'adjustment', 'event'), text),
      id: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), intakeValue),
      caseNumber: fc.oneof(fc.constantFrom('340010120417', '349999999999'), intakeValue),
      postedOn: fc.oneof(fc.constantFrom('2026-01-05', '2026-02-30'), intakeValue),
      paidOn: fc.oneof(fc.constant('2026-01-06'), intakeValue),
      dueOn: fc.oneof(fc.constant('2026-01-01'), intakeValue),
      amountCents: fc.oneof(fc.integer({ min: -1_000, max: 1_000_000 }), intakeValue),
      method: fc.oneof(fc.constantFrom('sdu_online', 'direct_deposit', 'mail'), intakeValue),
      owedTo: fc.oneof(fc.constantFrom('family', 'state'), intakeValue),
      orderKind: fc.oneof(fc.constant('child'), intakeValue),
      reason: fc.oneof(fc.constant('court_credit'), intakeValue),
      kind: fc.oneof(fc.constantFrom('hearing', 'document_request'), intakeValue),
      scheduledFor: fc.oneof(fc.constantFrom('2027-01-15T17:30:00Z', '2027-01-15'), intakeValue),
      topic: fc.oneof(fc.constant('Review'), intakeValue),
      status: fc.oneof(fc.constantFrom('scheduled', 'requested'), intakeValue),
      paymentId: intakeValue,
      parId: fc.oneof(fc.constant('4010000101'), intakeValue),
    },
    { requiredKeys: ['type'] },
  )

  it('the intake API: never a 5xx, every document taken, unchanged or refused with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(intakeDocument, fc.record({ documents: fc.array(intakeDocument, { minLength: 1, maxLength: 3 }) }), intakeValue), async (body) => {
        const response = await request(testApp.app).post('/intake/v1/documents').set('Authorization', `Bearer ${intakeToken}`).type('json').send(JSON.stringify(body))
        figures.inputs += 1
        if (response.status >= 500) figures.serverErrors += 1
        expect(response.status).toBeLessThan(500)
        expect(response.headers['content-type']).toMatch(/^application\/json/)
        if (response.status === 200 || response.status === 422) {
          for (const result of response.body.results) {
            expect(['taken', 'unchanged', 'refused']).toContain(result.outcome)
            if (result.outcome === 'refused') expect(typeof result.reason).toBe('string')
          }
        }
      }),
      { seed, numRuns: runs.intake },
    )
  }, 300_000)

  it('answers 413 to a body over the limit, on every form and webhook, and changes nothing', async () => {
    const targets = [...forms.filter((f) => f.method === 'POST'), { name: 'ivr', method: 'POST', path: () => '/ivr/voice', who: 'visitor', fields: [] } as FormTarget]
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.integer({ min: 33 * 1024, max: 256 * 1024 }), async (target, size) => {
        const before = await tableDigest(testApp.database.db)
        const body = new URLSearchParams({ _csrf: tokens[target.who], note: 'x'.repeat(size) })
        const response = await agents[target.who].post(target.path()).type('form').send(body.toString())
        figures.inputs += 1
        if (response.status >= 500) figures.serverErrors += 1
        expect(response.status).toBe(413)
        expect(await tableDigest(testApp.database.db)).toBe(before)
      }),
      { seed, numRuns: runs.tooLarge },
    )
  }, 300_000)

  it('sent at least 10,000 generated inputs in all, and none answered 5xx', () => {
    expect(figures.inputs).toBeGreaterThanOrEqual(10_000)
    expect(figures.serverErrors).toBe(0)
  })
})
