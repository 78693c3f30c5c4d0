import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'

import compression from 'compression'
import express from 'express'

import { compressWholeBodies, largestBodyCompressedInOneCall, smallestCompressedBody } from '../../server/middleware/compressWholeBodies'

// The one-call compression of whole bodies, in front of the streaming compression middleware as the app has them.

const page = '<!doctype html><html><body>' + 'Your payment was posted. Su pago fue registrado. '.repeat(200) + '</body></html>'

function appUnderTest() {
  const app = express()
  app.use(compression())
  app.use(compressWholeBodies)
  app.get('/page', (_req, res) => res.type('html').send(page))
  app.get('/twiml', (_req, res) => res.type('text/xml').send(`<Response><Say>${'Su saldo es cero. '.repeat(100)}</Say></Response>`))
  app.get('/small', (_req, res) => res.type('html').send('<p>short</p>'))
  app.get('/image', (_req, res) => res.type('png').send(Buffer.alloc(4096, 7)))
  app.get('/no-transform', (_req, res) => res.set('Cache-Control', 'no-transform').type('html').send(page))
  app.get('/in-parts', (_req, res) => {
    res.type('html')
    res.write(page.slice(0, 3000))
    res.end(page.slice(3000))
  })
  app.get('/huge', (_req, res) => res.type('text/plain').send('x'.repeat(largestBodyCompressedInOneCall + 1)))
  app.get('/not-found', (_req, res) => res.status(404).type('html').send(page))
  return app
}

interface RawAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

let server: http.Server
let port: number

beforeAll(async () => {
  server = appUnderTest().listen(0)
  await new Promise((resolve) => server.once('listening', resolve))
  port = (server.address() as AddressInfo).port
})

afterAll(() => new Promise((resolve) => server.close(resolve)))

function fetchRaw(path: string, headers: Record<string, string>, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method, headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }))
    })
    request.on('error', reject)
    request.end()
  })
}

describe('compressing a whole body in one call', () => {
  it('sends a page in brotli when the browser asks for it, with its exact length, and it decodes to the page', async () => {
    const answer = await fetchRaw('/page', { 'accept-encoding': 'gzip, deflate, br' })
    expect(answer.headers['content-encoding']).toBe('br')
    expect(answer.headers.vary).toBe('Accept-Encoding')
    expect(answer.headers['transfer-encoding']).toBeUndefined()
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length)
    expect(answer.body.length).toBeLessThan(Buffer.byteLength(page) / 10)
    expect(brotliDecompressSync(answer.body).toString('utf8')).toBe(page)
  })

  it('sends gzip to a client that prefers it or takes nothing else', async () => {
    for (const acceptEncoding of ['gzip', 'br;q=0.5, gzip;q=1']) {
      const answer = await fetchRaw('/page', { 'accept-encoding': acceptEncoding })
      expect(answer.headers['content-encoding']).toBe('gzip')
      expect(gunzipSync(answer.body).toString('utf8')).toBe(page)
    }
  })

  it('compresses the phone line’s TwiML and an error page too', async () => {
    const twiml = await fetchRaw('/twiml', { 'accept-encoding': 'br' })
    expect(twiml.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(twiml.body).toString('utf8')).toContain('<Say>Su saldo es cero.')
    const notFound = await fetchRaw('/not-found', { 'accept-encoding': 'br' })
    expect(notFound.status).toBe(404)
    expect(brotliDecompressSync(notFound.body).toString('utf8')).toBe(page)
  })

  it('leaves alone what should not be compressed: no accepted encoding, a small body, an image, no-transform', async () => {
    const identity = await fetchRaw('/page', { 'accept-encoding': 'identity' })
    expect(identity.headers['content-encoding']).toBeUndefined()
    expect(identity.body.toString('utf8')).toBe(page)

    const noneNamed = await fetchRaw('/page', {})
    expect(noneNamed.headers['content-encoding']).toBeUndefined()
    expect(noneNamed.body.toString('utf8')).toBe(page)

    const small = await fetchRaw('/small', { 'accept-encoding': 'br' })
    expect(Buffer.byteLength('<p>short</p>')).toBeLessThan(smallestCompressedBody)
    expect(small.headers['content-encoding']).toBeUndefined()
    expect(small.body.toString('utf8')).toBe('<p>short</p>')

    const image = await fetchRaw('/image', { 'accept-encoding': 'br' })
    expect(image.headers['content-encoding']).toBeUndefined()
    expect(image.body.equals(Buffer.alloc(4096, 7))).toBe(true)

    const noTransform = await fetchRaw('/no-transform', { 'accept-encoding': 'br' })
    expect(noTransform.headers['content-encoding']).toBeUndefined()
    expect(noTransform.body.toString('utf8')).toBe(page)
  })

  it('answers HEAD with the headers only', async () => {
    const head = await fetchRaw('/page', { 'accept-encoding': 'br' }, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
  })

  it('leaves a body written in parts, or a very large one, to the streaming middleware, which still compresses it', async () => {
    const inParts = await fetchRaw('/in-parts', { 'accept-encoding': 'br' })
    expect(inParts.headers['content-encoding']).toBe('br')
    expect(inParts.headers['transfer-encoding']).toBe('chunked')
    expect(brotliDecompressSync(inParts.body).toString('utf8')).toBe(page)

    const huge = await fetchRaw('/huge', { 'accept-encoding': 'gzip' })
    expect(huge.headers['content-encoding']).toBe('gzip')
    expect(huge.headers['transfer-encoding']).toBe('chunked')
    expect(gunzipSync(huge.body).length).toBe(largestBodyCompressedInOneCall + 1)
  })
})
