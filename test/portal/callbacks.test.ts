import { portalPaths, pathTo } from '../../server/portal/paths'
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
