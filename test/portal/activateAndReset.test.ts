import request from 'supertest'

import { portalPaths } from '../../server/portal/paths'
import {
  controlTag,
  createPortalTestApp,
  csrfTokenIn,
  escaped,
  expectFormErrors,
  languages,
  persona,
  type PortalTestApp,
  submitForm,
  text,
  withStatus,
} from './portalTestApp'

// First-time activation and password or PIN reset, both proved by the same identity facts.

const andre = persona('released-parent')
const factsOf = (who = andre) => {
  const [year, month, day] = who.activation.dateOfBirth.split('-')
  return {
    identifier: who.activation.caseNumber,
    ssnLast4: who.activation.ssnLastFour,
    dateOfBirthMonth: String(Number(month)),
    dateOfBirthDay: String(Number(day)),
    dateOfBirthYear: year!,
  }
}
const goodCredentials = { username: andre.web.username, password: andre.web.password, passwordConfirm: andre.web.password, pin: '739162', pinConfirm: '739162' }

const f = (name: string) => `portal:identityFacts.errors.${name}`
const factErrors: Array<[string, Record<string, string>, Record<string, string>]> = [
  ['nothing', { identifier: '', ssnLast4: '', dateOfBirthMonth: '', dateOfBirthDay: '', dateOfBirthYear: '' },
    { identifier: f('identifierRequired'), ssnLast4: f('ssnRequired'), dateOfBirthMonth: f('dateOfBirthRequired') }],
  ['letters for numbers', { identifier: 'ABC-DEF', ssnLast4: '12a4' }, { identifier: f('identifierFormat'), ssnLast4: f('ssnFormat') }],
  ['a short SSN part', { ssnLast4: '123' }, { ssnLast4: f('ssnFormat') }],
  ['an impossible date', { dateOfBirthMonth: '2', dateOfBirthDay: '30', dateOfBirthYear: '1983' }, { dateOfBirthMonth: f('dateOfBirthInvalid') }],
  ['a date in the future', { dateOfBirthYear: '2999' }, { dateOfBirthMonth: f('dateOfBirthInvalid') }],
  ['half a date', { dateOfBirthDay: '' }, { dateOfBirthMonth: f('dateOfBirthInvalid') }],
]

