import fs from 'node:fs'

import { consolePaths, consolePathTo } from '../../server/console/paths'
import { pathTo, portalPaths } from '../../server/portal/paths'
import { bilingualRep, staffAgent } from '../console/consoleTestApp'
import {
  type Agent,
  activatedPersonas,
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
  text,
  withStatus,
} from './portalTestApp'

// Documents: sent with a message or in answer to a document the agency asked for; recognised by content, held to
// 10 MB and 5 a message, kept under random names, served as downloads only to the parent who sent them and to staff
// (each read in the audit trail); accepted, or declined with a reason the parent reads; a request answered once
// refuses a second answer until the first is declined. A refused upload stores nothing, row or file.

jest.setTimeout(120_000)

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
const windowsExecutable = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)])

const rows = async (testApp: PortalTestApp, table: 'message_documents' | 'message_threads' | 'message_posts') =>
  Number((await testApp.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
const storedFiles = (testApp: PortalTestApp) => (fs.existsSync(testApp.config.documentsDirectory) ? fs.readdirSync(testApp.config.documentsDirectory) : [])

/** A multipart post of a form, the way a browser sends one with files: the token first, the files last. */
async function postWithFiles(agent: Agent, path: string, formPage: string, fields: Record<string, string>, files: Array<[string, Buffer]>, token = true) {
  const page = await agent.get(formPage)
  let request = agent.post(path)
  if (token) request = request.field('_csrf', csrfTokenIn(page.text))
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value)
  for (const [name, content] of files) request = request.attach('documents', content, name)
  return request
}

async function latestDocuments(testApp: PortalTestApp) {
  return testApp.database.db.selectFrom('message_documents').selectAll().orderBy('id', 'desc').execute()
}

describe('documents', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  describe.each(languages)('in %s', (language) => {
    it('sends a message with a PDF and a PNG, stored under random names, downloaded only as attachments by their sender', async () => {
      const who = persona('current-payer')
      const agent = await signedInAgent(testApp.app, who, language)
      const sent = withStatus(
        await postWithFiles(agent, portalPaths.newMessage, portalPaths.newMessage, { caseId: 'none', topic: 'documents', body: 'My pay stubs.' }, [
          ['pay stub.pdf', pdf],
          ['photo.png', png],
        ]),
        303,
      )
      const thread = withStatus(await agent.get(sent.headers.location!), 200).text
      const [second, first] = await latestDocuments(testApp)
      expect(first).toMatchObject({ original_name: 'pay stub.pdf', content_type: 'application/pdf', size_bytes: pdf.length, status: 'received', event_id: null })
      expect(second).toMatchObject({ original_name: 'photo.png', content_type: 'image/png' })
      expect(first!.storage_name).toMatch(/^[0-9a-f-]{36}$/)
      expect(fs.readFileSync(`${testApp.config.documentsDirectory}/${first!.storage_name}`)).toEqual(pdf)
      const href = pathTo('messageDocument', { threadId: first!.thread_id, documentId: first!.id })
      expect(thread).toContain(`href="${href}"`)
      expect(thread).toContain(escaped(text(language, 'documents:statuses.received')))

      const download = await agent.get(href).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => done(null, Buffer.concat(chunks)))
      })
      withStatus({ status: download.status, text: '' }, 200)
      expect(download.headers['content-disposition']).toBe('attachment; filename="pay stub.pdf"')
      expect(download.headers['content-type']).toBe('application/pdf')
      expect(download.headers['x-content-type-options']).toBe('nosniff')
      expect(download.headers['cache-control']).toContain('no-store')
      expect(download.body).toEqual(pdf)
      const audit = await testApp.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'document.read').orderBy('id', 'desc').executeTakeFirstOrThrow()
      expect(audit).toMatchObject({ actor_kind: 'parent', participant_id: await participantIdOf(testApp, who) })
      expect(JSON.parse(audit.details!)).toMatchObject({ documentId: first!.id })
    })

    it.each([
      ['an executable named .pdf', [['statement.pdf', windowsExecutable]], 400, 'documents:errors.notAllowedType', { name: 'statement.pdf' }],
      ['six files', Array.from({ length: 6 }, (_, i) => [`page${i}.pdf`, pdf]), 400, 'documents:errors.tooMany', { max: 5 }],
      ['a file over 10 MB', [['scan.pdf', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)])]], 413, 'documents:errors.tooLarge', { max: 10 }],
      ['an empty file', [['empty.pdf', Buffer.alloc(0)]], 400, 'documents:errors.empty', { name: 'empty.pdf' }],
    ] as Array<[string, Array<[string, Buffer]>, number, string, Record<string, unknown>]>)(
      'refuses %s with its status, the message in the language, the text kept, and nothing stored',
      async (_name, files, status, key, params) => {
        const agent = await signedInAgent(testApp.app, persona('both-roles'), language)
        const before = [await rows(testApp, 'message_threads'), await rows(testApp, 'message_documents'), storedFiles(testApp).length]
        const response = await postWithFiles(agent, portalPaths.newMessage, portalPaths.newMessage, { caseId: 'none', topic: 'other', body: 'Kept <words>' }, files)
        withStatus(response, status)
        expect(response.text).toContain(`<title>${text(language, 'common:errorPrefix')} `)
        expect(response.text).toContain(`<a class="usa-link" href="#documents">${escaped(text(language, key, params))}</a>`)
        expect(response.text).toContain('>Kept &lt;words&gt;</textarea>')
        expect([await rows(testApp, 'message_threads'), await rows(testApp, 'message_documents'), storedFiles(testApp).length]).toEqual(before)
      },
    )
  })

  it('keeps a name written in Spanish as the parent wrote it, on the page and in the download', async () => {
    const agent = await signedInAgent(testApp.app, persona('spanish-speaker'), 'es')
    const sent = withStatus(
      await postWithFiles(agent, portalPaths.newMessage, portalPaths.newMessage, { caseId: 'none', topic: 'documents', body: 'Mi declaración.' }, [['declaración de ingresos – año.pdf', pdf]]),
      303,
    )
    const [document] = await latestDocuments(testApp)
    expect(document!.original_name).toBe('declaración de ingresos – año.pdf')
    expect(withStatus(await agent.get(sent.headers.location!), 200).text).toContain('declaración de ingresos – año.pdf')
    const download = await agent.get(pathTo('messageDocument', { threadId: document!.thread_id, documentId: document!.id }))
    withStatus({ status: download.status, text: '' }, 200)
    // An ASCII fallback for old clients, and the exact name (RFC 6266, RFC 8187) for every browser in use.
    expect(download.headers['content-disposition']).toBe(`attachment; filename="declaracion de ingresos _ ano.pdf"; filename*=UTF-8''${encodeURIComponent('declaración de ingresos – año.pdf')}`)
  })

  it('refuses a multipart form without its token (403) and keeps none of its files', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    const before = [await rows(testApp, 'message_threads'), storedFiles(testApp).length]
    withStatus(await postWithFiles(agent, portalPaths.newMessage, portalPaths.newMessage, { caseId: 'none', topic: 'other', body: 'x' }, [['a.pdf', pdf]], false), 403)
    // A multipart post to a path that takes no files is checked before anything is read, and refused the same way.
    withStatus(await agent.post(portalPaths.reportJob).field('employer', 'x').attach('documents', pdf, 'a.pdf'), 403)
    expect([await rows(testApp, 'message_threads'), storedFiles(testApp).length]).toEqual(before)
  })

  it("never serves a parent another parent's thread or document: every pair of demo parents", async () => {
    const agents = new Map<string, Agent>()
    const owned = new Map<string, { thread: string; document: string }>()
    for (const who of activatedPersonas) {
      const agent = await signedInAgent(testApp.app, who)
      agents.set(who.id, agent)
      withStatus(await postWithFiles(agent, portalPaths.newMessage, portalPaths.newMessage, { caseId: 'none', topic: 'other', body: `from ${who.id}` }, [['mine.pdf', pdf]]), 303)
      const [doc] = await latestDocuments(testApp)
      owned.set(who.id, { thread: pathTo('messageThread', { threadId: doc!.thread_id }), document: pathTo('messageDocument', { threadId: doc!.thread_id, documentId: doc!.id }) })
    }
    const leaks: string[] = []
    for (const [readerId, agent] of agents) {
      for (const [ownerId, paths] of owned) {
        const expected = readerId === ownerId ? 200 : 404
        for (const path of [paths.thread, paths.document]) {
          const status = (await agent.get(path)).status
          if (status !== expected) leaks.push(`${readerId} → ${ownerId} ${path}: ${status}`)
        }
      }
    }
    expect(agents.size).toBeGreaterThan(10)
    expect(leaks).toEqual([])
  })

  it('answers a document request: received, a second answer refused, declined with a reason the parent reads, sent again, accepted', async () => {
    const who = persona('hearing-next-week')
    const participantId = await participantIdOf(testApp, who)
    const [request] = await servicesOf(testApp).documents.requestsForParent(participantId)
    expect(request).toBeDefined()
    expect(request!.topic).toMatch(/Income and Expense Declaration/)
    const agent = await signedInAgent(testApp.app, who, 'es')
    const answerPath = pathTo('answerDocumentRequest', { eventId: request!.eventId })
    const list = withStatus(await agent.get(portalPaths.documentRequests), 200).text
    expect(list).toContain(escaped(text('es', 'documents:requestStatuses.requested')))
    expect(list).toContain(`href="${answerPath}"`)

    // No file: refused, nothing stored.
    const empty = withStatus(await postWithFiles(agent, answerPath, answerPath, { note: 'Aquí está' }, []), 400)
    expectFormErrors(empty.text, 'es', { documents: 'documents:errors.required' })

    withStatus(await postWithFiles(agent, answerPath, answerPath, { note: 'Mi declaración' }, [['FL-150.pdf', pdf]]), 303)
    const [answer] = await latestDocuments(testApp)
    expect(answer).toMatchObject({ event_id: request!.eventId, status: 'received', case_id: request!.caseId })
    const thread = await testApp.database.db.selectFrom('message_threads').selectAll().where('id', '=', answer!.thread_id).executeTakeFirstOrThrow()
    expect(thread).toMatchObject({ kind: 'document', topic: 'documents', language: 'es' })
    expect(withStatus(await agent.get(portalPaths.documentRequests), 200).text).toContain(escaped(text('es', 'documents:requestStatuses.received')))

    // A second answer while the first stands: refused with a clear message, nothing stored.
    const before = [await rows(testApp, 'message_documents'), storedFiles(testApp).length]
    const second = withStatus(await postWithFiles(agent, answerPath, portalPaths.newMessage, { note: 'Otra vez' }, [['again.pdf', pdf]]), 409)
    expect(second.text).toContain(escaped(text('es', 'documents:errors.alreadyAnswered')))
    expect([await rows(testApp, 'message_documents'), storedFiles(testApp).length]).toEqual(before)

    // The representative takes the thread from the queue, declines without a reason (refused), then with one.
    const rep = await staffAgent(testApp.app, bilingualRep)
    const queue = withStatus(await rep.get(`${consolePaths.queue}?kind=document`), 200).text
    expect(queue).toContain(`href="${consolePathTo('message', { threadId: thread.id })}"`)
    const page = consolePathTo('message', { threadId: thread.id })
    const csrf = async () => csrfTokenIn((await rep.get(page)).text)
    const review = consolePathTo('documentReview', { documentId: answer!.id })
    withStatus(await rep.post(consolePathTo('messageClaim', { threadId: thread.id })).type('form').send({ _csrf: await csrf() }), 303)
    const noReason = withStatus(await rep.post(review).type('form').send({ _csrf: await csrf(), decision: 'declined', reason: ' ' }), 400)
    expect(noReason.text).toContain(`<span class="usa-error-message" id="reason-${answer!.id}-error">${escaped(text('en', 'documents:errors.reasonRequired'))}</span>`)
    expect((await latestDocuments(testApp))[0]!.status).toBe('received')
    withStatus(await rep.post(review).type('form').send({ _csrf: await csrf(), decision: 'declined', reason: 'Falta la página 2.' }), 303)
    expect((await latestDocuments(testApp))[0]).toMatchObject({ status: 'declined', decline_reason: 'Falta la página 2.', answer_key: null })
    // Decided once: a second decision is refused.
    withStatus(await rep.post(review).type('form').send({ _csrf: await csrf(), decision: 'accepted' }), 303)
    expect((await latestDocuments(testApp))[0]!.status).toBe('declined')

    const declined = withStatus(await agent.get(portalPaths.documentRequests), 200).text
    expect(declined).toContain(escaped(text('es', 'documents:requestStatuses.declined')))
    expect(declined).toContain('Falta la página 2.')
    expect(withStatus(await agent.get(pathTo('messageThread', { threadId: thread.id })), 200).text).toContain('Falta la página 2.')

    // Sent again, and accepted.
    withStatus(await postWithFiles(agent, answerPath, answerPath, { note: '' }, [['FL-150 completo.pdf', pdf]]), 303)
    const [again] = await latestDocuments(testApp)
    const againThread = again!.thread_id
    expect(againThread).not.toBe(thread.id)
    withStatus(await rep.post(consolePathTo('messageClaim', { threadId: againThread })).type('form').send({ _csrf: await csrf() }), 303)
    const staffPage = withStatus(await rep.get(consolePathTo('message', { threadId: againThread })), 200).text
    expect(staffPage).toContain(`href="${consolePathTo('document', { documentId: again!.id })}"`)
    withStatus(await rep.post(consolePathTo('documentReview', { documentId: again!.id })).type('form').send({ _csrf: await csrf(), decision: 'accepted' }), 303)
    expect(withStatus(await agent.get(portalPaths.documentRequests), 200).text).toContain(escaped(text('es', 'documents:requestStatuses.accepted')))

    // Staff read the file as a download, and the read is in the case's audit trail.
    const download = await rep.get(consolePathTo('document', { documentId: again!.id }))
    withStatus({ status: download.status, text: '' }, 200)
    expect(download.headers['content-disposition']).toBe('attachment; filename="FL-150 completo.pdf"')
    const audit = await testApp.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'document.read').orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ actor_kind: 'staff', case_id: request!.caseId, channel: 'console' })
  })

  it('answers 404 for a request that is not the parent\'s, and for a file gone from the disk', async () => {
    const [request] = await servicesOf(testApp).documents.requestsForParent(await participantIdOf(testApp, persona('hearing-next-week')))
    const other = await signedInAgent(testApp.app, persona('current-payer'))
    withStatus(await other.get(pathTo('answerDocumentRequest', { eventId: request!.eventId })), 404)
    withStatus(await postWithFiles(other, pathTo('answerDocumentRequest', { eventId: request!.eventId }), portalPaths.newMessage, {}, [['a.pdf', pdf]]), 404)
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    withStatus(await postWithFiles(agent, portalPaths.newMessage, portalPaths.newMessage, { caseId: 'none', topic: 'other', body: 'x' }, [['gone.pdf', pdf]]), 303)
    const [doc] = await latestDocuments(testApp)
    fs.rmSync(`${testApp.config.documentsDirectory}/${doc!.storage_name}`)
    withStatus(await agent.get(pathTo('messageDocument', { threadId: doc!.thread_id, documentId: doc!.id })), 404)
  })
})
