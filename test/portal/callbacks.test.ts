import { consolePathTo } from '../../server/console/paths'
import { portalPaths, pathTo } from '../../server/portal/paths'
import { htmlErrors } from '../browser/browserHarness'
import { bilingualRep, staffAgent } from '../console/consoleTestApp'
import {
  controlTag,
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

// Request a callback, see its confirmation and reference code, follow its status, cancel it.

const good = { caseId: 'none', topic: 'payments', phone: '(916) 555-0150', window: 'morning', language: 'en' }

describe('callbacks', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  describe.each(languages)('in %s', (language) => {
    it('offers the form with the parent\'s cases, every topic and window, and their phone filled in', async () => {
      const who = persona('both-roles')
      const agent = await signedInAgent(testApp.app, who, language)
      const html = (await agent.get(portalPaths.requestCallback).expect(200)).text
      const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
      for (const summary of await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')) {
        expect(html).toContain(`<option value="${summary.caseId}"`)
      }
      for (const topic of ['balance', 'payments', 'license', 'order_change', 'documents', 'court', 'other']) {
        expect(html).toContain(escaped(text(language, `callbacks:topics.${topic}`)))
      }
      // The safety note is read before the button that sends the request, not after it.
      expect(html.indexOf('data-callback-safety')).toBeGreaterThan(0)
      expect(html.indexOf('data-callback-safety')).toBeLessThan(html.indexOf('<button type="submit"', html.indexOf('action="' + portalPaths.requestCallback)))
      for (const window of ['asap', 'morning', 'afternoon']) expect(html).toContain(escaped(text(language, `callbacks:windows.${window}`)))
      expect(controlTag(html, 'phone')).toContain('value="(916) 555-0104"')
      // The page's own language is chosen for the call unless the parent picks another.
      expect(controlTag(html, language === 'en' ? 'language' : 'language-es')).toContain('checked')
    })

    it.each([
      ['nothing at all', { caseId: '', topic: '', phone: '', window: '', language: '' },
        { caseId: 'portal:callbacks.errors.caseRequired', topic: 'callbacks:errors.topicUnknown', phone: 'callbacks:errors.phoneRequired', window: 'callbacks:errors.windowUnknown', language: 'callbacks:errors.languageUnknown' }],
      ['someone else\'s case', { caseId: '1' }, { caseId: 'portal:callbacks.errors.caseRequired' }],
      ['an unknown topic and window', { topic: 'gossip', window: 'midnight' }, { topic: 'callbacks:errors.topicUnknown', window: 'callbacks:errors.windowUnknown' }],
      ['a number that is not a phone number', { phone: '555' }, { phone: 'callbacks:errors.phoneInvalid' }],
      ['a number outside the US', { phone: '+44 20 7946 0958' }, { phone: 'callbacks:errors.phoneNotUs' }],
      ['a premium-rate number', { phone: '900-555-0199' }, { phone: 'callbacks:errors.phoneNotCallable' }],
      ['a third language', { language: 'fr' }, { language: 'callbacks:errors.languageUnknown' }],
    ])('refuses %s with 400, the summary and the values kept', async (_name, change, errors) => {
      const agent = await signedInAgent(testApp.app, persona('low-income-exempt'), language)
      const response = withStatus(await submitForm(agent, portalPaths.requestCallback, { ...good, ...change }), 400)
      expectFormErrors(response.text, language, errors)
      if ('phone' in change && change.phone) expect(controlTag(response.text, 'phone')).toContain(`value="${escaped(change.phone)}"`)
    })

    it('files a request, confirms it with a reference code, lists it as waiting, and cancels it', async () => {
      const who = persona(language === 'en' ? 'hearing-next-week' : 'spanish-speaker')
      const agent = await signedInAgent(testApp.app, who, language)
      const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, who) }
      const [summary] = await servicesOf(testApp).cases.listCaseSummaries(principal, 'web')
      const filed = withStatus(await submitForm(agent, portalPaths.requestCallback, { ...good, caseId: String(summary!.caseId), topic: 'court', language }), 303)
      const [request] = await servicesOf(testApp).callbacks.listForParent(principal.participantId)
      expect(request).toMatchObject({ caseId: summary!.caseId, topic: 'court', preferredWindow: 'morning', phone: '+19165550150', status: 'open' })
      expect(filed.headers.location).toBe(pathTo('callbackConfirmation', { code: request!.confirmationCode }))

      const confirmation = (await agent.get(filed.headers.location).expect(200)).text
      expect(confirmation).toContain(`<p class="confirmation-code">${request!.confirmationCode}</p>`)
      expect(confirmation).toContain(escaped(text(language, 'callbacks:topics.court')))
      expect(confirmation).toContain('(916) 555-0150')
      // The confirmation itself offers the way to cancel.
      expect(confirmation).toContain(`href="${pathTo('cancelCallback', { code: request!.confirmationCode })}"`)

      // The same request again is not filed twice: the parent is shown the one they have.
      const again = withStatus(await submitForm(agent, portalPaths.requestCallback, { ...good, caseId: String(summary!.caseId), topic: 'court', language }), 303)
      expect(again.headers.location).toBe(`${filed.headers.location}?existing=1`)
      expect((await agent.get(again.headers.location).expect(200)).text).toContain(escaped(text(language, 'portal:callbacks.confirmation.existingHeading')))

      const list = (await agent.get(portalPaths.callbacks).expect(200)).text
      expect(list).toContain(escaped(text(language, 'callbacks:statusesForParent.open')))
      expect(list).toContain(`href="${pathTo('cancelCallback', { code: request!.confirmationCode })}"`)
      const dashboard = (await agent.get(portalPaths.dashboard).expect(200)).text
      expect(dashboard).toContain(request!.confirmationCode)

      const cancelPage = (await agent.get(pathTo('cancelCallback', { code: request!.confirmationCode })).expect(200)).text
      expect(cancelPage).toContain(escaped(text(language, 'portal:callbacks.cancel.confirm')))
      const cancelled = withStatus(await submitForm(agent, pathTo('cancelCallback', { code: request!.confirmationCode }), {}), 303)
      expect((await agent.get(cancelled.headers.location).expect(200)).text).toContain(escaped(text(language, 'portal:callbacks.cancelled.heading')))
      const [after] = await servicesOf(testApp).callbacks.listForParent(principal.participantId)
      expect(after!.status).toBe('cancelled')
      const listAfter = (await agent.get(portalPaths.callbacks).expect(200)).text
      expect(listAfter).toContain(escaped(text(language, 'callbacks:statusesForParent.cancelled')))
      expect(listAfter).toContain(escaped(text(language, 'portal:callbacks.list.noneOpen')))
    })
  })

  describe.each(languages)('"Tell us more" in %s (issue 12, item 8)', (language) => {
    const who = persona(language === 'en' ? 'fv-paying-parent' : 'former-calworks-receiver')
    const storedFor = async (participantId: number) =>
      testApp.database.db.selectFrom('callbacks').select(['id', 'topic', 'details']).where('participant_id', '=', participantId).orderBy('id').execute()

    it('refuses more than 500 characters with 400, keeps what was typed, and stores nothing', async () => {
      const agent = await signedInAgent(testApp.app, who, language)
      const participantId = await participantIdOf(testApp, who)
      const long = `${'ñ'.repeat(500)}!`
      const response = withStatus(await submitForm(agent, portalPaths.requestCallback, { ...good, topic: 'other', details: long, language }), 400)
      const message = escaped(text(language, 'callbacks:errors.detailsTooLong', { max: 500, count: 501 }))
      expect(response.text).toContain(`<a class="usa-link" href="#details">${message}</a>`)
      expect(response.text).toContain(`<span class="usa-error-message" id="details-error">${message}</span>`)
      expect(response.text).toMatch(/<textarea[^>]*id="details"[^>]*aria-describedby="details-hint details-error" aria-invalid="true">/)
      expect(response.text).toContain(`>${long}</textarea>`)
      expect(await htmlErrors(response.text)).toEqual([])
      expect(await storedFor(participantId)).toEqual([])
    })

    it('stores the note as written (trimmed, line ends alike), escaped on the confirmation and on the representative\'s page', async () => {
      const agent = await signedInAgent(testApp.app, who, language)
      const participantId = await participantIdOf(testApp, who)
      const note = '  <script>alert("x")</script> & my payment of 5/1?\r\nSecond line  '
      const filed = withStatus(await submitForm(agent, portalPaths.requestCallback, { ...good, topic: 'other', details: note, language }), 303)
      const [stored] = await storedFor(participantId)
      expect(stored).toMatchObject({ topic: 'other', details: '<script>alert("x")</script> & my payment of 5/1?\nSecond line' })
      const shown = escaped(stored!.details!)
      const confirmation = (await agent.get(filed.headers.location).expect(200)).text
      expect(confirmation).toContain(`data-callback-details>${shown}</p>`)
      expect(confirmation).not.toContain('<script>alert')
      const rep = await staffAgent(testApp.app, bilingualRep, language)
      const requestPage = (await rep.get(consolePathTo('callback', { callbackId: stored!.id })).expect(200)).text
      expect(requestPage).toContain(`<dt>${escaped(text(language, 'console:callback.details'))}</dt><dd class="message-body" data-callback-details>${shown}</dd>`)
      expect(requestPage).not.toContain('<script>alert')

      // The same case and topic again is the request already waiting: it keeps its words, and the parent is told the
      // new ones were not added.
      const again = withStatus(await submitForm(agent, portalPaths.requestCallback, { ...good, topic: 'other', details: 'Something else now', language }), 303)
      expect(again.headers.location).toBe(`${filed.headers.location}?existing=1&note=0`)
      const notAdded = (await agent.get(again.headers.location).expect(200)).text
      expect(notAdded).toContain(escaped(text(language, 'portal:callbacks.confirmation.noteNotAdded')))
      expect(await htmlErrors(notAdded)).toEqual([])
      expect((await storedFor(participantId)).map((row) => row.details)).toEqual([stored!.details])
      const sameWords = withStatus(await submitForm(agent, portalPaths.requestCallback, { ...good, topic: 'other', details: note, language }), 303)
      expect(sameWords.headers.location).toBe(`${filed.headers.location}?existing=1`)
      expect((await agent.get(sameWords.headers.location).expect(200)).text).not.toContain('data-note-not-added')

      // Nothing written (or only spaces) is stored as nothing, and neither page shows an empty note.
      const blank = withStatus(await submitForm(agent, portalPaths.requestCallback, { ...good, topic: 'documents', details: ' \r\n ', language }), 303)
      const second = (await storedFor(participantId)).find((row) => row.topic === 'documents')
      expect(second?.details).toBeNull()
      expect((await agent.get(blank.headers.location).expect(200)).text).not.toContain('data-callback-details')
      expect((await rep.get(consolePathTo('callback', { callbackId: second!.id })).expect(200)).text).not.toContain('data-callback-details')
    })
  })

  it("shows nobody else's request: another parent's code is not found, to read or to cancel", async () => {
    const owner = await signedInAgent(testApp.app, persona('military-parent'))
    withStatus(await submitForm(owner, portalPaths.requestCallback, good), 303)
    const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, persona('military-parent')) }
    const [request] = await servicesOf(testApp).callbacks.listForParent(principal.participantId)
    const stranger = await signedInAgent(testApp.app, persona('coap-candidate'))
    await stranger.get(pathTo('callbackConfirmation', { code: request!.confirmationCode })).expect(404)
    await stranger.get(pathTo('cancelCallback', { code: request!.confirmationCode })).expect(404)
    withStatus(await submitForm(stranger, pathTo('cancelCallback', { code: request!.confirmationCode }), {}, portalPaths.callbacks), 404)
    const [still] = await servicesOf(testApp).callbacks.listForParent(principal.participantId)
    expect(still!.status).toBe('open')
  })

  it('refuses a cancellation without the CSRF token', async () => {
    const agent = await signedInAgent(testApp.app, persona('uncollectible-parent'))
    withStatus(await submitForm(agent, portalPaths.requestCallback, good), 303)
    const principal = { kind: 'parent' as const, participantId: await participantIdOf(testApp, persona('uncollectible-parent')) }
    const [request] = await servicesOf(testApp).callbacks.listForParent(principal.participantId)
    await agent.post(pathTo('cancelCallback', { code: request!.confirmationCode })).type('form').send({}).expect(403)
  })
})
