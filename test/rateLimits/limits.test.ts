import { ConfigError, loadConfig } from '../../server/config'
import { defaultRateLimits, rateLimitSettings } from '../../server/rateLimits/limits'

describe('attempt limit settings', () => {
  it('takes the defaults, and overrides by name as attempts/seconds', () => {
    expect(rateLimitSettings(undefined)).toEqual(defaultRateLimits)
    const settings = rateLimitSettings('signInClient=3/60, factsIdentifier=5/3600')
    expect(settings.signInClient).toEqual({ attempts: 3, seconds: 60 })
    expect(settings.factsIdentifier).toEqual({ attempts: 5, seconds: 3600 })
    expect(settings.pinCaller).toEqual(defaultRateLimits.pinCaller)
  })

  it.each(['signIn=3/60', 'signInClient=3', 'signInClient=0/60', 'signInClient=-1/60'])('refuses %s at start-up with a one-line reason', (value) => {
    expect(() => loadConfig({ NODE_ENV: 'test', RATE_LIMITS: value })).toThrow(ConfigError)
  })
})
