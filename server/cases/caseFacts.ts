// Everything one view of a case is computed from, read once per request and replayed through the ledger engine.
// What is read depends on the viewer: the receiving parent's view never loads the paying parent's circumstances or
// employer, and a parent's view never loads the other parent's events. The rules downstream cannot show what was
// never read.
import type { CaseView } from './caseAccess'
import type {
  CaseParties,
  CaseRepository,
  EnforcementRecord,
  EventRecord,
  OrderRecord,
  PayerCircumstances,
} from './caseRepository'
import type { LedgerRecord } from './ledgerRepository'
import { recordedEntriesOf } from './recordedEntries'
import { replayLedger } from './rules/ledgerReplay'
import type { LedgerStatement } from './rules/ledgerStatement'
import type { CaseTerms, IsoDate } from './rules/ledgerTypes'

export interface DisbursementRecord {
  id: number
  postedOn: IsoDate
  amountCents: number
  /** direct_deposit or debit_card */
  method: string | null
  paymentId: number | null
}

export interface CaseFacts {
  view: CaseView
  /** The agency's calendar date (America/Los_Angeles) and the instant of the request. */
  today: IsoDate
  now: string
  parties: CaseParties
  orders: OrderRecord[]
  ledger: LedgerRecord[]
  statement: LedgerStatement
  /** Paid out to the family; empty for the paying parent's view. */
  disbursements: DisbursementRecord[]
  /** Actions against the paying parent; employer only in the paying parent's own view and the agency's. */
  enforcement: EnforcementRecord[]
  /** The case's events and the viewer's own; all of them for the agency. */
  events: EventRecord[]
  /** The paying parent's circumstances: in their own view and the agency's, never in the receiving parent's. */
  payer: PayerCircumstances | null
}

export function caseTermsOf(view: CaseView, parties: CaseParties): CaseTerms {
  return {
    // The rate the agency applies to this case: 10% (CCP 685.010) unless the order, another state's law or the
    // Servicemembers Civil Relief Act (recorded as interest_rate_basis 'scra', 50 USC 3937) sets another.
    interestRateBasisPoints: view.record.interestRateBasisPoints,
    assistanceStatus: view.record.assistanceStatus,
    childrenCount: parties.childrenCount,
  }
}

export async function loadCaseFacts(
  repository: CaseRepository,
  view: CaseView,
  moment: { today: IsoDate; now: string },
): Promise<CaseFacts> {
  const parties = await repository.partiesOf(view.caseId)
  const payerId = view.viewer === 'paying' ? view.participantId : parties.payingParticipantId
  const seesPayer = view.viewer !== 'receiving'
  const [orders, ledger, enforcement, events, payer] = await Promise.all([
    repository.ordersOf(view.caseId),
    repository.ledgerOf(view.caseId),
    payerId === null ? [] : repository.enforcementOf(view.caseId, payerId, { withEmployer: seesPayer }),
    repository.eventsOf(view.caseId, view.viewer === 'agency' ? null : view.participantId),
    seesPayer && payerId !== null ? repository.payerCircumstances(payerId) : undefined,
  ])
  const statement = replayLedger(caseTermsOf(view, parties), recordedEntriesOf(ledger), moment.today)
  const disbursements =
    view.viewer === 'paying'
      ? []
      : ledger
          .filter((row) => row.kind === 'disbursement' && row.postedOn <= moment.today)
          .map((row) => ({
            id: row.id,
            postedOn: row.postedOn,
            amountCents: row.amountCents,
            method: row.method,
            paymentId: row.relatedEntryId,
          }))
  return {
    view,
    today: moment.today,
    now: moment.now,
    parties,
    orders,
    ledger,
    statement,
    disbursements,
    enforcement,
    events,
    payer: payer ?? null,
  }
}
