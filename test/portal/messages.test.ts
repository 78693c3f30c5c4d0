import { pathTo, portalPaths } from '../../server/portal/paths'
import {
  controlTag,
  createPortalTestApp,
  csrfTokenIn,
  escaped,
  expectFormErrors,
  languages,
  participantIdOf,
  persona,
  type PortalTestApp,
  servicesOf,
  signedInAgent,
  submitForm,
  text,
  withStatus,
} from './portalTestApp'

// Write to the agency, read the reply as a thread, see unread replies on the dashboard; bad input keeps what was
// typed and stores nothing; another parent's thread is not found.

const postsCount = async (testApp: PortalTestApp) =>
  Number((await testApp.database.db.selectFrom('message_posts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe('messages', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  describe.each(languages)('in %s', (language) => {
    it('sends a message about a case, shows it in the thread and the list, due within three business days', async () => {
      const who = persona('both-roles')
      const agent = await signedInAgent(testApp.app, who, language)
      const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
      const [first] = await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')
      const form = withStatus(await agent.get(portalPaths.newMessage), 200).text
      expect(form).toContain(`<option value="${first!.caseId}"`)
      const sent = withStatus(await submitForm(agent, portalPaths.newMessage, { caseId: String(first!.caseId), topic: 'payments', body: 'Was my March payment <b>posted</b>?' }), 303)
      const thread = withStatus(await agent.get(sent.headers.location!), 200).text
      expect(thread).toContain(escaped(text(language, 'messages:thread.sent')))
      expect(thread).toContain('Was my March payment &lt;b&gt;posted&lt;/b&gt;?')
      expect(thread).toContain(escaped(text(language, 'messages:thread.aboutCase', { last4: first!.caseNumberLast4 })))
      const list = withStatus(await agent.get(portalPaths.messages), 200).text
      expect(list).toContain(escaped(text(language, 'callbacks:topics.payments')))
      const stored = await testApp.database.db.selectFrom('message_threads').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
      expect(stored.language).toBe(language)
      expect(stored.case_id).toBe(first!.caseId)
    })

    it.each([
      ['nothing at all', { caseId: '', topic: '', body: '' }, { caseId: 'messages:errors.caseRequired', topic: 'messages:errors.topicUnknown', body: 'messages:errors.bodyRequired' }],
      ["someone else's case", { caseId: '1', topic: 'other', body: 'Hi' }, { caseId: 'messages:errors.caseRequired' }],
      ['an oversized message', { caseId: 'none', topic: 'other', body: 'y'.repeat(4001) }, { body: 'messages:errors.bodyTooLong' }],
      ['a control character', { caseId: 'none', topic: 'other', body: 'bell \u0007' }, { body: 'messages:errors.bodyInvalid' }],
    ])('refuses %s with 400, the summary, the text kept and nothing stored', async (_name, fields, errors) => {
      const agent = await signedInAgent(testApp.app, persona('low-income-exempt'), language)
      const before = await postsCount(testApp)
      const response = withStatus(await submitForm(agent, portalPaths.newMessage, fields), 400)
      expectFormErrors(response.text, language, errors)
      if (fields.body.length < 100 && fields.body) expect(response.text).toContain(`>${escaped(fields.body)}</textarea>`)
      if (fields.body.length > 100) expect(response.text).toContain(fields.body)
      expect(await postsCount(testApp)).toBe(before)
    })
  })

  it('shows a reply as unread on the dashboard until the thread is read, and an empty reply keeps the thread as it was', async () => {
    const who = persona('current-payer')
    const agent = await signedInAgent(testApp.app, who, 'es')
    withStatus(await submitForm(agent, portalPaths.newMessage, { caseId: 'none', topic: 'other', body: 'Una pregunta' }), 303)
    const thread = await testApp.database.db.selectFrom('message_threads').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    const staff = await testApp.database.db.selectFrom('staff').select('id').where('username', '=', 'rep.garcia').executeTakeFirstOrThrow()
    const services = servicesOf(testApp)
    await services.messages.claim(thread.id, staff.id)
    await services.messages.replyAsStaff({ threadId: thread.id, staffId: staff.id, body: 'Aquí está la respuesta.', close: true })
    const dashboard = withStatus(await agent.get(portalPaths.dashboard), 200).text
    expect(dashboard).toContain(escaped(text('es', 'messages:dashboard.unread', { count: 1 })))
    const page = withStatus(await agent.get(pathTo('messageThread', { threadId: thread.id })), 200).text
    expect(page).toContain('Aquí está la respuesta.')
    expect(page).toContain(escaped(text('es', 'messages:thread.fromAgency')))
    expect(withStatus(await agent.get(portalPaths.dashboard), 200).text).not.toContain('data-unread-replies')

    const before = await postsCount(testApp)
    const empty = withStatus(await submitForm(agent, pathTo('replyToThread', { threadId: thread.id }), { body: '  ' }, pathTo('messageThread', { threadId: thread.id })), 400)
    expectFormErrors(empty.text, 'es', { body: 'messages:errors.bodyRequired' })
    expect(controlTag(empty.text, 'body')).toContain('aria-invalid="true"')
    expect(await postsCount(testApp)).toBe(before)
    withStatus(await submitForm(agent, pathTo('replyToThread', { threadId: thread.id }), { body: 'Gracias' }, pathTo('messageThread', { threadId: thread.id })), 303)
    expect(await postsCount(testApp)).toBe(before + 1)
  })

  it("answers 404 to another parent's thread, read or replied to, and stores nothing", async () => {
    const owner = await signedInAgent(testApp.app, persona('current-payer'))
    withStatus(await submitForm(owner, portalPaths.newMessage, { caseId: 'none', topic: 'other', body: 'Private' }), 303)
    const thread = await testApp.database.db.selectFrom('message_threads').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    const other = await signedInAgent(testApp.app, persona('both-roles'))
    const csrf = csrfTokenIn((await other.get(portalPaths.messages).expect(200)).text)
    const before = await postsCount(testApp)
    withStatus(await other.get(pathTo('messageThread', { threadId: thread.id })), 404)
    withStatus(await other.post(pathTo('replyToThread', { threadId: thread.id })).type('form').send({ _csrf: csrf, body: 'let me in' }), 404)
    withStatus(await other.get('/account/messages/99999999999999'), 404)
    withStatus(await other.get('/account/messages/abc'), 404)
    expect(await postsCount(testApp)).toBe(before)
  })
})
