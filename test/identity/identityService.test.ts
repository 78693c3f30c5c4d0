import { createIdentityService } from '../../server/identity/identityService'
import { hashSecret } from '../../server/identity/secretHashing'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { addCase, addParent, movableClock } from './identityFixtures'

describe('identity service', () => {
  let database: TestDatabase
  let clock: ReturnType<typeof movableClock>
  let identity: ReturnType<typeof createIdentityService>
  let payingId: number
  let receivingId: number

  beforeAll(async () => {
    database = await createTestDatabase()
    const caseId = await addCase(database, '340000000001')
    payingId = await addParent(
      database,
      { parId: '4000000001', ssnLast4: '1111', dateOfBirth: '1980-01-01', caseId, role: 'paying' },
      { username: 'pat.paying', password: 'Correct-Horse-1', pin: '482915' },
    )
    receivingId = await addParent(
      database,
      { parId: '4000000002', ssnLast4: '2222', dateOfBirth: '1982-02-02', caseId, role: 'receiving' },
      { username: 'rae.receiving', password: 'Battery-Staple-2', pin: '739164' },
    )
    await addParent(database, { parId: '4000000003', ssnLast4: '3333', dateOfBirth: '1990-03-03', caseId, role: 'paying' })
  })
  afterAll(() => database.close())

  beforeEach(async () => {
    clock = movableClock('2026-05-04T16:00:00Z')
    identity = createIdentityService({ db: database.db, clock })
    await database.db.updateTable('accounts').set({ failed_attempts: 0, locked_until: null }).execute()
    await database.db.deleteFrom('security_notices').execute()
  })

  it('signs a parent in with username (any case) and password', async () => {
    expect(await identity.signInWithPassword('Pat.Paying', 'Correct-Horse-1')).toEqual({
      outcome: 'signed_in', participantId: payingId, language: 'es',
    })
    expect(await identity.signInWithPassword('pat.paying', 'wrong-password')).toEqual({ outcome: 'invalid' })
    expect(await identity.signInWithPassword('nobody.here', 'Correct-Horse-1')).toEqual({ outcome: 'invalid' })
  })

  it('signs a caller in with PAR ID and PIN, or with the case number and PIN of either parent', async () => {
    expect(await identity.signInWithPin('4000000001', '482915')).toMatchObject({ outcome: 'signed_in', participantId: payingId })
    expect(await identity.signInWithPin('3400 0000 0001', '739164')).toMatchObject({ outcome: 'signed_in', participantId: receivingId })
    expect(await identity.signInWithPin('340000000001', '000000')).toEqual({ outcome: 'invalid' })
    expect(await identity.signInWithPin('999', '482915')).toEqual({ outcome: 'invalid' })
  })

  it('shares one lockout between the web and the phone, and lifts it after thirty minutes', async () => {
    for (let i = 0; i < 3; i++) expect(await identity.signInWithPin('4000000001', '111222')).toEqual({ outcome: 'invalid' })
    expect(await identity.signInWithPassword('pat.paying', 'not-it')).toEqual({ outcome: 'invalid' })
    expect(await identity.signInWithPassword('pat.paying', 'still-not-it')).toMatchObject({ outcome: 'locked' })
    // Locked: even the right secret on the other channel is refused.
    expect(await identity.signInWithPin('4000000001', '482915')).toMatchObject({ outcome: 'locked' })
    expect(await identity.signInWithPassword('pat.paying', 'Correct-Horse-1')).toMatchObject({ outcome: 'locked' })
    clock.advanceMinutes(31)
    expect(await identity.signInWithPassword('pat.paying', 'Correct-Horse-1')).toMatchObject({ outcome: 'signed_in' })
  })

  it('resets the failure count after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await identity.signInWithPassword('pat.paying', 'nope-nope-nope')
    expect(await identity.signInWithPassword('pat.paying', 'Correct-Horse-1')).toMatchObject({ outcome: 'signed_in' })
    expect(await identity.signInWithPassword('pat.paying', 'nope-nope-nope')).toEqual({ outcome: 'invalid' })
  })

  it('activates a parent with no account from case number, SSN last four and date of birth', async () => {
    const facts = { identifier: '340000000001', ssnLast4: '3333', dateOfBirth: '1990-03-03' }
    const result = await identity.setCredentials(facts, { username: 'new.parent', password: 'A-Long-Passphrase-9', pin: '582046' })
    expect(result).toMatchObject({ outcome: 'saved' })
    expect(await identity.signInWithPassword('new.parent', 'A-Long-Passphrase-9')).toMatchObject({ outcome: 'signed_in' })
    expect(await identity.signInWithPin('340000000001', '582046')).toMatchObject({ outcome: 'signed_in' })
  })

  it('refuses activation when the facts do not match, saying nothing about which fact was wrong', async () => {
    const wrongBirthday = { identifier: '340000000001', ssnLast4: '3333', dateOfBirth: '1990-03-04' }
    expect(await identity.setCredentials(wrongBirthday, { password: 'A-Long-Passphrase-9' })).toEqual({
      outcome: 'rejected', errors: { identity: 'identity:errors.identityNotMatched' },
    })
  })

  it('never locks anyone for wrong identity facts, and tells the parents the identifier names', async () => {
    const wrong = { identifier: '340000000001', ssnLast4: '9999', dateOfBirth: '1982-02-02' }
    for (let i = 0; i < 8; i++) {
      expect(await identity.setCredentials(wrong, { password: 'Guessing-Passphrase-1' })).toEqual({
        outcome: 'rejected', errors: { identity: 'identity:errors.identityNotMatched' },
      })
    }
    expect(await identity.signInWithPassword('rae.receiving', 'Battery-Staple-2')).toMatchObject({ outcome: 'signed_in' })
    expect(await identity.signInWithPin('4000000001', '482915')).toMatchObject({ outcome: 'signed_in' })
    const signedInAt = clock.now().toISOString()
    expect(await identity.securityNotices(receivingId, signedInAt)).toEqual([
      { kind: 'failed_identity_check', attempts: 8, firstAt: signedInAt, lastAt: signedInAt },
    ])
    expect(await identity.securityNotices(payingId, signedInAt)).toMatchObject([{ attempts: 8 }])
    const right = { identifier: '4000000002', ssnLast4: '2222', dateOfBirth: '1982-02-02' }
    expect(await identity.setCredentials(right, { password: 'Guessing-Passphrase-1' })).toMatchObject({ outcome: 'saved' })
    await identity.setCredentials(right, { password: 'Battery-Staple-2' })
  })

  it('checks every chosen credential and changes nothing when one is bad', async () => {
    const facts = { identifier: '4000000002', ssnLast4: '2222', dateOfBirth: '1982-02-02' }
    const result = await identity.setCredentials(facts, { username: 'x', password: 'short', pin: '1234' })
    expect(result).toEqual({
      outcome: 'rejected',
      errors: { username: 'identity:errors.usernameFormat', password: 'identity:errors.passwordTooShort', pin: 'identity:errors.pinFormat' },
    })
    expect(await identity.signInWithPassword('rae.receiving', 'Battery-Staple-2')).toMatchObject({ outcome: 'signed_in' })
  })

  it('refuses a username someone else holds', async () => {
    const facts = { identifier: '4000000002', ssnLast4: '2222', dateOfBirth: '1982-02-02' }
    expect(await identity.setCredentials(facts, { username: 'pat.paying', password: 'Another-Passphrase-3' })).toEqual({
      outcome: 'rejected', errors: { username: 'identity:errors.usernameTaken' },
    })
  })

  it('resets a forgotten password with the same facts', async () => {
    const facts = { identifier: '4000000002', ssnLast4: '2222', dateOfBirth: '1982-02-02' }
    expect(await identity.setCredentials(facts, { password: 'Fresh-Passphrase-77' })).toMatchObject({ outcome: 'saved' })
    expect(await identity.signInWithPassword('rae.receiving', 'Fresh-Passphrase-77')).toMatchObject({ outcome: 'signed_in' })
    expect(await identity.signInWithPassword('rae.receiving', 'Battery-Staple-2')).toEqual({ outcome: 'invalid' })
  })

  it('signs staff in with their own lockout', async () => {
    await database.db
      .insertInto('staff')
      .values({ username: 'rep.one', display_name: 'Rep One', password_hash: await hashSecret('Rep-Password-123'), role: 'rep', languages: 'en,es' })
      .execute()
    expect(await identity.signInStaff('rep.one', 'Rep-Password-123')).toMatchObject({ outcome: 'signed_in', role: 'rep', languages: ['en', 'es'] })
    for (let i = 0; i < 4; i++) expect(await identity.signInStaff('rep.one', 'wrong')).toEqual({ outcome: 'invalid' })
    expect(await identity.signInStaff('rep.one', 'wrong')).toMatchObject({ outcome: 'locked' })
    expect(await identity.signInStaff('rep.one', 'Rep-Password-123')).toMatchObject({ outcome: 'locked' })
  })
})
