import { randomUUID } from 'node:crypto'

import type { Page } from 'playwright-core'

import { consolePaths, consolePathTo } from '../../server/console/paths'
import type { StaffDefinition } from '../../server/demo/staffCatalog'
import { bilingualRep, supervisor } from '../console/consoleTestApp'
import { languages, type Language, participantIdOf, persona, servicesOf } from '../portal/portalTestApp'
import { auditContext, type BrowserHarness, startBrowserHarness, submitMainForm, visit } from './browserHarness'

// Every console page, in English and Spanish, as a representative and a supervisor see it: 0 axe-core violations
// (WCAG 2.2 AA) and 0 html-validate errors, including the pages that show form errors.

jest.setTimeout(180_000)

describe('every console page passes axe and html-validate', () => {
  let harness: BrowserHarness
  let phoneRequestId: number
  let caseId: number
  let messageThreadId: number
  let noCaseThreadId: number
  let changeThreadId: number
  let documentThreadId: number

  beforeAll(async () => {
    harness = await startBrowserHarness()
    const services = servicesOf(harness.testApp)
    const caller = persona('suspended-license')
    const callerId = await participantIdOf(harness.testApp, caller)
    const [summary] = await services.cases.listCaseSummaries({ kind: 'parent', participantId: callerId }, 'phone')
    caseId = summary!.caseId
    const phoneRequest = await services.callbacks.requestCallback({
      principal: { kind: 'parent', participantId: callerId },
      participantId: callerId,
      caseId,
      phone: caller.phone.callerId,
      language: 'en',
      topic: 'license',
      preferredWindow: 'asap',
      channel: 'phone',
      callSid: 'CA0123456789abcdef0123456789abcdef',
      phoneContext: { path: ['welcome', 'identify', 'pin', 'mainMenu', 'balance', 'callbackNumber', 'callbackWindow', 'callbackTopic'], heard: ['balance'], identified: true },
    })
    phoneRequestId = phoneRequest.callback.id
    const spanish = persona('spanish-speaker')
    const spanishId = await participantIdOf(harness.testApp, spanish)
    await services.callbacks.requestCallback({
      principal: { kind: 'parent', participantId: spanishId },
      participantId: spanishId,
      phone: '+19165550150',
      language: 'es',
      topic: 'payments',
      preferredWindow: 'morning',
      channel: 'web',
    })
    const rep = await harness.testApp.database.db.selectFrom('staff').select('id').where('username', '=', bilingualRep.username).executeTakeFirstOrThrow()
    const claimed = await services.callbacks.claim(phoneRequestId, rep.id)
    expect(claimed.ok).toBe(true)
    // A Spanish message about the family-violence case, being answered by the rep, and an English one about no case.
    const fvParent = await participantIdOf(harness.testApp, persona('fv-paying-parent'))
    const [fvCase] = await services.cases.listCaseSummaries({ kind: 'parent', participantId: fvParent }, 'web')
    const thread = await services.messages.startThread({ participantId: fvParent, caseId: fvCase!.caseId, topic: 'payments', body: '¿Se registró mi pago?', language: 'es' })
    messageThreadId = thread.id
    expect((await services.messages.claim(messageThreadId, rep.id)).ok).toBe(true)
    changeThreadId = (
      await services.messages.reportChange({
        participantId: fvParent,
        caseId: fvCase!.caseId,
        change: 'household',
        fields: { livesWith: 'shared', timeSharePercent: '40', changedOn: '2026-03-01' },
        note: 'Desde marzo.',
        language: 'es',
      })
    ).id
    // A document sent in answer to a request, on a thread the rep holds: the accept and decline forms show.
    const askedParent = await participantIdOf(harness.testApp, persona('hearing-next-week'))
    const [asked] = await services.documents.requestsForParent(askedParent)
    documentThreadId = (
      await services.messages.answerDocumentRequest({
        participantId: askedParent,
        eventId: asked!.eventId,
        note: 'Mi declaración',
        language: 'es',
        documents: [{ storageName: randomUUID(), name: 'FL-150.pdf', type: 'application/pdf', sizeBytes: 48_000 }],
      })
    ).id
    expect((await services.messages.claim(documentThreadId, rep.id)).ok).toBe(true)
    const noCase = await services.messages.startThread({ participantId: spanishId, caseId: null, topic: 'other', body: 'Una pregunta', language: 'es' })
    noCaseThreadId = noCase.id
  })
  afterAll(() => harness?.close())

  async function signIn(page: Page, who: StaffDefinition, language: Language): Promise<void> {
    await page.goto(`${consolePaths.signIn}?lng=${language}`)
    await page.fill('#username', who.username)
    await page.fill('#password', who.password)
    await Promise.all([page.waitForURL(`**${consolePaths.queue}`), page.locator('main form button[type="submit"]').click()])
  }

  describe.each(languages)('in %s', (language) => {
    it('sign-in, its errors and the signed-out pages', async () => {
      const page = await (await auditContext(harness)).newPage()
      const problems: string[] = []
      problems.push(...(await visit(page, `${consolePaths.signIn}?lng=${language}`, 'staff sign-in')))
      problems.push(...(await submitMainForm(page, 'staff sign-in errors', 400)))
      for (const reason of ['idle', 'limit', 'signedOut']) {
        problems.push(...(await visit(page, `${consolePaths.sessionEnded}?reason=${reason}`, 'staff signed out')))
      }
      await page.context().close()
      expect(problems).toEqual([])
    })

    it('every page a representative works with', async () => {
      const page = await (await auditContext(harness)).newPage()
      const problems: string[] = []
      await signIn(page, bilingualRep, language)
      problems.push(...(await visit(page, consolePaths.queue, 'queue')))
      problems.push(...(await visit(page, `${consolePaths.queue}?language=es`, 'queue filtered')))
      problems.push(...(await visit(page, `${consolePaths.queue}?language=xx`, 'queue filter errors', 400)))
      problems.push(...(await visit(page, `${consolePaths.queue}?kind=message`, 'queue of messages')))
      problems.push(...(await visit(page, `${consolePaths.queue}?kind=letters`, 'queue kind errors', 400)))
      problems.push(...(await visit(page, `${consolePaths.queue}?kind=change`, 'queue of change reports')))
      problems.push(...(await visit(page, consolePathTo('message', { threadId: changeThreadId }), 'change report, to take')))
      problems.push(...(await visit(page, `${consolePaths.queue}?kind=document`, 'queue of documents')))
      problems.push(...(await visit(page, consolePathTo('message', { threadId: documentThreadId }), 'document to review')))
      problems.push(...(await submitMainForm(page, 'decline errors', 400, 'main form[action$="/review"] button.usa-button--secondary')))
      const messagePage = consolePathTo('message', { threadId: messageThreadId })
      problems.push(...(await visit(page, messagePage, 'message being answered')))
      problems.push(...(await submitMainForm(page, 'reply errors', 400, 'main form[action$="/replies"] button[type="submit"]')))
      problems.push(...(await visit(page, consolePathTo('message', { threadId: noCaseThreadId }), 'message about no case, to take')))
      problems.push(...(await visit(page, consolePathTo('message', { threadId: 2147483648 }), 'no such message', 404)))
      const requestPage = consolePathTo('callback', { callbackId: phoneRequestId })
      problems.push(...(await visit(page, requestPage, 'request being worked')))
      problems.push(...(await submitMainForm(page, 'attempt errors', 400, 'main form[action$="/attempts"] button[type="submit"]')))
      // Without a Twilio account the button says so on the request's page, as a notice.
      problems.push(...(await submitMainForm(page, 'call now not set up', 200, 'main form[action$="/call-now"] button[type="submit"]')))
      problems.push(...(await visit(page, consolePaths.caseSearch, 'case search')))
      problems.push(...(await visit(page, `${consolePaths.caseSearch}?q=`, 'case search errors', 400)))
      problems.push(...(await visit(page, `${consolePaths.caseSearch}?q=${persona('both-roles').phone.parId}`, 'case search results')))
      problems.push(...(await visit(page, consolePathTo('casePage', { caseId }), 'case')))
      problems.push(...(await visit(page, consolePaths.dashboard, 'supervisor page refused', 403)))
      problems.push(...(await visit(page, consolePathTo('casePage', { caseId: 999999 }), 'no such case', 404)))
      await page.context().close()
      expect(problems).toEqual([])
    })

    it('every page a supervisor reads', async () => {
      const page = await (await auditContext(harness)).newPage()
      const problems: string[] = []
      await signIn(page, supervisor, language)
      problems.push(...(await visit(page, consolePaths.queue, 'queue as supervisor')))
      problems.push(...(await visit(page, consolePathTo('callback', { callbackId: phoneRequestId }), 'request worked by another')))
      problems.push(...(await visit(page, consolePathTo('message', { threadId: messageThreadId }), 'message answered by another')))
      problems.push(...(await visit(page, consolePaths.dashboard, 'dashboard')))
      problems.push(...(await visit(page, `${consolePaths.dashboard}?from=2026-13-01&to=`, 'dashboard period errors', 400)))
      problems.push(...(await visit(page, consolePathTo('caseAudit', { caseId }), 'case audit trail')))
      await page.context().close()
      expect(problems).toEqual([])
    })
  })
})
