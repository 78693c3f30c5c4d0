import { portalPaths } from '../../server/portal/paths'
import {
  controlTag,
  createPortalTestApp,
  escaped,
  expectFormErrors,
  languages,
  participantIdOf,
  persona,
  type PortalTestApp,
  signedInAgent,
  submitForm,
  text,
  withStatus,
} from './portalTestApp'

// "My details": the form filled with what the agency has, every refusal, and every change recorded.

const valid = {
  addressLine1: '7421 Stockton Blvd',
  addressLine2: 'Apt 12',
  city: 'Sacramento',
  state: 'CA',
  postalCode: '95823',
  phonePrimary: '(916) 555-0101',
  phoneMobile: '',
  email: 'marcus.hill@example.com',
  employerName: 'Capitol Valley Health',
  language: 'en',
}
const e = (name: string) => `portal:details.errors.${name}`

describe('my details', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  describe.each(languages)('in %s', (language) => {
    it('shows the details the agency has, phone numbers as a US reader writes them', async () => {
      const agent = await signedInAgent(testApp.app, persona('current-payer'), language)
      const html = (await agent.get(portalPaths.details).expect(200)).text
      expect(controlTag(html, 'addressLine1')).toContain('value="7421 Stockton Blvd"')
      expect(controlTag(html, 'phonePrimary')).toContain('value="(916) 555-0101"')
      expect(controlTag(html, 'email')).toContain('value="marcus.hill@example.com"')
      expect(html).toMatch(/<option value="CA"\s+selected>California<\/option>/)
      expect(controlTag(html, 'language')).toContain('checked')
    })

    it('says a field is optional once, in its label, never again in a hint (issue 12, item 9)', async () => {
      const agent = await signedInAgent(testApp.app, persona('current-payer'), language)
      const html = (await agent.get(portalPaths.details).expect(200)).text
      const optionalWord = language === 'en' ? 'Optional' : 'Opcional'
      expect(html).toContain(`(${optionalWord.toLowerCase()})`)
      expect(html).not.toMatch(new RegExp(`class="usa-hint"[^>]*>\\s*${optionalWord}\\b`))
    })

    it('lists states with no blank option: a named first choice only while no state is chosen (issue 12, item 9)', async () => {
      const emptyOption = /<option\b[^>]*>\s*<\/option>/
      const agent = await signedInAgent(testApp.app, persona('current-payer'), language)
      const withState = (await agent.get(portalPaths.details).expect(200)).text
      expect(withState).not.toMatch(emptyOption)
      expect(withState).not.toContain('<option value=""')
      const withoutState = withStatus(await submitForm(agent, portalPaths.details, { ...valid, state: '' }), 400).text
      expect(withoutState).not.toMatch(emptyOption)
      expect(withoutState).toMatch(new RegExp(`<select[^>]*id="state"[^>]*>\\s*<option value=""\\s+selected>${escaped(text(language, 'portal:details.statePlaceholder'))}</option>`))
    })

    it.each([
      ['an empty form', { addressLine1: '', addressLine2: '', city: '', state: '', postalCode: '', phonePrimary: '', email: '', employerName: '', language: '' },
        { addressLine1: e('addressRequired'), city: e('cityRequired'), state: e('stateRequired'), postalCode: e('postalCodeRequired'), phonePrimary: e('phoneRequired'), language: e('languageRequired') }],
      ['an unknown state and a short ZIP', { state: 'ZZ', postalCode: '958' }, { state: e('stateRequired'), postalCode: e('postalCodeFormat') }],
      ['phone numbers that are not US numbers', { phonePrimary: '123', phoneMobile: '+44 20 7946 0958' }, { phonePrimary: e('phoneInvalid'), phoneMobile: e('phoneInvalid') }],
      ['an email without an @', { email: 'marcus.example.com' }, { email: e('emailInvalid') }],
      ['text that is far too long', { addressLine2: 'x'.repeat(101), city: 'y'.repeat(101), employerName: 'z'.repeat(101) },
        { addressLine2: e('addressTooLong'), city: e('cityTooLong'), employerName: e('employerTooLong') }],
      ['a third language', { language: 'fr' }, { language: e('languageRequired') }],
    ])('refuses %s with 400, the summary and what was typed', async (_name, change, errors) => {
      const who = persona('current-payer')
      const agent = await signedInAgent(testApp.app, who, language)
      const response = withStatus(await submitForm(agent, portalPaths.details, { ...valid, ...change }), 400)
      expectFormErrors(response.text, language, errors)
      if ('phonePrimary' in change) expect(controlTag(response.text, 'phonePrimary')).toContain(`value="${escaped(change.phonePrimary)}"`)
      const audit = await testApp.database.db.selectFrom('audit_events').select('id').where('action', '=', 'participant.contact_details_changed').where('actor_id', '=', await participantIdOf(testApp, who)).execute()
      expect(audit).toHaveLength(0)
    })
  })

  it('saves a change, says what changed, and records it with the values before and after', async () => {
    const who = persona('low-income-exempt')
    const participantId = await participantIdOf(testApp, who)
    const agent = await signedInAgent(testApp.app, who, 'es')
    const current = (await agent.get(portalPaths.details)).text
    const value = (id: string) => /value="([^"]*)"/.exec(controlTag(current, id))?.[1] ?? ''
    const fields = {
      addressLine1: '500 Capitol Mall', addressLine2: value('addressLine2'), city: value('city'), state: 'CA', postalCode: '95814',
      phonePrimary: '916-555-0177', phoneMobile: '', email: 'tanya@example.com', employerName: value('employerName'), language: 'es',
    }
    const saved = withStatus(await submitForm(agent, portalPaths.details, fields), 303)
    expect(saved.headers.location).toBe(`${portalPaths.detailsSaved}?changed=addressLine1,postalCode,phonePrimary,email,language`)
    const page = (await agent.get(saved.headers.location).expect(200)).text
    for (const field of ['addressLine1', 'postalCode', 'phonePrimary', 'email', 'language']) {
      expect(page).toContain(escaped(text('es', `portal:details.fieldNames.${field}`)))
    }
    const row = await testApp.database.db.selectFrom('participants').selectAll().where('id', '=', participantId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ address_line1: '500 Capitol Mall', postal_code: '95814', phone_primary: '+19165550177', email: 'tanya@example.com', language: 'es' })
    const [audit] = await testApp.database.db.selectFrom('audit_events').selectAll().where('action', '=', 'participant.contact_details_changed').where('actor_id', '=', participantId).execute()
    expect(audit).toMatchObject({ actor_kind: 'parent', channel: 'web', case_id: null, occurred_at: testApp.clock.now().toISOString() })
    expect(JSON.parse(audit!.details!)).toMatchObject({
      fields: ['addressLine1', 'postalCode', 'phonePrimary', 'email', 'language'],
      before: { addressLine1: '4120 Norwood Ave', postalCode: '95838', phonePrimary: '+19165550106', email: null, language: 'en' },
      after: { addressLine1: '500 Capitol Mall', postalCode: '95814', phonePrimary: '+19165550177', email: 'tanya@example.com', language: 'es' },
    })

    const unchanged = withStatus(await submitForm(agent, portalPaths.details, fields), 303)
    expect(unchanged.headers.location).toBe(`${portalPaths.detailsSaved}?changed=`)
    expect((await agent.get(unchanged.headers.location)).text).toContain(escaped(text('es', 'portal:details.saved.nothingHeading')))
  })

  it('refuses a change without the CSRF token', async () => {
    const agent = await signedInAgent(testApp.app, persona('current-payer'))
    await agent.post(portalPaths.details).type('form').send(valid).expect(403)
  })
})
