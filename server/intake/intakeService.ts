import { createHash } from 'node:crypto'

import type { Insertable, Kysely, Transaction } from 'kysely'

import { daysBetween } from '../agencyTime/calendarDates'
import type { AlertChannel } from '../alerts/alertChannels'
import { raiseCaseAlert } from '../alerts/caseEventAlerts'
import { raiseDocumentRequestAlert } from '../alerts/documentRequestAlerts'
import { agencyDateOf, type Clock } from '../clock'
import type { Database, LedgerTable } from '../db/schema'
import { ssnDigest } from '../identity/ssnDigest'
import { RecordRefused, writeCase, writeEnforcement, writeOrder, writeParticipant } from './caseRecordWriters'
import { type IntakeDocument, parseIntakeDocument } from './intakeDocuments'

// Taking the case system's documents into the ledger and the case's events, which the case-inquiry service reads for
// every page and call. Each document is taken in a transaction of its own, with the record of its id: either all of
// it is written or none. A repeat of an id with the same content is "unchanged"; the same id with other content is
// refused (a correction is a new document, an adjustment, never an edit of history). Two deliveries of one document
// at once: one takes it, the other finds it taken. A recent payment or payout raises its alerts in the same
// transaction (an outbox row each), so an alert exists exactly when its event does.

export type IntakeResult =
  | { outcome: 'taken'; type: IntakeDocument['type']; id: string }
  | { outcome: 'unchanged'; type: IntakeDocument['type']; id: string }
  | { outcome: 'refused'; reason: string; id: string | null }

const Refused = RecordRefused

/** Someone else recorded this id while we wrote: roll back and look again. */
class TakenMeanwhile extends Error {}

/**
 * A digest of what the document says, independent of key order and spacing. A participant's SSN enters it only as its
 * keyed digest: a plain hash of a document that holds an SSN could be reversed by trying every SSN.
 */
export function documentDigest(document: IntakeDocument, ssnHmacKey: string): string {
  const said = document.type === 'participant' ? { ...document, ssn: ssnDigest(document.ssn, ssnHmacKey) } : document
  return createHash('sha256').update(canonicalJson(said)).digest('hex')
}

/** JSON with every object's keys sorted, nested ones too (an address, a case's roles). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

interface Written {
  caseId: number | null
  ledgerId: number | null
  eventId: number | null
  participantId: number | null
  orderId: number | null
  enforcementId: number | null
}
const nothingWritten: Written = { caseId: null, ledgerId: null, eventId: null, participantId: null, orderId: null, enforcementId: null }

/**
 * How old a payment or a payout may be and still raise an alert: the case system may send history (a backlog, a
 * correction of last year), and a text about a payment of months ago is noise, not news.
 */
export const ALERT_WITHIN_DAYS = 7

