import { groupedConfirmationCode } from '../../server/callbacks/confirmationCode'
import { consolePaths, consolePathTo } from '../../server/console/paths'
import { maxMessageLength } from '../../server/messages/messageInput'
import { pathTo, portalPaths } from '../../server/portal/paths'
import { formatDateTime } from '../../server/templates'
import {
  createPortalTestApp,
  escaped,
  expectFormErrors,
  participantIdOf,
  persona,
  type PortalTestApp,
  servicesOf,
  signedInAgent,
  submitForm,
  text,
  withStatus,
} from '../portal/portalTestApp'
import { bilingualRep, englishRep, postFrom, staffAgent } from './consoleTestApp'

// Messages in the representatives' queue beside callbacks: one list with filters by kind, language and topic; a
// thread's page with the writer's context; a claim, a reply in the parent's language that the parent (and nobody
// else) reads as unread, closing the item or keeping it open; every staff read audited; bad input refused.

const postsCount = async (testApp: PortalTestApp) =>
  Number((await testApp.database.db.selectFrom('message_posts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe('messages in the console queue', () => {
  let testApp: PortalTestApp
  let fvThreadId: number
  let noCaseThreadId: number
  let fvCaseId: number
  let callbackCode: string

  const threadPage = (threadId: number) => consolePathTo('message', { threadId })

  beforeAll(async () => {
    testApp = await createPortalTestApp()
    // The paying parent on the family-violence case writes in Spanish about that case.
    const writer = persona('fv-paying-parent')
    const parent = await signedInAgent(testApp.app, writer, 'es')
    const [fvCase] = await servicesOf(testApp).cases.listCaseSummaries({ kind: 'parent', participantId: await participantIdOf(testApp, writer) }, 'web')
    fvCaseId = fvCase!.caseId
    withStatus(await submitForm(parent, portalPaths.newMessage, { caseId: String(fvCaseId), topic: 'payments', body: '¿Se registró mi pago de marzo?' }), 303)
    // Another parent writes in English about no case in particular.
    const other = await signedInAgent(testApp.app, persona('current-payer'), 'en')
    withStatus(await submitForm(other, portalPaths.newMessage, { caseId: 'none', topic: 'other', body: 'How do I change my address?' }), 303)
    const threads = await testApp.database.db.selectFrom('message_threads').select(['id', 'case_id']).orderBy('id').execute()
    fvThreadId = threads.find((t) => t.case_id === fvCaseId)!.id
    noCaseThreadId = threads.find((t) => t.case_id === null)!.id
    // And a callback request, so the queue holds both kinds.
    const { callback } = await servicesOf(testApp).callbacks.requestCallback({ phone: '+19165550177', language: 'en', topic: 'license', preferredWindow: 'asap', channel: 'phone' })
    callbackCode = callback.confirmationCode
  })
  afterAll(() => testApp.close())

  it('lists callbacks and messages in one queue, due first, each with the due time the service level set', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    const html = withStatus(await agent.get(consolePaths.queue), 200).text
    const entries = await servicesOf(testApp).queue.list()
    expect(entries.map((e) => e.kind)).toEqual(expect.arrayContaining(['callback', 'message']))
    for (const threadId of [fvThreadId, noCaseThreadId]) {
      expect(html).toContain(`href="${threadPage(threadId)}"`)
      expect(html).toContain(`action="${consolePathTo('messageClaim', { threadId })}"`)
      const thread = entries.find((e) => e.kind === 'message' && e.thread.id === threadId)!
      expect(thread.kind === 'message' && html.includes(escaped(formatDateTime('en', thread.thread.dueBy.toISOString())))).toBe(true)
    }
    expect(html).toContain(escaped(text('en', 'console:queue.kinds.message')))
    expect(html).toContain(escaped(text('en', 'console:queue.kinds.callback')))
    // Due first at the top, whatever the kind.
    const dueTimes = entries.map((e) => (e.kind === 'callback' ? e.callback.dueBy : e.thread.dueBy).getTime())
    expect(dueTimes).toEqual([...dueTimes].sort((a, b) => a - b))
  })

  it('filters by kind, language and topic, and refuses a kind it does not know, in Spanish', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep, 'es')
    const messagesOnly = withStatus(await agent.get(`${consolePaths.queue}?kind=message`), 200).text
    expect(messagesOnly).toContain(threadPage(fvThreadId))
    expect(messagesOnly).not.toContain(groupedConfirmationCode(callbackCode))
    const callbacks = withStatus(await agent.get(`${consolePaths.queue}?kind=callback`), 200).text
    expect(callbacks).not.toContain(threadPage(fvThreadId))
    expect(callbacks).toContain(groupedConfirmationCode(callbackCode))
    const spanish = withStatus(await agent.get(`${consolePaths.queue}?kind=message&language=es`), 200).text
    expect(spanish).toContain(threadPage(fvThreadId))
    expect(spanish).not.toContain(threadPage(noCaseThreadId))
    const other = withStatus(await agent.get(`${consolePaths.queue}?topic=other`), 200).text
    expect(other).toContain(threadPage(noCaseThreadId))
    expect(other).not.toContain(threadPage(fvThreadId))
    const bad = withStatus(await agent.get(`${consolePaths.queue}?kind=letters`), 400)
    expectFormErrors(bad.text, 'es', { kind: 'console:queue.errors.kindUnknown' })
  })

  it("shows the thread with the writer's context and the family-violence warning, never the other parent's contact details", async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    const html = withStatus(await agent.get(threadPage(fvThreadId)), 200).text
    expect(html).toContain('¿Se registró mi pago de marzo?')
    expect(html).toContain(escaped(persona('fv-paying-parent').name))
    expect(html).toContain(escaped(text('en', 'console:case.roles.paying')))
    expect(html).toContain(escaped(text('en', 'console:familyViolence')))
    const protectedParent = await testApp.database.db
      .selectFrom('participants')
      .select(['phone_primary', 'phone_mobile', 'address_line1', 'employer_name', 'email', 'ssn_last4'])
      .where('id', '=', await participantIdOf(testApp, persona('protected-parent')))
      .executeTakeFirstOrThrow()
    for (const detail of Object.values(protectedParent)) {
      if (detail && String(detail).length > 3) expect(html).not.toContain(escaped(String(detail)))
    }
    const digits = protectedParent.phone_primary!.replace(/\D/g, '').slice(-7)
    expect(html.replace(/\D/g, ' ')).not.toContain(digits)
    // Nobody holds it yet: the page offers to take it, not to reply.
    expect(html).toContain(`action="${consolePathTo('messageClaim', { threadId: fvThreadId })}"`)
    expect(html).not.toContain(`action="${consolePathTo('messageReply', { threadId: fvThreadId })}"`)
  })

  it("records every staff read in the case's audit trail, and a thread about no case in the parent's", async () => {
    const agent = await staffAgent(testApp.app, englishRep)
    const staff = await testApp.database.db.selectFrom('staff').select('id').where('username', '=', englishRep.username).executeTakeFirstOrThrow()
    const caseRowsBefore = await testApp.database.db.selectFrom('audit_events').select('id').where('case_id', '=', fvCaseId).where('action', '=', 'message.thread.read').execute()
    withStatus(await agent.get(threadPage(fvThreadId)), 200)
    const caseRows = await testApp.database.db
      .selectFrom('audit_events')
      .select(['actor_kind', 'actor_id', 'channel', 'details'])
      .where('case_id', '=', fvCaseId)
      .where('action', '=', 'message.thread.read')
      .execute()
    expect(caseRows.length).toBe(caseRowsBefore.length + 1)
    expect(caseRows).toContainEqual({ actor_kind: 'staff', actor_id: staff.id, channel: 'console', details: JSON.stringify({ threadId: fvThreadId }) })

    withStatus(await agent.get(threadPage(noCaseThreadId)), 200)
    const writerId = await participantIdOf(testApp, persona('current-payer'))
    const stored = await testApp.database.db.selectFrom('audit_events').select(['case_id', 'actor_id', 'action']).where('participant_id', '=', writerId).execute()
    expect(stored).toContainEqual({ case_id: null, actor_id: staff.id, action: 'message.thread.read' })
  })

  it('refuses an empty or oversized reply or one without a choice, keeps what was typed, and stores nothing', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep, 'es')
    withStatus(await postFrom(agent, consolePaths.queue, consolePathTo('messageClaim', { threadId: fvThreadId })), 303)
    const before = await postsCount(testApp)
    const reply = consolePathTo('messageReply', { threadId: fvThreadId })
    const empty = withStatus(await postFrom(agent, threadPage(fvThreadId), reply, { body: '  ', close: 'yes' }), 400)
    expectFormErrors(empty.text, 'es', { body: 'messages:errors.bodyRequired' })
    const long = 'ñ'.repeat(maxMessageLength + 1)
    const oversized = withStatus(await postFrom(agent, threadPage(fvThreadId), reply, { body: long, close: 'no' }), 400)
    expectFormErrors(oversized.text, 'es', { body: 'messages:errors.bodyTooLong' })
    expect(oversized.text).toContain(long)
    const noChoice = withStatus(await postFrom(agent, threadPage(fvThreadId), reply, { body: 'Sí, se registró.' }), 400)
    expectFormErrors(noChoice.text, 'es', { close: 'console:message.errors.closeRequired' })
    expect(noChoice.text).toContain('Sí, se registró.</textarea>')
    expect(await postsCount(testApp)).toBe(before)
    expect((await servicesOf(testApp).messages.threadForStaff(1, fvThreadId))!.thread.status).toBe('claimed')
  })

  it('answers 404 for a thread that does not exist, is past 2^31 or is not a number, and 403 without a token', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    for (const id of ['999999', '2147483648', '99999999999', 'abc', '0', '-1']) {
      withStatus(await agent.get(`/console/messages/${id}`), 404)
      withStatus(await postFrom(agent, consolePaths.queue, `/console/messages/${id}/claim`), 404)
      withStatus(await postFrom(agent, consolePaths.queue, `/console/messages/${id}/replies`, { body: 'Hola', close: 'yes' }), 404)
    }
    const before = await postsCount(testApp)
    withStatus(await agent.post(consolePathTo('messageReply', { threadId: fvThreadId })).type('form').send({ body: 'Hola', close: 'yes' }), 403)
    withStatus(await agent.post(consolePathTo('messageClaim', { threadId: noCaseThreadId })).type('form').send({}), 403)
    expect(await postsCount(testApp)).toBe(before)
  })

  it('tells a second representative the message is taken, and refuses their reply', async () => {
    const nguyen = await staffAgent(testApp.app, englishRep)
    const refused = await postFrom(nguyen, consolePaths.queue, consolePathTo('messageClaim', { threadId: fvThreadId }))
    expect(refused.headers.location).toBe(consolePaths.queue)
    expect(withStatus(await nguyen.get(consolePaths.queue), 200).text).toContain(escaped(text('en', 'messages:errors.alreadyClaimed')))
    const before = await postsCount(testApp)
    const reply = await postFrom(nguyen, threadPage(fvThreadId), consolePathTo('messageReply', { threadId: fvThreadId }), { body: 'Mine', close: 'yes' })
    expect(reply.headers.location).toBe(threadPage(fvThreadId))
    expect(withStatus(await nguyen.get(threadPage(fvThreadId)), 200).text).toContain(escaped(text('en', 'messages:errors.notClaimedByYou')))
    expect(await postsCount(testApp)).toBe(before)
  })

  it('sends a reply in Spanish that closes the message: the writer reads it as unread, and nobody else sees it', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep, 'es')
    const page = withStatus(await agent.get(threadPage(fvThreadId)), 200).text
    expect(page).toContain(escaped(text('es', 'console:message.replyHint.es')))
    expect(page).toContain('lang="es"')
    const sent = await postFrom(agent, threadPage(fvThreadId), consolePathTo('messageReply', { threadId: fvThreadId }), { body: 'Sí, su pago se registró el 3 de marzo.', close: 'yes' })
    expect(sent.status).toBe(303)
    expect(sent.headers.location).toBe(consolePaths.queue)
    const queue = withStatus(await agent.get(consolePaths.queue), 200).text
    expect(queue).toContain(escaped(text('es', 'console:notices.messageAnswered', { id: fvThreadId })))
    expect(queue).not.toContain(`href="${threadPage(fvThreadId)}"`)

    const writer = await signedInAgent(testApp.app, persona('fv-paying-parent'), 'es')
    const dashboard = withStatus(await writer.get(portalPaths.dashboard), 200).text
    expect(dashboard).toContain(escaped(text('es', 'messages:dashboard.unread', { count: 1 })))
    const thread = withStatus(await writer.get(pathTo('messageThread', { threadId: fvThreadId })), 200).text
    expect(thread).toContain('Sí, su pago se registró el 3 de marzo.')

    // The other parent of the same case, and every other parent, get "not found" and never see the words.
    for (const other of ['protected-parent', 'current-payer', 'spanish-speaker']) {
      const agentOf = await signedInAgent(testApp.app, persona(other), 'en')
      withStatus(await agentOf.get(pathTo('messageThread', { threadId: fvThreadId })), 404)
      expect(withStatus(await agentOf.get(portalPaths.messages), 200).text).not.toContain('su pago se registró')
      expect(withStatus(await agentOf.get(portalPaths.dashboard), 200).text).not.toContain(escaped(text('en', 'messages:dashboard.unread', { count: 1 })))
    }
  })

  it('keeps a message open after a reply that says more is to come: it goes back to the queue, released', async () => {
    const agent = await staffAgent(testApp.app, englishRep)
    withStatus(await postFrom(agent, consolePaths.queue, consolePathTo('messageClaim', { threadId: noCaseThreadId })), 303)
    const sent = await postFrom(agent, threadPage(noCaseThreadId), consolePathTo('messageReply', { threadId: noCaseThreadId }), {
      body: 'We are checking and will write again.',
      close: 'no',
    })
    expect(sent.status).toBe(303)
    const queue = withStatus(await agent.get(consolePaths.queue), 200).text
    expect(queue).toContain(escaped(text('en', 'console:notices.messageKeptOpen', { id: noCaseThreadId })))
    expect(queue).toContain(`action="${consolePathTo('messageClaim', { threadId: noCaseThreadId })}"`)
    const stored = await testApp.database.db.selectFrom('message_threads').selectAll().where('id', '=', noCaseThreadId).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ status: 'open', claimed_by: null })
    expect(stored.first_answered_at).not.toBeNull()
  })

  it('takes the next message when asked for messages only, and gives an English-only representative no Spanish one', async () => {
    const services = servicesOf(testApp)
    const writer = await participantIdOf(testApp, persona('spanish-speaker'))
    const spanishThread = await services.messages.startThread({ participantId: writer, caseId: null, topic: 'court', body: '¿Cuándo es mi audiencia?', language: 'es' })
    const nguyen = await staffAgent(testApp.app, englishRep)
    const none = await postFrom(nguyen, consolePaths.queue, consolePaths.claimNext, { kind: 'message', language: 'es', topic: 'court' })
    expect(none.headers.location).toBe(`${consolePaths.queue}?kind=message&language=es&topic=court`)
    expect((await services.messages.threadForStaff(1, spanishThread.id))!.thread.status).toBe('open')

    const garcia = await staffAgent(testApp.app, bilingualRep)
    const taken = await postFrom(garcia, consolePaths.queue, consolePaths.claimNext, { kind: 'message', language: '', topic: 'court' })
    expect(taken.headers.location).toBe(threadPage(spanishThread.id))
    const page = withStatus(await garcia.get(taken.headers.location!), 200).text
    expect(page).toContain(escaped(text('en', 'console:notices.messageClaimed', { id: spanishThread.id })))
    expect(page).toContain(`action="${consolePathTo('messageReply', { threadId: spanishThread.id })}"`)
    expect(page).toContain(escaped(text('en', 'console:message.replyHint.es')))
  })
})
