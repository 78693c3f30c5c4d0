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
import { type CaseRate, caseInterestRate } from './rules/interest'
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
  /** The interest rate the statement was replayed at, and where it comes from. */
  interestRate: CaseRate
  /** Paid out to the family; empty for the paying parent's view. */
  disbursements: DisbursementRecord[]
  /** Actions against the paying parent; employer only in the paying parent's own view and the agency's. */
  enforcement: EnforcementRecord[]
  /** The case's events and the viewer's own; all of them for the agency. */
  events: EventRecord[]
  /** The paying parent's circumstances: in their own view and the agency's, never in the receiving parent's. */
  payer: PayerCircumstances | null
}

/** The rate the agency applies (the rules' caseInterestRate) from what the case system records and the payer's duty. */
export function interestRateOf(view: CaseView, parties: CaseParties): CaseRate {
  const recorded = { basisPoints: view.record.interestRateBasisPoints, basis: view.record.interestRateBasis }
  return caseInterestRate(recorded, parties.payerOnActiveDuty)
}

export function caseTermsOf(view: CaseView, parties: CaseParties, rate: CaseRate): CaseTerms {
  return {
    interestRateBasisPoints: rate.basisPoints,
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
  const interestRate = interestRateOf(view, parties)
  const statement = replayLedger(caseTermsOf(view, parties, interestRate), recordedEntriesOf(ledger), moment.today)
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
    interestRate,
    disbursements,
    enforcement,
    events,
    payer: payer ?? null,
  }
}
