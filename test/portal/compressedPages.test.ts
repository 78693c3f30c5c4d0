import request from 'supertest'

import { createPortalTestApp, type PortalTestApp, persona, signedInAgent } from './portalTestApp'

// Every page leaves the app compressed in one call, with its length, the signed-in ones included: the session's own
// end (which saves or touches the session) writes a body in two parts, so the compression has to happen before it.

describe('pages compressed in one call', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  }, 120_000)
  afterAll(() => testApp.close())

  const compressedWhole = (headers: Record<string, string>) => {
    expect(headers['content-encoding']).toBe('br')
    expect(headers['transfer-encoding']).toBeUndefined()
    expect(Number(headers['content-length'])).toBeGreaterThan(0)
    expect(headers.vary).toContain('Accept-Encoding')
  }

  it('sends the public home page and the sign-in form in brotli, with their length', async () => {
    for (const path of ['/', '/sign-in?lng=es']) {
      const page = await request(testApp.app).get(path).set('Accept-Encoding', 'gzip, deflate, br').expect(200)
      compressedWhole(page.headers)
      expect(page.text).toContain('</html>')
    }
  })

  it('sends a signed-in parent’s pages in brotli, with their length, though the session is touched on the way out', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    for (const path of ['/account', '/account/callbacks/new', '/account?lng=es']) {
      const page = await agent.get(path).set('Accept-Encoding', 'gzip, deflate, br').expect(200)
      compressedWhole(page.headers)
      expect(page.text).toContain('</html>')
    }
  })
})
