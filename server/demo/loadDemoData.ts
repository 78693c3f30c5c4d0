// Fills an empty database with the demo: personas, their cases and ledgers, and the console staff. Called at
// start-up inside withStartupLock (one transaction), so a second process, or a second start, loads nothing.
import type { Kysely } from 'kysely'

import { addDays, isIsoDate } from '../agencyTime/calendarDates'
import type { IsoDate } from '../cases/rules/ledgerTypes'
import type { Database, NewLedgerRow } from '../db/schema'
import { hashSecret } from '../identity/secretHashing'
import { insertInChunks } from './batchInsert'
import { agencyInstant } from './demoCalendar'
import { buildDemoDataset, type DemoDataset } from './demoDataset'
import { personaCatalog } from './personaCatalog'
import { staffCatalog } from './staffCatalog'

export interface DemoDataOptions {
  /** Key for the SSN digests, so activation with a persona's SSN matches (config.ssnHmacKey). */
  ssnHmacKey: string
  /** The anchor every demo date is counted from, in the agency's time zone. */
  today: IsoDate
}

export async function loadDemoData(db: Kysely<Database>, options: DemoDataOptions): Promise<{ loaded: boolean }> {
  // Every demo date is counted from this one, with integer arithmetic that trusts it: check it once, here.
  if (!isIsoDate(options.today)) throw new RangeError(`demo data needs today as YYYY-MM-DD, got ${JSON.stringify(options.today)}`)
  const anyone = await db.selectFrom('participants').select('id').limit(1).executeTakeFirst()
  if (anyone) return { loaded: false }

  const dataset = buildDemoDataset(options.today, options.ssnHmacKey)
  const [accounts, staff] = await Promise.all([accountRows(options.today), staffRows()])

  await insertInChunks(db, 'participants', dataset.participants)
  const participantId = idLookup('participant', await db.selectFrom('participants').select(['id', 'par_id as key']).execute())
  await insertInChunks(db, 'cases', dataset.cases.map((c) => c.row))
  const caseId = idLookup('case', await db.selectFrom('cases').select(['id', 'case_number as key']).execute())

  await insertInChunks(db, 'case_roles', dataset.cases.flatMap((c) =>
    c.roles.map((r) => ({ case_id: caseId(c.caseNumber), participant_id: participantId(r.parId), role: r.role }))))
  await insertInChunks(db, 'orders', dataset.cases.flatMap((c) =>
    c.ledger.orders.map((o) => ({
      case_id: caseId(c.caseNumber), kind: o.kind, monthly_cents: o.monthlyCents, effective_from: o.effectiveFrom,
      effective_to: o.effectiveTo, court_case_number: c.courtCaseNumber,
    }))))
  await insertInChunks(db, 'enforcement', dataset.cases.flatMap((c) =>
    c.enforcement.map(({ parId, ...e }) => ({ ...e, case_id: caseId(c.caseNumber), participant_id: participantId(parId) }))))
  await insertInChunks(db, 'events', dataset.cases.flatMap((c) =>
    c.events.map(({ parId, ...e }) => ({ ...e, case_id: caseId(c.caseNumber), participant_id: participantId(parId) }))))
  await insertInChunks(db, 'accounts', accounts.map(({ parId, ...a }) => ({ ...a, participant_id: participantId(parId) })))
  await insertInChunks(db, 'staff', staff)
  await insertLedger(db, dataset, caseId)
  return { loaded: true }
}

/** Charges, payments and adjustments first; then fees and disbursements, which name their payment's row id. */
async function insertLedger(db: Kysely<Database>, dataset: DemoDataset, caseId: (caseNumber: string) => number) {
  const recorded: NewLedgerRow[] = []
  const derived: Array<{ row: NewLedgerRow; paymentReference: string }> = []
  for (const c of dataset.cases) {
    for (const { row, relatedPaymentReference } of c.ledger.rows) {
      const withCase = { ...row, case_id: caseId(c.caseNumber), related_entry_id: null }
      if (relatedPaymentReference === null) recorded.push(withCase)
      else derived.push({ row: withCase, paymentReference: relatedPaymentReference })
    }
  }
  await insertInChunks(db, 'ledger', recorded)
  const payments = await db.selectFrom('ledger').select(['id', 'reference']).where('kind', '=', 'payment').execute()
  const paymentId = new Map(payments.map((p) => [p.reference, p.id]))
  await insertInChunks(db, 'ledger', derived.map(({ row, paymentReference }) => {
    const id = paymentId.get(paymentReference)
    if (id === undefined) throw new Error(`demo payout names an unknown payment ${paymentReference}`)
    return { ...row, related_entry_id: id }
  }))
}

function idLookup(what: string, rows: Array<{ id: number; key: string }>): (key: string) => number {
  const ids = new Map(rows.map((r) => [r.key, r.id]))
  return (key) => {
    const id = ids.get(key)
    if (id === undefined) throw new Error(`demo data refers to a missing ${what} ${key}`)
    return id
  }
}

/** Argon2id hashes are salted, so they differ on every load; everything else in the demo is reproducible. */
async function accountRows(today: IsoDate) {
  return Promise.all(
    personaCatalog.map(async (persona, index) => {
      if (!persona.activated) {
        return { parId: persona.parId, username: null, password_hash: null, pin_hash: null, failed_attempts: 0,
          locked_until: null, activated_at: null, last_sign_in_at: null }
      }
      const [passwordHash, pinHash] = await Promise.all([hashSecret(persona.web.password), hashSecret(persona.pin)])
      return {
        parId: persona.parId, username: persona.web.username, password_hash: passwordHash, pin_hash: pinHash,
        failed_attempts: 0, locked_until: null,
        activated_at: agencyInstant(addDays(today, -(90 + 13 * index)), 19, 15),
        last_sign_in_at: agencyInstant(addDays(today, -(1 + (index % 9))), 12, 5),
      }
    }),
  )
}

async function staffRows() {
  return Promise.all(
    staffCatalog.map(async (s) => ({
      username: s.username, display_name: s.displayName, password_hash: await hashSecret(s.password), role: s.role,
      languages: s.languages.join(','), failed_attempts: 0, locked_until: null, phone: s.phone,
    })),
  )
}
