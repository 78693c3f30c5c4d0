// The demo as a whole: every case well formed, every payment method and both payout methods present, payouts that
// match what the ledger engine says, accounts and staff that sign in, and one account left to activate.
import { agencyCalendar } from '../../server/callbacks/businessCalendar'
import { addBusinessDays, DISBURSEMENT_BUSINESS_DAYS } from '../../server/cases/disbursementSchedule'
import { passwordProblem, pinProblem, usernameProblem } from '../../server/identity/credentialRules'
import { verifySecret } from '../../server/identity/secretHashing'
import { ssnDigest } from '../../server/identity/ssnDigest'
import { loadDemoData } from '../../server/demo/loadDemoData'
import { personaCatalog } from '../../server/demo/personaCatalog'
import { demoPersonas, demoStaff } from '../../server/demo/personas'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { participantOf, statementOf, testSsnKey } from './demoLookups'

const today = '2026-05-14'
let database: TestDatabase

beforeAll(async () => {
  database = await createTestDatabase()
  await loadDemoData(database.db, { ssnHmacKey: testSsnKey, today })
})
afterAll(async () => {
  await database.close()
})

describe('demo cases', () => {
  it('are Sacramento cases with a case number, a caseworker, an office, both parents and children', async () => {
    const cases = await database.db.selectFrom('cases').selectAll().execute()
    expect(cases).toHaveLength(12)
    for (const c of cases) {
      expect(c).toMatchObject({ county: 'Sacramento', caseworker_name: expect.any(String), office_code: expect.any(String) })
      expect(c.case_number).toMatch(/^\d{10,12}$/)
      expect(c.interest_rate_bp).toBe(c.interest_rate_basis === 'scra' ? 600 : 1000)
      const roles = await database.db.selectFrom('case_roles').select('role').where('case_id', '=', c.id).execute()
      const count = (role: string) => roles.filter((r) => r.role === role).length
      expect([count('paying'), count('receiving')]).toEqual([1, 1])
      expect(count('child')).toBeGreaterThanOrEqual(1)
    }
  })

  it('have child orders everywhere, medical on some and spousal on one', async () => {
    const orders = await database.db.selectFrom('orders').selectAll().execute()
    const casesWith = (kind: string) => new Set(orders.filter((o) => o.kind === kind).map((o) => o.case_id)).size
    expect(casesWith('child')).toBe(12)
    expect(casesWith('medical')).toBeGreaterThanOrEqual(2)
    expect(casesWith('spousal')).toBe(1)
  })

  it('give children a PAR ID and an SSN digest but no account', async () => {
    const children = await database.db
      .selectFrom('participants')
      .innerJoin('case_roles', 'case_roles.participant_id', 'participants.id')
      .leftJoin('accounts', 'accounts.participant_id', 'participants.id')
      .select(['participants.par_id', 'participants.ssn_hmac', 'accounts.participant_id as account'])
      .where('case_roles.role', '=', 'child')
      .execute()
    expect(children.length).toBeGreaterThanOrEqual(12)
    for (const child of children) expect(child).toMatchObject({ par_id: expect.stringMatching(/^\d{10}$/), ssn_hmac: expect.stringMatching(/^[0-9a-f]{64}$/), account: null })
  })
})

