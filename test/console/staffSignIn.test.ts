import request from 'supertest'

import { consolePaths, consolePathTo } from '../../server/console/paths'
import { createPortalTestApp, csrfTokenIn, expectFormErrors, type PortalTestApp, signedInAgent, persona, text, withStatus } from '../portal/portalTestApp'
import { bilingualRep, staffAgent, supervisor } from './consoleTestApp'

describe('staff sign-in', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  it('sends a visitor from any console page to the console sign-in, not the parents’ one', async () => {
    const pages = ['home', 'queue', 'callback', 'caseSearch', 'casePage', 'caseAudit', 'dashboard', 'dashboardCsv'] as const
    for (const name of pages) {
      await request(testApp.app).get(consolePathTo(name, { callbackId: 1, caseId: 1 })).expect(303).expect('Location', consolePaths.signIn)
    }
    // A visitor's posts stop at the CSRF check, before any handler runs.
    for (const action of (['claimNext', 'claim', 'release', 'attempt', 'callNow'] as const).map((name) => consolePathTo(name, { callbackId: 1 }))) {
      await request(testApp.app).post(action).type('form').send({}).expect(403)
    }
  })

  it('signs a representative in on a fresh session and shows their name', async () => {
    const agent = request.agent(testApp.app)
    const form = await agent.get(consolePaths.signIn).expect(200)
    const before = /session=([^;]+)/.exec(String(form.headers['set-cookie']))?.[1]
    const response = await agent
      .post(consolePaths.signIn)
      .type('form')
      .send({ _csrf: csrfTokenIn(form.text), username: bilingualRep.username, password: bilingualRep.password })
      .expect(303)
    const after = /session=([^;]+)/.exec(String(response.headers['set-cookie']))?.[1]
    expect(after).toBeDefined()
    expect(after).not.toEqual(before)
    await agent.get(consolePaths.home).expect(303).expect('Location', consolePaths.queue)
  })

  it.each(['en', 'es'] as const)('refuses a wrong password with a message in %s and keeps the username', async (language) => {
    const agent = request.agent(testApp.app)
    const form = await agent.get(`${consolePaths.signIn}?lng=${language}`).expect(200)
    const response = withStatus(
      await agent.post(consolePaths.signIn).type('form').send({ _csrf: csrfTokenIn(form.text), username: supervisor.username, password: 'wrong-password' }),
      400,
    )
    expectFormErrors(response.text, language, { username: 'console:signIn.errors.notRecognised' })
    expect(response.text).toContain(`value="${supervisor.username}"`)
    expect(response.text).not.toContain('wrong-password')
  })

  it('asks for both fields when they are missing', async () => {
    const agent = request.agent(testApp.app)
    const form = await agent.get(consolePaths.signIn).expect(200)
    const response = withStatus(await agent.post(consolePaths.signIn).type('form').send({ _csrf: csrfTokenIn(form.text) }), 400)
    expectFormErrors(response.text, 'en', { username: 'console:signIn.errors.usernameRequired', password: 'console:signIn.errors.passwordRequired' })
  })

  it('refuses a post without the CSRF token and changes nothing', async () => {
    await request(testApp.app).post(consolePaths.signIn).type('form').send({ username: bilingualRep.username, password: bilingualRep.password }).expect(403)
  })

  it('does not let a parent’s credentials or session into the console', async () => {
    const parent = persona('suspended-license')
    const agent = request.agent(testApp.app)
    const form = await agent.get(consolePaths.signIn).expect(200)
    withStatus(
      await agent.post(consolePaths.signIn).type('form').send({ _csrf: csrfTokenIn(form.text), username: parent.web.username, password: parent.web.password }),
      400,
    )
    const signedInParent = await signedInAgent(testApp.app, parent)
    await signedInParent.get(consolePaths.queue).expect(303).expect('Location', consolePaths.signIn)
  })

  it('signs out and then sends the next request to sign-in', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep, 'es')
    const queue = await agent.get(consolePaths.caseSearch)
    await agent.post(consolePaths.signOut).type('form').send({ _csrf: csrfTokenIn(queue.text) }).expect(303).expect('Location', `${consolePaths.sessionEnded}?reason=signedOut`)
    const ended = await agent.get(`${consolePaths.sessionEnded}?reason=signedOut`).expect(200)
    expect(ended.text).toContain(text('es', 'console:signedOut.signedOut'))
    await agent.get(consolePaths.queue).expect(303).expect('Location', consolePaths.signIn)
  })

  it('never ends a staff session on a GET: the signed-out page sends a representative still signed in to the queue', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    for (const reason of ['signedOut', 'idle', 'limit']) {
      await agent.get(`${consolePaths.sessionEnded}?reason=${reason}`).expect(303).expect('Location', consolePaths.queue)
    }
    await agent.get(consolePaths.signOut).expect(404)
    await agent.get(consolePaths.caseSearch).expect(200)
  })

  it('tells the warning script how long a staff session has left, without counting the question as activity', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    testApp.clock.advance(5 * 60 * 1000)
    try {
      const status = await agent.get(consolePaths.sessionStatus).set('Accept', 'application/json').expect(200)
      expect(status.body).toEqual({ signedIn: true, secondsLeft: 10 * 60 })
      const again = await agent.get(consolePaths.sessionStatus).set('Accept', 'application/json').expect(200)
      expect(again.body.secondsLeft).toBe(10 * 60)
      const page = await agent.get(consolePaths.caseSearch)
      const stay = await agent.post(consolePaths.staySignedIn).set('Accept', 'application/json').type('form').send({ _csrf: csrfTokenIn(page.text) }).expect(200)
      expect(stay.body).toEqual({ signedIn: true, secondsLeft: 15 * 60 })
      // A parent's session is not a staff session.
      const parent = await signedInAgent(testApp.app, persona('current-payer'))
      await parent.get(consolePaths.sessionStatus).set('Accept', 'application/json').expect(401)
    } finally {
      testApp.clock.advance(-5 * 60 * 1000)
    }
  })

  it('ends a staff session after 15 idle minutes', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep)
    testApp.clock.advance(16 * 60 * 1000)
    await agent.get(consolePaths.caseSearch).expect(303).expect('Location', `${consolePaths.sessionEnded}?reason=idle`)
    testApp.clock.advance(-16 * 60 * 1000)
  })
})
