import { assetUrl } from '../../server/middleware/assetUrls'
import { activityResolutionMs, sessionAbsoluteMs, sessionWarningMs } from '../../server/middleware/parentSession'
import { sessionIdleMs } from '../../server/middleware/setUpWebSession'
import { portalPaths } from '../../server/portal/paths'
import { createPortalTestApp, csrfTokenIn, persona, type PortalTestApp, signedInAgent, text } from './portalTestApp'

// The idle timeout (15 minutes) and the absolute limit (12 hours), measured with the app's injected clock, and
// the warning that lets a parent stay signed in (WCAG 2.2.1).

const minute = 60_000

describe('session limits', () => {
  let testApp: PortalTestApp
  beforeEach(async () => {
    testApp = await createPortalTestApp()
  })
  afterEach(() => testApp.close())

  it('signs a parent out after 15 minutes without a request, and says why', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    testApp.clock.advance(sessionIdleMs)
    await agent.get(portalPaths.dashboard).expect(303).expect('Location', `${portalPaths.sessionEnded}?reason=idle`)
    const page = await agent.get(`${portalPaths.sessionEnded}?reason=idle`).expect(200)
    expect(page.text).toContain(text('en', 'portal:signedOut.idle.body'))
    // The session is gone, not merely hidden: the next private page asks for sign-in.
    await agent.get(portalPaths.dashboard).expect(303).expect('Location', portalPaths.signIn)
  })

  it('keeps a parent signed in while they keep using the site, each request restarting the 15 minutes', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    for (let step = 0; step < 4; step++) {
      testApp.clock.advance(sessionIdleMs - minute)
      await agent.get(portalPaths.dashboard).expect(200)
    }
  })

  it('records activity to the resolution of a few seconds: requests closer together write nothing to the session', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    const stored = async () => (await testApp.database.db.selectFrom('sessions').select(['sess']).execute()).map((r) => r.sess).join()
    testApp.clock.advance(activityResolutionMs)
    await agent.get(portalPaths.dashboard).expect(200)
    const afterActivity = await stored()
    testApp.clock.advance(activityResolutionMs - 1_000)
    await agent.get(portalPaths.dashboard).expect(200)
    expect(await stored()).toBe(afterActivity)
    // The idle limit still runs from the recorded activity, so the session ends within the resolution of 15 minutes.
    testApp.clock.advance(sessionIdleMs - activityResolutionMs + 1_000)
    await agent.get(portalPaths.dashboard).expect(303).expect('Location', `${portalPaths.sessionEnded}?reason=idle`)
  })

  it('ends every session 12 hours after sign-in, however busy', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    const steps = Math.ceil(sessionAbsoluteMs / (10 * minute))
    for (let step = 1; step < steps; step++) {
      testApp.clock.advance(10 * minute)
      await agent.get(portalPaths.dashboard).expect(200)
    }
    testApp.clock.advance(10 * minute)
    await agent.get(portalPaths.dashboard).expect(303).expect('Location', `${portalPaths.sessionEnded}?reason=limit`)
    const page = await agent.get(`${portalPaths.sessionEnded}?reason=limit`).expect(200)
    expect(page.text).toContain(text('en', 'portal:signedOut.limit.body'))
  }, 120_000) // 72 dashboards, one every ten minutes of the fixed clock: over 30 s on a loaded machine

  it('tells the warning script how long is left without counting that as activity', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    testApp.clock.advance(10 * minute)
    const status = await agent.get(portalPaths.sessionStatus).set('Accept', 'application/json').expect(200)
    expect(status.body).toEqual({ signedIn: true, secondsLeft: 5 * 60 })
    testApp.clock.advance(5 * minute)
    await agent.get(portalPaths.sessionStatus).set('Accept', 'application/json').expect(401, { signedIn: false, secondsLeft: 0 })
  })

  it('lets a warned parent stay signed in: the request restarts the idle clock', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    const page = await agent.get(portalPaths.dashboard).expect(200)
    testApp.clock.advance(sessionIdleMs - sessionWarningMs + 30_000)
    const stay = await agent
      .post(portalPaths.staySignedIn)
      .set('Accept', 'application/json')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) })
      .expect(200)
    expect(stay.body).toEqual({ signedIn: true, secondsLeft: sessionIdleMs / 1000 })
    testApp.clock.advance(sessionIdleMs - minute)
    await agent.get(portalPaths.dashboard).expect(200)
  })

  it('works without script too: "stay signed in" as a plain form goes back to the page', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    const page = await agent.get(portalPaths.details).expect(200)
    await agent
      .post(portalPaths.staySignedIn)
      .set('Host', 'portal.example')
      .set('Referer', `http://portal.example${portalPaths.details}`)
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text) })
      .expect(303)
      .expect('Location', portalPaths.details)
  })

  it('goes back only to a path on this site: a referrer that a browser would follow elsewhere goes to the account', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    const page = await agent.get(portalPaths.details).expect(200)
    const stayFrom = (referrer: string) =>
      agent
        .post(portalPaths.staySignedIn)
        .set('Host', 'portal.example')
        .set('Referer', referrer)
        .type('form')
        .send({ _csrf: csrfTokenIn(page.text) })
        .expect(303)
    const elsewhere = [
      'http://portal.example//evil.example/account',
      'http://portal.example/\\evil.example/account',
      'http://portal.example/\\/evil.example',
      'http://portal.example//%2F/evil.example',
      'https://evil.example/account',
      'http://portal.example.evil.example/account',
      'javascript://portal.example/%0aalert(1)',
      'not a url',
    ]
    for (const referrer of elsewhere) {
      const response = await stayFrom(referrer)
      expect({ referrer, location: response.headers.location }).toEqual({ referrer, location: portalPaths.dashboard })
    }
    const back = await stayFrom(`http://portal.example${portalPaths.details}?from=warning`)
    expect(back.headers.location).toBe(`${portalPaths.details}?from=warning`)
  })

  it('puts an accessible warning dialog on every signed-in page, opening 2 minutes before the end', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    const html = (await agent.get(portalPaths.dashboard).expect(200)).text
    // Named by its heading through the script (data-labelledby): a role-less div may not carry aria-labelledby.
    expect(html).toMatch(/class="usa-modal" id="session-timeout-dialog" data-labelledby="session-timeout-heading" aria-describedby="session-timeout-description"/)
    expect(html).not.toMatch(/id="session-timeout-dialog" aria-labelledby/)
    expect(html).toContain('data-force-action')
    expect(html).toContain(`data-idle-seconds="${sessionIdleMs / 1000}" data-warning-seconds="${sessionWarningMs / 1000}"`)
    expect(sessionWarningMs).toBeGreaterThanOrEqual(20_000)
    expect(html).toContain(`action="${portalPaths.staySignedIn}" data-stay-signed-in`)
    expect(html).toContain(`<script src="${assetUrl('/assets/js/session-timeout.js')}"></script>`)
  })

  it('counts the page down from what is really left when the absolute limit comes first', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    for (let elapsed = 0; elapsed < sessionAbsoluteMs - 5 * minute; elapsed += 14 * minute) {
      testApp.clock.advance(Math.min(14 * minute, sessionAbsoluteMs - 5 * minute - elapsed))
      await agent.get(portalPaths.sessionStatus).expect(200)
      await agent.get(portalPaths.howToPay).expect(200)
    }
    const html = (await agent.get(portalPaths.dashboard).expect(200)).text
    expect(html).toContain(`data-idle-seconds="${5 * 60}"`)
  })
})