describe('demo ledger', () => {
  it('holds every payment method, and both ways of paying a receiving parent', async () => {
    const rows = await database.db.selectFrom('ledger').select(['kind', 'method']).distinct().execute()
    const methods = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.method).sort()
    expect(methods('payment')).toEqual(['income_withholding', 'mail', 'moneygram', 'paynearme', 'paypal', 'sdu_online', 'sdu_phone', 'tax_intercept'])
    expect(methods('disbursement')).toEqual(['debit_card', 'direct_deposit'])
  })

  it('records nothing after today', async () => {
    const latest = await database.db.selectFrom('ledger').select((eb) => eb.fn.max('posted_on').as('latest')).executeTakeFirstOrThrow()
    expect(latest.latest! <= today).toBe(true)
  })

  it('pays out exactly the family share the ledger engine finds, two business days after each payment', async () => {
    const cases = await database.db.selectFrom('cases').select('id').execute()
    let checked = 0
    for (const { id } of cases) {
      const rows = await database.db.selectFrom('ledger').selectAll().where('case_id', '=', id).execute()
      const { allocations } = await statementOf(database.db, id, today)
      for (const payout of rows.filter((r) => r.kind === 'disbursement')) {
        const allocation = allocations.find((a) => a.paymentId === payout.related_entry_id)
        expect(allocation).toBeDefined()
        expect(payout.amount_cents).toBe(allocation!.disbursedToFamilyCents)
        expect(payout.posted_on).toBe(addBusinessDays(allocation!.postedOn, DISBURSEMENT_BUSINESS_DAYS))
        // Never on a weekend or a California state holiday: the agency's calendar.
        expect({ payout: payout.posted_on, businessDay: agencyCalendar.isBusinessDay(payout.posted_on) })
          .toEqual({ payout: payout.posted_on, businessDay: true })
        checked++
      }
      for (const fee of rows.filter((r) => r.kind === 'fee')) {
        expect(fee.amount_cents).toBe(allocations.find((a) => a.paymentId === fee.related_entry_id)?.feeWithheldCents)
      }
    }
    expect(checked).toBeGreaterThan(100)
  })
})

describe('demo accounts', () => {
  it('let a persona sign in with the password and PIN printed for them', async () => {
    const marcus = demoPersonas().find((p) => p.id === 'current-payer')!
    const account = await database.db.selectFrom('accounts').selectAll().where('username', '=', marcus.web.username).executeTakeFirstOrThrow()
    expect(await verifySecret(account.password_hash!, marcus.web.password)).toBe(true)
    expect(await verifySecret(account.pin_hash!, marcus.phone.pin)).toBe(true)
    expect(account.activated_at).not.toBeNull()
  })

  it('leave exactly one parent to activate, whose story gives the facts activation asks for', async () => {
    const waiting = await database.db.selectFrom('accounts').selectAll().where('password_hash', 'is', null).execute()
    expect(waiting).toHaveLength(1)
    const persona = demoPersonas().find((p) => !p.activation.activated)!
    const participant = await participantOf(database.db, persona.id)
    expect(waiting[0]).toMatchObject({ participant_id: participant.id, username: null, activated_at: null })
    const { caseNumber, ssnLastFour, dateOfBirth } = persona.activation
    expect(persona.story).toContain(caseNumber)
    expect(persona.story).toContain(ssnLastFour)
    expect(persona.story).toContain(dateOfBirth)
    expect(participant).toMatchObject({ ssn_last4: ssnLastFour, date_of_birth: dateOfBirth })
    expect(persona.cases).toContain(caseNumber)
    // The username, password and PIN the story says to choose are ones activation accepts.
    expect([
      usernameProblem(persona.web.username),
      passwordProblem(persona.web.password, persona.web.username),
      pinProblem(persona.phone.pin),
    ]).toEqual([null, null, null])
  })

  it('store SSNs only as a keyed digest and the last four', async () => {
    const participant = await participantOf(database.db, 'released-parent')
    expect(participant.ssn_hmac).toBe(ssnDigest('900-49-1089', testSsnKey))
    const everything = JSON.stringify(await database.db.selectFrom('participants').selectAll().execute())
    const wholeNumbers = personaCatalog.flatMap((p) => [p.ssn, p.ssn.replace(/\D/g, '')])
    const storedWhole = wholeNumbers.filter((ssn) => everything.includes(ssn))
    expect(storedWhole).toEqual([])
  })

  it('give the console a bilingual rep, an English rep and a supervisor who can sign in', async () => {
    const staff = await database.db.selectFrom('staff').selectAll().orderBy('id').execute()
    expect(staff.map((s) => [s.role, s.languages])).toEqual([['rep', 'en,es'], ['rep', 'en'], ['supervisor', 'en']])
    const supervisor = demoStaff().find((s) => s.role === 'supervisor')!
    expect(await verifySecret(staff[2]!.password_hash, supervisor.password)).toBe(true)
  })
})
