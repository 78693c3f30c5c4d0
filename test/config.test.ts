import { ConfigError, loadConfig } from '../server/config'

const productionSecrets = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'a'.repeat(40),
  SSN_HMAC_KEY: 'b'.repeat(40),
  TWILIO_AUTH_TOKEN: 'token',
  PUBLIC_BASE_URL: 'https://portal.example.gov',
}

describe('loadConfig', () => {
  it('gives development defaults: port 3000 and an embedded SQLite file under data/', () => {
    const config = loadConfig({})
    expect(config.port).toBe(3000)
    expect(config.database).toEqual({ dialect: 'sqlite', filename: 'data/portal.db' })
    expect(config.publicBaseUrl).toBe('http://localhost:3000')
    expect(config.demoData).toBe(true)
  })

  it('reads PORT and a PostgreSQL DATABASE_URL', () => {
    const config = loadConfig({ PORT: '4100', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cases' })
    expect(config.port).toBe(4100)
    expect(config.database).toEqual({ dialect: 'postgres', connectionString: 'postgres://postgres@127.0.0.1:5432/cases' })
  })

  it.each([
    ['mysql://localhost/db', /must start with sqlite: or postgres:\/\//],
    ['sqlite:', /needs a file path/],
    ['postgres://', /not a valid PostgreSQL URL/],
  ])('refuses DATABASE_URL %s with a one-line reason', (url, reason) => {
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(ConfigError)
    expect(() => loadConfig({ DATABASE_URL: url })).toThrow(reason)
  })

  it('refuses a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
  })

  it('starts in production only with real secrets', () => {
    expect(loadConfig(productionSecrets).production).toBe(true)
    expect(loadConfig(productionSecrets).demoData).toBe(false)
  })

  it('serves metrics only behind METRICS_TOKEN: without one there is none, in production a short one is refused', () => {
    expect(loadConfig({}).metricsToken).toBeNull()
    expect(loadConfig(productionSecrets).metricsToken).toBeNull()
    expect(loadConfig({ ...productionSecrets, METRICS_TOKEN: 'm'.repeat(32) }).metricsToken).toBe('m'.repeat(32))
  })

  it.each([
    ['SESSION_SECRET', undefined, /SESSION_SECRET/],
    ['SESSION_SECRET', 'short', /SESSION_SECRET/],
    ['SSN_HMAC_KEY', undefined, /SSN_HMAC_KEY/],
    ['TWILIO_AUTH_TOKEN', undefined, /TWILIO_AUTH_TOKEN/],
    ['PUBLIC_BASE_URL', undefined, /PUBLIC_BASE_URL/],
    ['METRICS_TOKEN', 'short', /METRICS_TOKEN/],
  ])('refuses production when %s is %s', (name, value, reason) => {
    expect(() => loadConfig({ ...productionSecrets, [name]: value })).toThrow(reason)
  })
})
