import { consolePaths } from '../../server/console/paths'
import { htmlErrors } from '../browser/browserHarness'
import { queuePageSize } from '../../server/queue/queuePaging'
import { createPortalTestApp, escaped, participantIdOf, persona, type PortalTestApp, servicesOf, text, withStatus } from '../portal/portalTestApp'
import { bilingualRep, staffAgent } from './consoleTestApp'

// The queue page in pages of fifty, due first, with how many wait in all: a backlog of hundreds is one page to draw,
// not hundreds of rows. Every item is on exactly one page, in the order of the whole queue; the filters hold from
// page to page; a page number out of range or not a number lands on a page that exists.

const codesIn = (html: string) => [...html.matchAll(/<th scope="row" data-label="[^"]*"><a class="usa-link" href="([^"]+)"/g)].map((m) => m[1]!)

describe('the queue in pages', () => {
  let testApp: PortalTestApp
  const callbacksWaiting = 90
  const messagesWaiting = 12

  beforeAll(async () => {
    testApp = await createPortalTestApp()
    const services = servicesOf(testApp)
    for (let i = 0; i < callbacksWaiting; i++) {
      await services.callbacks.requestCallback({
        phone: `+1916555${String(1000 + i)}`,
        language: i % 3 ? 'en' : 'es',
        topic: i % 2 ? 'payments' : 'license',
        preferredWindow: 'asap',
        channel: 'phone',
      })
    }
    const writer = await participantIdOf(testApp, persona('current-payer'))
    for (let i = 0; i < messagesWaiting; i++) {
      await services.messages.startThread({ participantId: writer, caseId: null, topic: 'other', body: `Question ${i}`, language: 'en' })
    }
  }, 120_000)
  afterAll(() => testApp.close())

  it('shows fifty at a time, due first, every item on exactly one page, with the count of all', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    const whole = await servicesOf(testApp).queue.list()
    const total = callbacksWaiting + messagesWaiting
    expect(whole).toHaveLength(total)

    const pageCount = Math.ceil(total / queuePageSize)
    expect(pageCount).toBeGreaterThan(2)
    const listed: string[] = []
    for (let page = 1; page <= pageCount; page++) {
      const html = withStatus(await agent.get(page === 1 ? consolePaths.queue : `${consolePaths.queue}?page=${page}`), 200).text
      const to = Math.min(page * queuePageSize, total)
      expect(html).toContain(escaped(text('en', 'console:queue.caption', { count: total })))
      expect(html).toContain(escaped(text('en', 'console:queue.pages.showing', { from: (page - 1) * queuePageSize + 1, to })))
      expect(html).toContain(escaped(text('en', 'console:queue.pages.pageOf', { page, pages: pageCount })))
      // Due sooner leads back (page 1 without a number), due later onwards; neither where there is none.
      if (page > 1) expect(html).toContain(`href="${escaped(page === 2 ? consolePaths.queue : `${consolePaths.queue}?page=${page - 1}`)}"`)
      else expect(html).not.toContain(escaped(text('en', 'console:queue.pages.previous')))
      if (page < pageCount) expect(html).toContain(`href="${escaped(`${consolePaths.queue}?page=${page + 1}`)}"`)
      else expect(html).not.toContain(escaped(text('en', 'console:queue.pages.next')))
      expect(codesIn(html)).toHaveLength(to - (page - 1) * queuePageSize)
      expect(await htmlErrors(html)).toEqual([])
      listed.push(...codesIn(html))
    }
    expect(new Set(listed).size).toBe(total)
    // The pages together are the whole queue in its order: the same items the service lists, due first.
    const hrefOf = (entry: (typeof whole)[number]) => (entry.kind === 'callback' ? `/console/callbacks/${entry.callback.id}` : `/console/messages/${entry.thread.id}`)
    expect(listed).toEqual(whole.map(hrefOf))
  })

  it('keeps the filters from page to page, and counts only what they match', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep, 'es')
    const matching = (await servicesOf(testApp).queue.list({ kind: 'callback', language: 'en' })).length
    expect(matching).toBeGreaterThan(queuePageSize)
    const first = withStatus(await agent.get(`${consolePaths.queue}?kind=callback&language=en&topic=`), 200).text
    expect(first).toContain(escaped(text('es', 'console:queue.caption', { count: matching })))
    expect(first).toContain(`href="${escaped(`${consolePaths.queue}?kind=callback&language=en&page=2`)}"`)
    const second = withStatus(await agent.get(`${consolePaths.queue}?kind=callback&language=en&page=2`), 200).text
    expect(codesIn(second)).toHaveLength(matching - queuePageSize)
    expect(codesIn(second).every((href) => href.startsWith('/console/callbacks/'))).toBe(true)
  })

  it.each([['99'], ['0'], ['-1'], ['two'], ['1e3'], ['99999999999']])('answers page=%s with a page that exists', async (page) => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    const html = withStatus(await agent.get(`${consolePaths.queue}?page=${encodeURIComponent(page)}`), 200).text
    expect(codesIn(html).length).toBeGreaterThan(0)
  })
})
