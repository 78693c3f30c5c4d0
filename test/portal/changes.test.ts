import { consolePaths, consolePathTo } from '../../server/console/paths'
import { pathTo, portalPaths } from '../../server/portal/paths'
import { bilingualRep, postFrom, staffAgent } from '../console/consoleTestApp'
import {
  createPortalTestApp,
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

// Report a change: each report is a thread of kind 'change' whose fields the parent reads in their thread and the
// representative on the console (and finds in the queue by kind); a refused report keeps what was typed and stores
// nothing; the other parent on a family-violence case never sees it.

const count = async (testApp: PortalTestApp, table: 'message_posts' | 'message_threads') =>
  Number((await testApp.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

const latestThread = (testApp: PortalTestApp) => testApp.database.db.selectFrom('message_threads').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()

describe('report a change', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  describe.each(languages)('in %s', (language) => {
    it('lists what to report and sends a new address or phone to the details page', async () => {
      const agent = await signedInAgent(testApp.app, persona('current-payer'), language)
      const page = withStatus(await agent.get(portalPaths.reportChange), 200).text
      for (const path of [portalPaths.reportJob, portalPaths.reportHousehold, portalPaths.reportOtherParent, portalPaths.details]) expect(page).toContain(`href="${path}"`)
      expect(page).toContain(escaped(text(language, 'changes:index.addressPhone.link')))
      expect(withStatus(await agent.get(portalPaths.dashboard), 200).text).toContain(`href="${portalPaths.reportChange}"`)
    })

    it('reports a new job: a change thread with its fields, shown to the parent and due within three business days', async () => {
      const who = persona('current-payer')
      const agent = await signedInAgent(testApp.app, who, language)
      const form = withStatus(await agent.get(portalPaths.reportJob), 200).text
      const caseId = /<option value="(\d+)" selected>/.exec(form)?.[1]
      expect(caseId).toBeDefined()
      const sent = withStatus(
        await submitForm(agent, portalPaths.reportJob, {
          caseId: caseId!,
          employer: 'Sierra <Tools> Inc.',
          employerAddress: '12 Elm St\nSacramento, CA 95814',
          startDateMonth: '3',
          startDateDay: '2',
          startDateYear: '2026',
          note: 'Second shift.',
        }),
        303,
      )
      const stored = await latestThread(testApp)
      expect(stored).toMatchObject({ kind: 'change', topic: 'payments', language, case_id: Number(caseId), status: 'open' })
      expect(new Date(stored.due_by)).toEqual(servicesOf(testApp).callbacks.serviceLevel.latestDueBy(testApp.clock.now()))
      const post = await testApp.database.db.selectFrom('message_posts').selectAll().where('thread_id', '=', stored.id).executeTakeFirstOrThrow()
      expect(JSON.parse(post.fields!)).toEqual({ change: 'job', employer: 'Sierra <Tools> Inc.', employerAddress: '12 Elm St\nSacramento, CA 95814', startDate: '2026-03-02' })
      expect(post.body).toBe('Second shift.')
      const thread = withStatus(await agent.get(sent.headers.location!), 200).text
      expect(thread).toContain(escaped(text(language, 'changes:thread.heading', { kind: text(language, 'changes:kinds.job') })))
      expect(thread).toContain('Sierra &lt;Tools&gt; Inc.')
      expect(thread).toContain(escaped(text(language, 'changes:fields.employerAddress')))
      expect(thread).toContain('Second shift.')
      const list = withStatus(await agent.get(portalPaths.messages), 200).text
      expect(list).toContain(escaped(text(language, 'changes:listLabel')))
    })

    it.each([
      ['nothing at all', portalPaths.reportJob, {}, { caseId: 'changes:errors.caseRequired', employer: 'changes:errors.employerRequired', employerAddress: 'changes:errors.employerAddressRequired', startDateMonth: 'changes:errors.startDateRequired' }],
      ['a date that does not exist', portalPaths.reportJob, { employer: 'Acme', employerAddress: 'Here', startDateMonth: '2', startDateDay: '30', startDateYear: '2026' }, { startDateMonth: 'changes:errors.dateInvalid' }],
      ['a date far ahead', portalPaths.reportHousehold, { livesWith: 'me', changedOnMonth: '1', changedOnDay: '1', changedOnYear: '2030' }, { changedOnMonth: 'changes:errors.dateOutOfRange' }],
      ['a time share over 100 and no choice', portalPaths.reportHousehold, { timeSharePercent: '140', changedOnMonth: '3', changedOnDay: '1', changedOnYear: '2026' }, { livesWith: 'changes:errors.livesWithRequired', timeSharePercent: 'changes:errors.timeShareInvalid' }],
      ['nothing about the other parent', portalPaths.reportOtherParent, { whereabouts: '  ', employer: '' }, { whereabouts: 'changes:errors.otherParentEmpty' }],
      ['an employer name too long', portalPaths.reportOtherParent, { employer: 'x'.repeat(121) }, { employer: 'changes:errors.textTooLong' }],
    ])('refuses %s with 400, the summary in the language, what was typed kept and nothing stored', async (_name, path, fields, errors) => {
      const who = persona('both-roles')
      const agent = await signedInAgent(testApp.app, who, language)
      const caseId = (await servicesOf(testApp).cases.listCaseSummaries({ kind: 'parent', participantId: await participantIdOf(testApp, who) }, 'web'))[0]!.caseId
      const withCase = Object.keys(fields).length ? { caseId: String(caseId), ...fields } : fields
      const before = [await count(testApp, 'message_threads'), await count(testApp, 'message_posts')]
      const response = withStatus(await submitForm(agent, path, withCase as Record<string, string>), 400)
      expectFormErrors(response.text, language, errors)
      for (const value of Object.values(withCase as Record<string, string>)) if (value.trim()) expect(response.text).toContain(escaped(value))
      expect([await count(testApp, 'message_threads'), await count(testApp, 'message_posts')]).toEqual(before)
    })
  })

  it("refuses a case that is not the parent's, and a post without its form token, storing nothing", async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    const before = await count(testApp, 'message_threads')
    const otherCase = (await servicesOf(testApp).cases.listCaseSummaries({ kind: 'parent', participantId: await participantIdOf(testApp, persona('spanish-speaker')) }, 'web'))[0]!
    const refused = withStatus(await submitForm(agent, portalPaths.reportOtherParent, { caseId: String(otherCase.caseId), employer: 'Acme' }), 400)
    expectFormErrors(refused.text, 'en', { caseId: 'changes:errors.caseRequired' })
    withStatus(await agent.post(portalPaths.reportOtherParent).type('form').send({ caseId: String(otherCase.caseId), employer: 'Acme' }), 403)
    expect(await count(testApp, 'message_threads')).toBe(before)
  })

  it('on a family-violence case: the other parent never sees the report; the representative sees its fields, the warning, and finds it by kind', async () => {
    const reporter = persona('protected-parent')
    const agent = await signedInAgent(testApp.app, reporter, 'es')
    const caseId = (await servicesOf(testApp).cases.listCaseSummaries({ kind: 'parent', participantId: await participantIdOf(testApp, reporter) }, 'web'))[0]!.caseId
    withStatus(await submitForm(agent, portalPaths.reportOtherParent, { caseId: String(caseId), whereabouts: '400 Hidden Lane, Fresno, CA', employer: 'Valley Cannery' }), 303)
    const thread = await latestThread(testApp)
    expect(thread).toMatchObject({ kind: 'change', language: 'es', topic: 'other' })

    const other = await signedInAgent(testApp.app, persona('fv-paying-parent'))
    withStatus(await other.get(pathTo('messageThread', { threadId: thread.id })), 404)
    const list = withStatus(await other.get(portalPaths.messages), 200).text
    expect(list).not.toContain(`/account/messages/${thread.id}"`)
    expect(list).not.toContain('Hidden Lane')

    const rep = await staffAgent(testApp.app, bilingualRep)
    const queue = withStatus(await rep.get(`${consolePaths.queue}?kind=change`), 200).text
    expect(queue).toContain(`href="${consolePathTo('message', { threadId: thread.id })}"`)
    expect(queue).toContain(escaped(text('en', 'console:queue.refs.change', { id: thread.id })))
    expect(withStatus(await rep.get(`${consolePaths.queue}?kind=message`), 200).text).not.toContain(`href="${consolePathTo('message', { threadId: thread.id })}"`)
    const page = withStatus(await rep.get(consolePathTo('message', { threadId: thread.id })), 200).text
    expect(page).toContain(escaped(text('en', 'console:familyViolence')))
    expect(page).toContain('400 Hidden Lane, Fresno, CA')
    expect(page).toContain('Valley Cannery')
    expect(page).toContain(escaped(text('en', 'changes:fields.whereabouts')))

    // Taken from the queue by kind, and answered like any message.
    const claimed = await postFrom(rep, `${consolePaths.queue}?kind=change`, consolePaths.claimNext, { kind: 'change', language: '', topic: '' })
    expect(claimed.status).toBe(303)
    expect(claimed.headers.location).toMatch(/^\/console\/messages\/\d+$/)
    const claimedThread = await testApp.database.db.selectFrom('message_threads').selectAll().where('claimed_by', 'is not', null).orderBy('claimed_at', 'desc').executeTakeFirstOrThrow()
    expect(claimedThread.kind).toBe('change')
  })
})
