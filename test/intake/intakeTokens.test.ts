import { ConfigError, loadConfig } from '../../server/config'

// INTAKE_TOKENS names each source that may send documents, with its bearer token.

const base = { NODE_ENV: 'test' as const }

describe('INTAKE_TOKENS', () => {
  it('reads source=token pairs, and none when unset', () => {
    expect(loadConfig(base).intakeSources).toEqual([])
    expect(loadConfig({ ...base, INTAKE_TOKENS: 'casesystem=abc,courts=def' }).intakeSources).toEqual([
      { source: 'casesystem', token: 'abc' },
      { source: 'courts', token: 'def' },
    ])
  })

  it.each(['casesystem', 'Case System=abc', 'casesystem=', 'a=b=c', 'casesystem=abc,casesystem=def', 'casesystem=has space'])(
    'refuses %j',
    (value) => {
      expect(() => loadConfig({ ...base, INTAKE_TOKENS: value })).toThrow(ConfigError)
    },
  )

  it('refuses a short token in production, without saying the token', () => {
    const production = {
      NODE_ENV: 'production' as const, SESSION_SECRET: 'x'.repeat(40), SSN_HMAC_KEY: 'y'.repeat(40), TWILIO_AUTH_TOKEN: 't', PUBLIC_BASE_URL: 'https://portal.example',
    }
    expect(() => loadConfig({ ...production, INTAKE_TOKENS: 'casesystem=short-secret' })).toThrow(/casesystem must be at least 32/)
    expect(() => loadConfig({ ...production, INTAKE_TOKENS: 'casesystem=short-secret' })).not.toThrow(/short-secret/)
    expect(loadConfig({ ...production, INTAKE_TOKENS: `casesystem=${'z'.repeat(32)}` }).intakeSources).toHaveLength(1)
  })
})
