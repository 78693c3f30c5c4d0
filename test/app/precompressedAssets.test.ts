import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import zlib from 'node:zlib'

import request from 'supertest'

import { assetUrl, contentFingerprint } from '../../server/middleware/assetUrls'
import { assetsToPrecompress, precompress, precompressedFile, preferredEncoding } from '../../server/staticAssets/precompressedAssets'
import { createPortalTestApp, type PortalTestApp } from '../portal/portalTestApp'

// Static files compressed at build time are sent as they are, with the encoding the browser prefers, and never when
// they were made from another version of the file.

const stylesheet = '/assets/css/uswds.min.css'

describe('the encoding a browser prefers', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'], // Chrome lists gzip first; brotli is smaller
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', 'br'],
    ['gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*, br;q=0', 'gzip'],
    ['identity', null],
    ['gzip;q=0, br;q=0', null],
    ['', null],
    [undefined, null],
  ])('%j gets %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected)
  })
})

describe('precompressed static files', () => {
  let testApp: PortalTestApp
  let server: http.Server
  let original: Buffer
  /** A request whose body is kept as sent (supertest would decompress it). */
  const raw = (method: string, urlPath: string, headers: Record<string, string>) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const { port } = server.address() as AddressInfo
      const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
      })
      req.on('error', reject)
      req.end()
    })
  beforeAll(async () => {
    testApp = await createPortalTestApp()
    server = testApp.app.listen(0, '127.0.0.1')
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    original = fs.readFileSync('views/assets/css/uswds.min.css')
    precompress(stylesheet)
    precompress('/assets/uswds/img/favicons/favicon.ico')
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    await testApp.close()
  })

  it('chooses our assets, the USWDS files the views link and the icons the stylesheet names, and no font', () => {
    const chosen = assetsToPrecompress()
    expect(chosen).toEqual(expect.arrayContaining([stylesheet, '/assets/css/app.css', '/assets/js/quick-exit.js', '/assets/uswds/js/uswds.min.js', '/assets/uswds/img/usa-icons/info.svg']))
    expect(chosen.filter((p) => p.endsWith('.woff2'))).toEqual([])
    expect(chosen.length).toBeLessThan(100)
  })

  it('sends the brotli copy made at build time, with its encoding, type, Vary and year-long caching', async () => {
    const response = await raw('GET', assetUrl(stylesheet), { 'accept-encoding': 'gzip, deflate, br' })
    expect(response.status).toBe(200)
    expect(response.headers['content-encoding']).toBe('br')
    expect(response.headers['content-type']).toMatch(/^text\/css/)
    expect(response.headers['vary']).toMatch(/Accept-Encoding/i)
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    const sent = response.body
    expect(sent.equals(fs.readFileSync(precompressedFile(stylesheet, contentFingerprint(original), 'br')!))).toBe(true)
    expect(zlib.brotliDecompressSync(sent).equals(original)).toBe(true)
    // At brotli's best: smaller than the middleware's on-the-fly copy would be.
    expect(sent.length).toBeLessThan(zlib.brotliCompressSync(original, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }).length)
  })

  it('sends the gzip copy to a browser without brotli, the file itself to one that takes neither', async () => {
    const gzipped = await raw('GET', stylesheet, { 'accept-encoding': 'gzip' })
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gzipped.headers['cache-control']).toBe('public, max-age=86400')
    expect(zlib.gunzipSync(gzipped.body).equals(original)).toBe(true)
    const plain = await raw('GET', stylesheet, { 'accept-encoding': 'identity' })
    expect(plain.status).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.equals(original)).toBe(true)
  })

  it('answers a HEAD and a conditional request for the compressed copy', async () => {
    const head = await request(testApp.app).head(stylesheet).set('Accept-Encoding', 'br').expect(200)
    expect(head.headers['content-encoding']).toBe('br')
    const etag = head.headers['etag']!
    expect(etag).toBeTruthy()
    await request(testApp.app).get(stylesheet).set('Accept-Encoding', 'br').set('If-None-Match', etag).expect(304)
  })

  it('never sends a copy made from another version of the file', async () => {
    const staleFingerprint = '000000000000'
    const stale = precompressedFile('/assets/css/app.css', staleFingerprint, 'br')!
    fs.mkdirSync(path.dirname(stale), { recursive: true })
    fs.writeFileSync(stale, zlib.brotliCompressSync('body { color: red }'))
    try {
      const response = await raw('GET', '/assets/css/app.css', { 'accept-encoding': 'br' })
      expect(response.status).toBe(200)
      expect(zlib.brotliDecompressSync(response.body).equals(fs.readFileSync('views/assets/css/app.css'))).toBe(true)
    } finally {
      fs.rmSync(stale)
    }
  })

  it('sends /favicon.ico compressed too', async () => {
    const icon = await request(testApp.app).get('/favicon.ico').set('Accept-Encoding', 'br').expect(200)
    expect(icon.headers['content-encoding']).toBe('br')
    expect(icon.headers['content-type']).toMatch(/icon/)
  })

  it('refuses a path outside the assets', () => {
    expect(precompressedFile('/assets/css/../../package.json', 'a'.repeat(12), 'br')).toBeNull()
    expect(precompressedFile('/etc/passwd', 'a'.repeat(12), 'br')).toBeNull()
  })
})
