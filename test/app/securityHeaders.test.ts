import request from 'supertest'

import { createTestApp, type TestApp } from '../helpers/testApp'

describe('security headers', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
  })
  afterAll(() => testApp.close())

  it('sends a strict Content-Security-Policy with no inline script', async () => {
    const response = await request(testApp.app).get('/').expect(200)
    const csp = String(response.headers['content-security-policy'])
    expect(csp).toMatch(/default-src 'self'/)
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/)
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(csp).toMatch(/frame-ancestors 'none'/)
    expect(csp).toMatch(/object-src 'none'/)
    expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  })

  it('uses a fresh nonce per request', async () => {
    const nonceOf = async () =>
      /nonce-([^']+)/.exec(String((await request(testApp.app).get('/')).headers['content-security-policy']))?.[1]
    expect(await nonceOf()).not.toEqual(await nonceOf())
  })

  it('hides the framework, forbids sniffing and framing, and lets the browser keep a public page only to revalidate it', async () => {
    const response = await request(testApp.app).get('/').expect(200)
    expect(response.headers['x-powered-by']).toBeUndefined()
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(response.headers['referrer-policy']).toBe('same-origin')
    // Not no-store: the back and forward buttons may then restore the page at once (back/forward cache).
    expect(response.headers['cache-control']).toBe('private, no-cache')
  })

  it('serves USWDS from our own origin', async () => {
    const stylesheet = await request(testApp.app).get('/assets/css/uswds.min.css').expect(200)
    expect(stylesheet.headers['content-type']).toMatch(/text\/css/)
    const script = await request(testApp.app).get('/assets/uswds/js/uswds.min.js').expect(200)
    expect(script.headers['content-type']).toMatch(/javascript/)
  })
})

describe('security headers in production', () => {
  it('adds HSTS and marks the session cookie Secure', async () => {
    const testApp = await createTestApp({
      env: {
        NODE_ENV: 'production',
        SESSION_SECRET: 's'.repeat(40),
        SSN_HMAC_KEY: 'k'.repeat(40),
        TWILIO_AUTH_TOKEN: 'token',
        PUBLIC_BASE_URL: 'https://portal.example.gov',
      },
    })
    try {
      const response = await request(testApp.app).get('/').expect(200)
      expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/)
      const notFound = await request(testApp.app).get('/boom').expect(404)
      expect(notFound.text).not.toMatch(/at .*\.ts:\d+/)
    } finally {
      await testApp.close()
    }
  })
})
