import request from 'supertest'

import { createTestApp, type TestApp } from '../helpers/testApp'

const metricsToken = 'metrics-token-for-the-tests-0123456789abcdef'

describe('health, readiness and metrics', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp({ env: { METRICS_TOKEN: metricsToken } })
  })
  afterAll(() => testApp.close())

  it('GET /healthz answers 200 without making a session', async () => {
    const response = await request(testApp.app).get('/healthz').expect(200)
    expect(response.text).toBe('ok')
    expect(response.headers['set-cookie']).toBeUndefined()
  })

  it('GET /readyz answers 200 while the database answers', async () => {
    await request(testApp.app).get('/readyz').expect(200)
  })

  it('GET /metrics serves Prometheus text that counts requests by route, to the holder of the bearer token', async () => {
    await request(testApp.app).get('/').expect(200)
    const response = await request(testApp.app).get('/metrics').set('Authorization', `Bearer ${metricsToken}`).expect(200)
    expect(response.headers['content-type']).toMatch(/text\/plain/)
    expect(response.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/",status="200"\} 1/)
    expect(response.text).toMatch(/process_cpu_user_seconds_total/)
  })
})

describe('who may read the metrics', () => {
  it('answers 401 with a Bearer challenge to a request without the token or with another', async () => {
    const testApp = await createTestApp({ env: { METRICS_TOKEN: metricsToken } })
    try {
      for (const authorization of [undefined, `Bearer ${metricsToken}x`, `Bearer ${metricsToken.slice(1)}`, `Basic ${metricsToken}`, 'Bearer ', metricsToken]) {
        const asked = request(testApp.app).get('/metrics')
        const response = await (authorization === undefined ? asked : asked.set('Authorization', authorization)).expect(401)
        expect(response.headers['www-authenticate']).toBe('Bearer realm="metrics"')
        expect(response.text).not.toMatch(/http_request_duration_seconds|process_cpu/)
      }
    } finally {
      await testApp.close()
    }
  })

  it('serves no metrics at all when no token is configured', async () => {
    const testApp = await createTestApp()
    try {
      const response = await request(testApp.app).get('/metrics').set('Authorization', 'Bearer anything').expect(404)
      expect(response.text).not.toMatch(/process_cpu/)
    } finally {
      await testApp.close()
    }
  })
})

describe('readiness when the database is gone', () => {
  it('GET /readyz answers 503', async () => {
    const testApp = await createTestApp()
    await testApp.database.close()
    await request(testApp.app).get('/readyz').expect(503)
    await request(testApp.app).get('/healthz').expect(200)
  })
})