describe('activation and reset', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  describe.each(languages)('activation in %s', (language) => {
    const a = (name: string) => `portal:activate.errors.${name}`
    const post = async (fields: Record<string, string>) =>
      submitForm(request.agent(testApp.app), portalPaths.activate, fields, `${portalPaths.activate}?lng=${language}`)

    it.each(factErrors)('refuses %s', async (_name, change, errors) => {
      const response = withStatus(await post({ ...factsOf(), ...goodCredentials, ...change }), 400)
      expectFormErrors(response.text, language, errors)
    })

    it.each([
      ['nothing chosen', { username: '', password: '', passwordConfirm: '', pin: '', pinConfirm: '' },
        { username: a('usernameRequired'), password: a('passwordRequired'), pin: a('pinRequired') }],
      ['a bad username', { username: 'a b' }, { username: 'identity:errors.usernameFormat' }],
      ['a short password', { password: 'short', passwordConfirm: 'short' }, { password: 'identity:errors.passwordTooShort' }],
      ['a password of one character repeated', { password: 'x'.repeat(14), passwordConfirm: 'x'.repeat(14) }, { password: 'identity:errors.passwordTooSimple' }],
      ['a password of 129 characters', { password: 'Long-'.repeat(26).slice(0, 129), passwordConfirm: 'Long-'.repeat(26).slice(0, 129) }, { password: 'identity:errors.passwordTooLong' }],
      ['a password holding the username', { password: `${andre.web.username}-2024!`, passwordConfirm: `${andre.web.username}-2024!` }, { password: 'identity:errors.passwordHasUsername' }],
      ['passwords that differ', { passwordConfirm: 'Something-Else-123' }, { passwordConfirm: a('passwordsDiffer') }],
      ['a PIN of letters', { pin: 'abcdef', pinConfirm: 'abcdef' }, { pin: 'identity:errors.pinFormat' }],
      ['a PIN that is a run', { pin: '123456', pinConfirm: '123456' }, { pin: 'identity:errors.pinTooSimple' }],
      ['PINs that differ', { pinConfirm: '739163' }, { pinConfirm: a('pinsDiffer') }],
    ])('refuses %s', async (_name, change, errors) => {
      const response = withStatus(await post({ ...factsOf(), ...goodCredentials, ...change }), 400)
      expectFormErrors(response.text, language, errors)
    })

    it('refuses facts that match nobody, keeping what was typed except the secrets', async () => {
      const response = withStatus(await post({ ...factsOf(), ssnLast4: '0000', ...goodCredentials }), 400)
      expectFormErrors(response.text, language, { identifier: 'identity:errors.identityNotMatched' })
      expect(controlTag(response.text, 'identifier')).toContain(`value="${andre.activation.caseNumber}"`)
      expect(controlTag(response.text, 'ssnLast4')).toContain('value="0000"')
      expect(controlTag(response.text, 'username')).toContain(`value="${escaped(andre.web.username)}"`)
      for (const secret of ['password', 'passwordConfirm', 'pin', 'pinConfirm']) expect(controlTag(response.text, secret)).not.toContain('value=')
    })

    it('refuses a username someone else has', async () => {
      const response = withStatus(await post({ ...factsOf(), ...goodCredentials, username: persona('current-payer').web.username }), 400)
      expectFormErrors(response.text, language, { username: 'identity:errors.usernameTaken' })
    })
  })

  it('activates Andre Lewis with his case number, then he signs in with what he chose', async () => {
    const agent = request.agent(testApp.app)
    const response = withStatus(await submitForm(agent, portalPaths.activate, { ...factsOf(), ...goodCredentials }), 303)
    expect(response.headers.location).toBe(portalPaths.activated)
    expect((await agent.get(portalPaths.activated).expect(200)).text).toContain(text('en', 'portal:activate.done.heading'))
    const signIn = await agent.get(portalPaths.signIn)
    await agent
      .post(portalPaths.signIn)
      .type('form')
      .send({ _csrf: csrfTokenIn(signIn.text), username: andre.web.username, password: andre.web.password })
      .expect(303)
      .expect('Location', portalPaths.dashboard)
    expect((await agent.get(portalPaths.dashboard).expect(200)).text).toContain(andre.cases[0]!)
  })

  describe.each(languages)('reset in %s', (language) => {
    const r = (name: string) => `portal:reset.errors.${name}`
    const marcus = persona('current-payer')
    const post = async (fields: Record<string, string>) =>
      submitForm(request.agent(testApp.app), portalPaths.reset, fields, `${portalPaths.reset}?lng=${language}`)

    it.each(factErrors)('refuses %s', async (_name, change, errors) => {
      const response = withStatus(await post({ ...factsOf(marcus), password: 'A-Long-New-Password-1', passwordConfirm: 'A-Long-New-Password-1', ...change }), 400)
      expectFormErrors(response.text, language, errors)
    })

    it.each([
      ['nothing new', {}, { password: r('nothingChosen') }],
      ['a short password', { password: 'short', passwordConfirm: 'short' }, { password: 'identity:errors.passwordTooShort' }],
      ['passwords that differ', { password: 'A-Long-New-Password-1', passwordConfirm: 'A-Long-New-Password-2' }, { passwordConfirm: r('passwordsDiffer') }],
      ['a simple PIN', { pin: '111111', pinConfirm: '111111' }, { pin: 'identity:errors.pinTooSimple' }],
      ['a short PIN', { pin: '1234', pinConfirm: '1234' }, { pin: 'identity:errors.pinFormat' }],
      ['PINs that differ', { pin: '583920', pinConfirm: '583921' }, { pinConfirm: r('pinsDiffer') }],
      ['facts of nobody', { ssnLast4: '0000', password: 'A-Long-New-Password-1', passwordConfirm: 'A-Long-New-Password-1' }, { identifier: 'identity:errors.identityNotMatched' }],
    ])('refuses %s', async (_name, change, errors) => {
      const response = withStatus(await post({ ...factsOf(marcus), ...change }), 400)
      expectFormErrors(response.text, language, errors)
    })
  })

  it('resets a password by PAR ID; the old one stops working and the new one signs in', async () => {
    const who = persona('fv-paying-parent')
    const agent = request.agent(testApp.app)
    const newPassword = 'Brand-New-Passphrase-77'
    const response = withStatus(
      await submitForm(agent, portalPaths.reset, { ...factsOf(who), identifier: who.phone.parId, password: newPassword, passwordConfirm: newPassword }),
      303,
    )
    expect(response.headers.location).toBe(`${portalPaths.resetDone}?changed=password`)
    expect((await agent.get(response.headers.location).expect(200)).text).toContain(text('en', 'portal:reset.done.password'))
    const old = withStatus(await submitForm(request.agent(testApp.app), portalPaths.signIn, { username: who.web.username, password: who.web.password }), 400)
    expect(old.text).toContain(escaped(text('en', 'portal:signIn.errors.notRecognised')))
    withStatus(await submitForm(request.agent(testApp.app), portalPaths.signIn, { username: who.web.username, password: newPassword }), 303)
  })
})
