import { CODE_TRIES, createAlertSettings } from '../../server/alerts/alertSettings'
import { raiseCaseAlert } from '../../server/alerts/caseEventAlerts'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { addCase, addParent, movableClock } from '../identity/identityFixtures'

// The alert settings' guarantees, on SQLite and (with TEST_POSTGRES_URL) PostgreSQL: a code allows five tries however
// many arrive at once; a code or a link works once and not after it expires; an alert goes only to a confirmed
// destination, for a kind not turned off.

describe('alert settings', () => {
  let database: TestDatabase
  let caseId: number
  let parentId: number
  const clock = movableClock('2026-05-04T17:00:00Z')

  beforeAll(async () => {
    database = await createTestDatabase()
    caseId = await addCase(database, '340000000091')
    parentId = await addParent(
      database,
      { parId: '4000000091', ssnLast4: '1111', dateOfBirth: '1980-01-01', caseId, role: 'paying', phone: '+19165550191', email: 'on.file@example.com' },
      { username: 'alert.parent', password: 'Correct-Horse-1' },
    )
  })
  afterAll(() => database.close())

  const settings = () => createAlertSettings({ db: database.db, clock })
  const begin = (channel: 'text' | 'email', destination: string) =>
    settings().beginConfirmation(parentId, { channel, destination, language: 'en', consentWords: 'I agree.' })
  const pendingAlerts = () => database.db.selectFrom('alert_outbox').select(['channel', 'destination']).where('status', '=', 'pending').orderBy('channel').execute()

  it('counts 50 wrong codes sent at once as the five tries a code allows, so the right code is then refused', async () => {
    const { secret } = await begin('text', '+19165550192')
    const wrong = secret === '999999' ? '000000' : '999999'
    const answers = await Promise.all(Array.from({ length: 50 }, () => settings().confirmCode(parentId, wrong)))
    expect(answers.filter((a) => a === 'wrong')).toHaveLength(CODE_TRIES)
    expect(answers.filter((a) => a === 'tooManyTries')).toHaveLength(50 - CODE_TRIES)
    expect(await settings().confirmCode(parentId, secret)).toBe('tooManyTries')
    expect((await settings().get(parentId)).text).toMatchObject({ confirmed: false })
  })

  it('accepts the right code once, within its ten minutes, and not after', async () => {
    const late = await begin('text', '+19165550193')
    clock.advanceMinutes(11)
    expect(await settings().confirmCode(parentId, late.secret)).toBe('expired')
    const { secret } = await begin('text', '+19165550193')
    clock.advanceMinutes(9)
    expect(await settings().confirmCode(parentId, secret)).toBe('confirmed')
    expect(await settings().confirmCode(parentId, secret)).toBe('nothingPending')
    expect((await settings().get(parentId)).text).toEqual({ channel: 'text', destination: '+19165550193', confirmed: true, expiresAt: null })
  })

  it('confirms an email link once, and never one that expired', async () => {
    const expired = await begin('email', 'late@example.com')
    clock.advanceMinutes(24 * 60 + 1)
    expect(await settings().confirmEmailLink(expired.secret)).toBeNull()
    const { secret } = await begin('email', 'alerts@example.com')
    expect(await settings().confirmEmailLink(secret)).toEqual({ participantId: parentId })
    expect(await settings().confirmEmailLink(secret)).toBeNull()
    expect(await settings().confirmEmailLink('')).toBeNull()
  })

  it('sends a case alert only to confirmed destinations (not the contacts on file), once per event, and none of a kind turned off', async () => {
    const event = { caseId, role: 'paying' as const, kind: 'payment_posted' as const, eventKey: 'payment_posted:ledger:1' }
    expect(await raiseCaseAlert(database.db, event, ['text', 'email'], clock.now())).toBe(2)
    expect(await raiseCaseAlert(database.db, event, ['text', 'email'], clock.now())).toBe(2)
    expect(await pendingAlerts()).toEqual([
      { channel: 'email', destination: 'alerts@example.com' },
      { channel: 'text', destination: '+19165550193' },
    ])
    // Only the channels this office has set up.
    await raiseCaseAlert(database.db, { ...event, eventKey: 'payment_posted:ledger:2' }, ['email'], clock.now())
    expect(await pendingAlerts()).toHaveLength(3)

    await settings().setChoices(parentId, new Set(['money_sent']))
    expect(await raiseCaseAlert(database.db, { ...event, eventKey: 'payment_posted:ledger:3' }, ['text', 'email'], clock.now())).toBe(0)
    // The receiving role is somebody else: nobody here.
    expect(await raiseCaseAlert(database.db, { ...event, role: 'receiving', kind: 'money_sent', eventKey: 'money_sent:ledger:4' }, ['text'], clock.now())).toBe(0)
    await settings().setChoices(parentId, new Set(['payment_posted', 'money_sent']))
    await settings().turnOff(parentId, 'text')
    expect(await raiseCaseAlert(database.db, { ...event, eventKey: 'payment_posted:ledger:5' }, ['text', 'email'], clock.now())).toBe(1)
  })

  it('replacing a confirmed number with a new one leaves texts off until the new code comes back', async () => {
    await begin('text', '+19165550194')
    expect((await settings().get(parentId)).text).toMatchObject({ destination: '+19165550194', confirmed: false })
    const before = (await pendingAlerts()).length
    await raiseCaseAlert(database.db, { caseId, role: 'paying', kind: 'payment_posted', eventKey: 'payment_posted:ledger:6' }, ['text'], clock.now())
    expect(await pendingAlerts()).toHaveLength(before)
  })
})
