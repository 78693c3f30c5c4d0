import type { AddressInfo } from 'node:net'

import request from 'supertest'

import { measureTransfer } from '../../bench/pageWeight'
import { assetUrl } from '../../server/middleware/assetUrls'
import { portalPaths } from '../../server/portal/paths'
import { createPortalTestApp, persona, type PortalTestApp, signedInAgent } from '../portal/portalTestApp'

// What the browser moves and keeps: compressed pages and assets, assets kept for a year under their fingerprinted
// URL, public pages revalidated (back/forward cache friendly), signed-in pages never stored, and a favicon.

describe('assets, compression and caching', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  it('links every stylesheet and script by its fingerprinted URL, and the icon', async () => {
    const html = (await request(testApp.app).get('/').expect(200)).text
    const linked = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)
    expect(linked.length).toBeGreaterThanOrEqual(5)
    for (const url of linked) expect(url).toMatch(/\?v=[0-9a-f]{12}$/)
    expect(html).toContain(`<link rel="icon" href="${assetUrl('/assets/uswds/img/favicons/favicon.ico')}"`)
  })

  it('keeps a fingerprinted asset for a year and any other for a day', async () => {
    const css = '/assets/css/app.css'
    const kept = await request(testApp.app).get(assetUrl(css)).expect(200)
    expect(kept.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const stale = await request(testApp.app).get(`${css}?v=000000000000`).expect(200)
    expect(stale.headers['cache-control']).toBe('public, max-age=86400')
    const plain = await request(testApp.app).get(css).expect(200)
    expect(plain.headers['cache-control']).toBe('public, max-age=86400')
    // The fonts as the built stylesheet names them (and the layouts preload them): fingerprinted, kept a year.
    const font = await request(testApp.app).get(assetUrl('/assets/fonts/source-sans-pro/sourcesanspro-regular-webfont.woff2')).expect(200)
    expect(font.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(font.headers['content-type']).toBe('font/woff2')
  })

  it('compresses pages and assets with brotli or gzip, as the browser asks', async () => {
    const server = testApp.app.listen(0, '127.0.0.1')
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const page = await measureTransfer(`${base}/`, {})
      expect(page.encoding).toBe('br')
      expect(page.body.toString()).toContain('<html')
      const sheet = await measureTransfer(base + assetUrl('/assets/css/uswds.min.css'), {})
      expect(sheet.encoding).toBe('br')
      expect(sheet.bytes).toBeLessThan(sheet.rawBytes / 4)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
    const gzipped = await request(testApp.app).get('/').set('Accept-Encoding', 'gzip').expect(200)
    expect(gzipped.headers['content-encoding']).toBe('gzip')
  })

  it('never stores a signed-in page, and answers /favicon.ico', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    const dashboard = await agent.get(portalPaths.dashboard).expect(200)
    expect(dashboard.headers['cache-control']).toBe('private, no-store')
    const icon = await request(testApp.app).get('/favicon.ico').expect(200)
    expect(icon.headers['content-type']).toMatch(/icon/)
  })
})