export function createIntakeService(deps: { db: Kysely<Database>; clock: Clock; alertChannels: readonly AlertChannel[]; ssnHmacKey: string }) {
  /** The alert a document raises, in its own transaction: payment posted to the paying parent, money sent to the receiving one. */
  async function raiseAlertsFor(trx: Transaction<Database>, document: IntakeDocument, caseId: number, ledgerId: number | null): Promise<void> {
    if (ledgerId === null || (document.type !== 'payment' && document.type !== 'payout')) return
    const now = deps.clock.now()
    const happenedOn = document.type === 'payment' ? document.postedOn : document.paidOn
    const age = daysBetween(happenedOn, agencyDateOf(now))
    if (age < 0 || age > ALERT_WITHIN_DAYS) return
    const event =
      document.type === 'payment'
        ? { caseId, role: 'paying' as const, kind: 'payment_posted' as const, eventKey: `payment_posted:ledger:${ledgerId}` }
        : { caseId, role: 'receiving' as const, kind: 'money_sent' as const, eventKey: `money_sent:ledger:${ledgerId}` }
    await raiseCaseAlert(trx, event, deps.alertChannels, now)
  }

  async function earlier(source: string, document: IntakeDocument, digest: string): Promise<IntakeResult | null> {
    const record = await deps.db
      .selectFrom('intake_records')
      .select(['digest', 'type'])
      .where('source', '=', source)
      .where('external_id', '=', document.id)
      .executeTakeFirst()
    if (!record) return null
    if (record.digest === digest && record.type === document.type) return { outcome: 'unchanged', type: document.type, id: document.id }
    return { outcome: 'refused', reason: 'id already taken with other content (send a correction as a new document)', id: document.id }
  }

  /** Writes the document; everything but a participant or a case needs its case to exist already. */
  async function write(trx: Transaction<Database>, source: string, document: IntakeDocument): Promise<Written> {
    const now = deps.clock.now().toISOString()
    if (document.type === 'participant') return { ...nothingWritten, participantId: await writeParticipant(trx, document, deps.ssnHmacKey, now) }
    if (document.type === 'case') return { ...nothingWritten, caseId: await writeCase(trx, document, now) }
    const found = await trx.selectFrom('cases').select('id').where('case_number', '=', document.caseNumber).executeTakeFirst()
    if (!found) throw new Refused('caseNumber: no case with that number')
    const caseId = found.id
    if (document.type === 'order') return { ...nothingWritten, caseId, orderId: await writeOrder(trx, document, caseId) }
    if (document.type === 'enforcement') return { ...nothingWritten, caseId, enforcementId: await writeEnforcement(trx, document, caseId) }
    return { ...nothingWritten, caseId, ...(await writeCaseEntry(trx, source, document, caseId)) }
  }

  async function writeCaseEntry(
    trx: Transaction<Database>,
    source: string,
    document: Exclude<IntakeDocument, { type: 'participant' | 'case' | 'order' | 'enforcement' }>,
    caseId: number,
  ): Promise<{ ledgerId: number | null; eventId: number | null }> {
    const ledgerRow: Omit<Insertable<LedgerTable>, 'posted_on' | 'kind' | 'amount_cents'> = {
      case_id: caseId, bucket: null, owed_to: null, order_kind: null, method: null, related_entry_id: null, reason: null, reference: document.id,
    }
    const insertLedger = async (row: Partial<Insertable<LedgerTable>> & Pick<Insertable<LedgerTable>, 'posted_on' | 'kind' | 'amount_cents'>) => {
      const { id } = await trx.insertInto('ledger').values({ ...ledgerRow, ...row }).returning('id').executeTakeFirstOrThrow()
      return { ledgerId: id, eventId: null }
    }
    switch (document.type) {
      case 'payment':
        return insertLedger({ posted_on: document.postedOn, kind: 'payment', method: document.method, amount_cents: document.amountCents })
      case 'payout': {
        let paymentLedgerId: number | null = null
        if (document.paymentId) {
          const payment = await trx
            .selectFrom('intake_records')
            .select('ledger_id')
            .where('source', '=', source)
            .where('external_id', '=', document.paymentId)
            .where('type', '=', 'payment')
            .where('case_id', '=', caseId)
            .executeTakeFirst()
          if (!payment?.ledger_id) throw new Refused('paymentId: no payment with that id on this case')
          paymentLedgerId = payment.ledger_id
        }
        return insertLedger({
          posted_on: document.paidOn, kind: 'disbursement', owed_to: 'family', method: document.method,
          amount_cents: document.amountCents, related_entry_id: paymentLedgerId,
        })
      }
      case 'charge':
        return insertLedger({
          posted_on: document.dueOn, kind: 'charge', bucket: 'current', owed_to: document.owedTo, order_kind: document.orderKind,
          amount_cents: document.amountCents,
        })
      case 'adjustment':
        return insertLedger({
          posted_on: document.postedOn, kind: 'adjustment', bucket: document.owedTo === 'state' ? 'state_arrears' : 'family_arrears',
          owed_to: document.owedTo, reason: document.reason, amount_cents: document.amountCents,
        })
      case 'event': {
        let participantId: number | null = null
        if (document.parId) {
          const party = await trx
            .selectFrom('participants')
            .innerJoin('case_roles', 'case_roles.participant_id', 'participants.id')
            .select('participants.id')
            .where('participants.par_id', '=', document.parId)
            .where('case_roles.case_id', '=', caseId)
            .executeTakeFirst()
          if (!party) throw new Refused('parId: nobody with that PAR ID is on this case')
          participantId = party.id
        }
        const { id } = await trx
          .insertInto('events')
          .values({
            case_id: caseId, participant_id: participantId, kind: document.kind, scheduled_for: document.scheduledFor,
            location: document.location ?? null, topic: document.topic, status: document.status,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        return { ledgerId: null, eventId: id }
      }
    }
  }

  return {
    /** Takes one document from `source`: validates it, and writes it with the record of its id, or nothing. */
    async take(source: string, input: unknown): Promise<IntakeResult> {
      const parsed = parseIntakeDocument(input)
      const claimedId = typeof (input as { id?: unknown } | null)?.id === 'string' ? ((input as { id: string }).id.slice(0, 128) || null) : null
      if ('refused' in parsed) return { outcome: 'refused', reason: parsed.refused, id: claimedId }
      const { document } = parsed
      const digest = documentDigest(document, deps.ssnHmacKey)
      const before = await earlier(source, document, digest)
      if (before) return before

      try {
        await deps.db.transaction().execute(async (trx) => {
          const written = await write(trx, source, document)
          const recorded = await trx
            .insertInto('intake_records')
            .values({
              source, external_id: document.id, type: document.type, digest, case_id: written.caseId,
              ledger_id: written.ledgerId, event_id: written.eventId, participant_id: written.participantId,
              order_id: written.orderId, enforcement_id: written.enforcementId, taken_at: deps.clock.now().toISOString(),
            })
            .onConflict((oc) => oc.columns(['source', 'external_id']).doNothing())
            .executeTakeFirst()
          if (Number(recorded.numInsertedOrUpdatedRows ?? 0) === 0) throw new TakenMeanwhile()
          if (written.caseId !== null) await raiseAlertsFor(trx, document, written.caseId, written.ledgerId)
          if (written.eventId !== null) await raiseDocumentRequestAlert(trx, written.eventId, deps.alertChannels, deps.clock.now())
        })
      } catch (error) {
        if (error instanceof Refused) return { outcome: 'refused', reason: error.reason, id: document.id }
        if (error instanceof TakenMeanwhile) return (await earlier(source, document, digest))!
        throw error
      }
      return { outcome: 'taken', type: document.type, id: document.id }
    },
  }
}

export type IntakeService = ReturnType<typeof createIntakeService>
