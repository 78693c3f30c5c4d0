import request from 'supertest'

import { portalPaths } from '../../server/portal/paths'
import { htmlErrors } from '../browser/browserHarness'
import {
  createPortalTestApp,
  csrfTokenIn,
  escaped,
  expectFormErrors,
  languages,
  persona,
  type PortalTestApp,
  signedInAgent,
  submitForm,
  controlTag,
  text,
  withStatus,
} from './portalTestApp'

const sessionCookieOf = (response: { headers: Record<string, unknown> }) =>
  ((response.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('session='))?.split(';')[0]

describe('sign in and sign out', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  describe.each(languages)('validation in %s', (language) => {
    it.each([
      [{ username: '', password: '' }, { username: 'portal:signIn.errors.usernameRequired', password: 'portal:signIn.errors.passwordRequired' }],
      [{ username: 'marcus.hill', password: '' }, { password: 'portal:signIn.errors.passwordRequired' }],
      [{ username: '  ', password: 'something' }, { username: 'portal:signIn.errors.usernameRequired' }],
      [{ username: 'marcus.hill', password: 'not-his-password' }, { username: 'portal:signIn.errors.notRecognised' }],
      [{ username: 'nobody.here', password: 'whatever-it-is' }, { username: 'portal:signIn.errors.notRecognised' }],
    ])('refuses %j with 400, the summary and the username kept (never the password)', async (fields, errors) => {
      const agent = request.agent(testApp.app)
      const response = withStatus(await submitForm(agent, portalPaths.signIn, fields, `${portalPaths.signIn}?lng=${language}`), 400)
      expectFormErrors(response.text, language, errors)
      expect(controlTag(response.text, 'username')).toContain(`value="${escaped(fields.username)}"`)
      expect(controlTag(response.text, 'password')).not.toContain('value=')
    })
  })

  it.each(languages)('hints in %s to create an account after any refused sign-in, the same page whether or not the username exists', async (language) => {
    const refusedPage = async (username: string) => {
      const agent = request.agent(testApp.app)
      const html = withStatus(await submitForm(agent, portalPaths.signIn, { username, password: 'not-the-password' }, `${portalPaths.signIn}?lng=${language}`), 400).text
      // The page without what differs by request (the token, the username typed back) must be identical.
      return html.replace(/name="_csrf" value="[^"]*"/, '').replace(`value="${username}"`, '')
    }
    const known = await refusedPage(persona('both-roles').web.username)
    const unknown = await refusedPage('nobody.at.all')
    // The parent not yet activated has no username: whatever they type is refused like any other.
    const notActivated = await refusedPage(persona('released-parent').phone.parId)
    for (const html of [known, unknown, notActivated]) {
      expect(html).toContain('data-activate-hint')
      expect(html).toContain(escaped(text(language, 'portal:signIn.firstTime.text')))
      expect(html).toMatch(new RegExp(`data-activate-hint[\\s\\S]*href="${portalPaths.activate}">${escaped(text(language, 'portal:signIn.firstTime.link'))}</a>`))
    }
    expect(unknown).toBe(known)
    // The page with the hint is valid HTML (the token and the typed username taken out change nothing there).
    expect(await htmlErrors(known)).toEqual([])
    expect(notActivated).toBe(known)
    // Not before a try, and not for a form left empty.
    expect((await request(testApp.app).get(`${portalPaths.signIn}?lng=${language}`).expect(200)).text).not.toContain('data-activate-hint')
    const empty = withStatus(await submitForm(request.agent(testApp.app), portalPaths.signIn, { username: '', password: '' }), 400).text
    expect(empty).not.toContain('data-activate-hint')
  })

  it('refuses a sign-in without the CSRF token', async () => {
    await request(testApp.app).post(portalPaths.signIn).type('form').send({ username: 'marcus.hill', password: 'x' }).expect(403)
  })

  it('signs in on a new session id, keeps the participant in the session and sends the parent to the dashboard', async () => {
    const who = persona('current-payer')
    const agent = request.agent(testApp.app)
    const form = await agent.get(portalPaths.signIn).expect(200)
    const before = sessionCookieOf(form)
    expect(before).toBeDefined()
    const signedIn = await agent
      .post(portalPaths.signIn)
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), username: who.web.username.toUpperCase(), password: who.web.password })
      .expect(303)
      .expect('Location', portalPaths.dashboard)
    const after = sessionCookieOf(signedIn)
    expect(after).toBeDefined()
    expect(after).not.toBe(before)
    // The old session id is worth nothing: a fixation attempt with it gets the sign-in page.
    await request(testApp.app).get(portalPaths.dashboard).set('Cookie', before!).expect(303).expect('Location', portalPaths.signIn)
    const dashboard = await agent.get(portalPaths.dashboard).expect(200)
    expect(dashboard.text).toContain('data-session-timeout')
    expect(dashboard.text).toContain(`>${text('en', 'common:nav.signOut')}</button>`)
    // Already signed in, the sign-in page sends the parent on.
    await agent.get(portalPaths.signIn).expect(303).expect('Location', portalPaths.dashboard)
  })

  it("switches to the parent's own language when they never chose one on this device", async () => {
    const agent = request.agent(testApp.app)
    const form = await agent.get(portalPaths.signIn)
    const who = persona('spanish-speaker')
    const response = await agent
      .post(portalPaths.signIn)
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), username: who.web.username, password: who.web.password })
      .expect(303)
    expect(String(response.headers['set-cookie'])).toContain('lng=es')
    expect((await agent.get(portalPaths.dashboard)).text).toContain('<html lang="es">')
  })

  it('keeps the language the parent chose on this device', async () => {
    const agent = await signedInAgent(testApp.app, persona('spanish-speaker'), 'en')
    expect((await agent.get(portalPaths.dashboard)).text).toContain('<html lang="en">')
  })

  it('signs out: the session is destroyed and the old cookie no longer opens any page', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    const dashboard = await agent.get(portalPaths.dashboard).expect(200)
    const cookie = sessionCookieOf(dashboard)!
    const sidBefore = decodeURIComponent(cookie.split('=')[1]!).slice(2).split('.')[0]!
    expect(await testApp.database.db.selectFrom('sessions').select('sid').where('sid', '=', sidBefore).executeTakeFirst()).toBeDefined()
    await agent
      .post(portalPaths.signOut)
      .type('form')
      .send({ _csrf: csrfTokenIn(dashboard.text) })
      .expect(303)
      .expect('Location', `${portalPaths.sessionEnded}?reason=signedOut`)
    const page = await agent.get(`${portalPaths.sessionEnded}?reason=signedOut`).expect(200)
    expect(page.text).toContain(text('en', 'portal:signedOut.signedOut.title'))
    expect(page.text).not.toContain('data-session-timeout')
    await request(testApp.app).get(portalPaths.dashboard).set('Cookie', cookie).expect(303).expect('Location', portalPaths.signIn)
    // The row itself is gone from the session store.
    const sid = decodeURIComponent(cookie.split('=')[1]!).slice(2).split('.')[0]!
    expect(await testApp.database.db.selectFrom('sessions').select('sid').where('sid', '=', sid).executeTakeFirst()).toBeUndefined()
  })

  it('refuses sign-out without the CSRF token, leaving the parent signed in', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    await agent.post(portalPaths.signOut).type('form').send({}).expect(403)
    await agent.get(portalPaths.dashboard).expect(200)
  })

  it('never ends a session on a GET: the signed-out page sends a parent still signed in back to their account', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    for (const reason of ['signedOut', 'idle', 'limit']) {
      await agent.get(`${portalPaths.sessionEnded}?reason=${reason}`).expect(303).expect('Location', portalPaths.dashboard)
    }
    await agent.get(portalPaths.signOut).expect(404)
    await agent.get(portalPaths.dashboard).expect(200)
  })

  it.each(languages)('locks the account after repeated wrong passwords and says until when, in %s', async (language) => {
    const who = persona(language === 'en' ? 'military-parent' : 'coap-candidate')
    const agent = request.agent(testApp.app)
    let last = { status: 0, text: '' }
    for (let attempt = 0; attempt < 5; attempt++) {
      last = withStatus(await submitForm(agent, portalPaths.signIn, { username: who.web.username, password: 'wrong-password-0' }, `${portalPaths.signIn}?lng=${language}`), 400)
    }
    const lockedText = text(language, 'portal:signIn.errors.locked', { until: '@@' }).split('@@')[0]!
    expect(last.text).toContain(escaped(lockedText))
    // Even the right password is refused while locked: the lock is shared with the phone line.
    const right = withStatus(await submitForm(agent, portalPaths.signIn, { username: who.web.username, password: who.web.password }), 400)
    expect(right.text).toContain(escaped(lockedText))
  })
})
