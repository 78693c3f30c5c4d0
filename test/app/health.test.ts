import request from 'supertest'

import { createTestApp, type TestApp } from '../helpers/testApp'

describe('health, readiness and metrics', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = await createTestApp()
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

  it('GET /metrics serves Prometheus text that counts requests by route', async () => {
    await request(testApp.app).get('/').expect(200)
    const response = await request(testApp.app).get('/metrics').expect(200)
    expect(response.headers['content-type']).toMatch(/text\/plain/)
    expect(response.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/",status="200"\} 1/)
    expect(response.text).toMatch(/process_cpu_user_seconds_total/)
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
