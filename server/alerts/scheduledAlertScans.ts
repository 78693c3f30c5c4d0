// The reads behind the time-based alerts: which parents, on which cases, an occasion concerns today. Every scan starts
// from the parents who confirmed somewhere to send alerts (a few of the parents, and a small table), a page at a time,
// so a scan costs the same whether the county has a thousand cases or a million; each read after that is on an index
// (case_roles by participant, orders by case, ledger by case and date, events by case and time).
import type { Kysely } from 'kysely'

import { addDays, type IsoDate } from '../agencyTime/calendarDates'
import type { Database } from '../db/schema'
import type { CaseAlertEvent } from './caseEventAlerts'
import { COMING_UP_DAYS } from './scheduledAlertRules'

/** The next page of parents with a confirmed alert destination, after `afterId`. */
export async function subscriberPage(db: Kysely<Database>, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('alert_destinations')
    .select('participant_id')
    .distinct()
    .where('confirmed_at', 'is not', null)
    .where('participant_id', '>', afterId)
    .orderBy('participant_id')
    .limit(limit)
    .execute()
  return rows.map((row) => row.participant_id)
}

const payingOnOpenCases = (db: Kysely<Database>, participantIds: readonly number[]) =>
  db
    .selectFrom('case_roles')
    .innerJoin('cases', 'cases.id', 'case_roles.case_id')
    .select(['case_roles.case_id as caseId', 'case_roles.participant_id as participantId'])
    .where('case_roles.participant_id', 'in', [...participantIds])
    .where('case_roles.role', '=', 'paying')
    .where('cases.status', '=', 'open')

/** Paying parents whose case has an order in effect on `dueOn`: a payment falls due then. */
export async function dueSoonEvents(db: Kysely<Database>, participantIds: readonly number[], dueOn: IsoDate): Promise<CaseAlertEvent[]> {
  if (participantIds.length === 0) return []
  const rows = await payingOnOpenCases(db, participantIds)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('orders')
          .select('orders.id')
          .whereRef('orders.case_id', '=', 'case_roles.case_id')
          .where('orders.effective_from', '<=', dueOn)
          .where((o) => o.or([o('orders.effective_to', 'is', null), o('orders.effective_to', '>=', dueOn)])),
      ),
    )
    .execute()
  return rows.map((row) => ({
    caseId: row.caseId, role: 'paying', participantId: row.participantId, kind: 'payment_due_soon', eventKey: `payment_due_soon:case:${row.caseId}:${dueOn}`,
  }))
}

/** Paying parents whose case was charged support this month and has taken no payment since the month began. */
export async function paymentMissingEvents(db: Kysely<Database>, participantIds: readonly number[], month: IsoDate, today: IsoDate): Promise<CaseAlertEvent[]> {
  if (participantIds.length === 0) return []
  const rows = await payingOnOpenCases(db, participantIds)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('ledger').select('ledger.id').whereRef('ledger.case_id', '=', 'case_roles.case_id').where('ledger.kind', '=', 'charge').where('ledger.posted_on', '=', month),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('ledger')
            .select('ledger.id')
            .whereRef('ledger.case_id', '=', 'case_roles.case_id')
            .where('ledger.kind', '=', 'payment')
            .where('ledger.posted_on', '>=', month)
            .where('ledger.posted_on', '<=', today),
        ),
      ),
    )
    .execute()
  return rows.map((row) => ({
    caseId: row.caseId, role: 'paying', participantId: row.participantId, kind: 'payment_missing', eventKey: `payment_missing:case:${row.caseId}:${month}`,
  }))
}

/** Parents with a scheduled hearing or appointment after `after` and by `until` (theirs, or their case's). */
export async function comingUpEvents(
  db: Kysely<Database>,
  participantIds: readonly number[],
  today: IsoDate,
  window: { after: Date; until: Date },
): Promise<CaseAlertEvent[]> {
  if (participantIds.length === 0) return []
  // Instants are ISO text that may carry any offset; a day's margin either side narrows the read on the index, and
  // the exact window is judged on the parsed instant.
  const rows = await db
    .selectFrom('events')
    .innerJoin('case_roles', 'case_roles.case_id', 'events.case_id')
    .innerJoin('cases', 'cases.id', 'events.case_id')
    .select(['events.id', 'events.case_id', 'events.kind', 'events.scheduled_for', 'events.participant_id as named', 'case_roles.participant_id as participantId'])
    .where('case_roles.participant_id', 'in', [...participantIds])
    .where('case_roles.role', 'in', ['paying', 'receiving'])
    .where('cases.status', '=', 'open')
    .where('events.kind', 'in', ['hearing', 'appointment'])
    .where('events.status', '=', 'scheduled')
    .where('events.scheduled_for', '>=', addDays(today, -1))
    .where('events.scheduled_for', '<', addDays(today, COMING_UP_DAYS + 2))
    .execute()
  const events: CaseAlertEvent[] = []
  const seen = new Set<string>()
  for (const row of rows) {
    const at = Date.parse(row.scheduled_for)
    if (!(at > window.after.getTime() && at <= window.until.getTime())) continue
    if (row.named !== null && row.named !== row.participantId) continue
    const key = `${row.id}:${row.participantId}`
    if (seen.has(key)) continue
    seen.add(key)
    events.push({
      caseId: row.case_id, role: 'parents', participantId: row.participantId, kind: 'appointment_coming',
      eventKey: `appointment_coming:event:${row.id}`, ...(row.kind === 'hearing' ? { variant: 'hearing' } : {}),
    })
  }
  return events
}
