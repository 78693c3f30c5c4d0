// The facts of a case that alerts and next steps are decided from, reduced to plain values: the rules in
// caseAlerts.ts and nextSteps.ts are pure functions of this, so they are unit-tested with any date.
import type { Viewer } from './caseAccess'
import type { CaseFacts } from './caseFacts'
import type { EventRecord, OrderRecord } from './caseRepository'
import { mayQualifyForCoap } from './coapScreening'
import { type DriversLicense, type EnforcementStatus, enforcementStatus } from './enforcementStatus'
import { type ReleaseRelief, releaseRelief } from './incarcerationRelief'
import { addMonths } from '../agencyTime/calendarDates'
import type { LedgerStatement, NextDue } from './rules/ledgerStatement'
import type { AssistanceStatus, Cents, IsoDate } from './rules/ledgerTypes'

/** Who a step or event is for: on the agency's view of a case both parents' items are listed. */
export type Audience = 'paying' | 'receiving' | 'both'

/** What the paying parent pays next: the engine's answer, or the date a paused or future order starts charging. */
export type NextPayment = NextDue | { kind: 'resumes'; dueOn: IsoDate; monthlyCents: Cents }

export interface SituationEvent {
  id: number
  kind: 'hearing' | 'appointment' | 'document_request'
  /** An instant for hearings and appointments; the due date (YYYY-MM-DD) of a document request. */
  at: string
  location: string | null
  topic: string
  audience: Audience
}

export interface CaseSituation {
  viewer: Viewer
  today: IsoDate
  /** ISO instant of the request. */
  now: string
  caseOpen: boolean
  assistanceStatus: AssistanceStatus
  /** Hearings and appointments still ahead, and documents still requested, soonest first. */
  events: SituationEvent[]
  /** The paying parent's license, in their view and the agency's; null in the receiving parent's. */
  license: DriversLicense | null
  release: ReleaseRelief | null
  nextPayment: NextPayment | null
  /** Income withholding stopped in the last year while support is still charged: a sign that income changed. */
  incomeMayHaveChanged: boolean
  /** State-owed arrears and interest, when the COAP screening says the parent may qualify. */
  coapStateOwedCents: Cents | null
  /** FC 17208: a never-assisted case, so the annual service fee applies to the receiving parent. */
  annualFeeApplies: boolean
}

export const INCOME_CHANGE_LOOKBACK_MONTHS = 12

export function ordersInForce(orders: readonly OrderRecord[], on: IsoDate): OrderRecord[] {
  return orders.filter((o) => o.effectiveFrom <= on && (o.effectiveTo === null || on <= o.effectiveTo))
}

/** The engine's next payment; when nothing is charged now, the next order to start (an order resuming after release). */
export function nextPaymentOf(statement: LedgerStatement, orders: readonly OrderRecord[], today: IsoDate): NextPayment {
  if (statement.nextDue.kind !== 'none') return statement.nextDue
  const upcoming = orders.filter((o) => o.effectiveFrom > today).map((o) => o.effectiveFrom).sort()[0]
  if (upcoming === undefined) return statement.nextDue
  const monthlyCents = ordersInForce(orders, upcoming).reduce((sum, o) => sum + o.monthlyCents, 0)
  return monthlyCents > 0 ? { kind: 'resumes', dueOn: upcoming, monthlyCents } : statement.nextDue
}

function audienceOf(event: EventRecord, facts: CaseFacts): Audience {
  if (event.participantId === null) return 'both'
  if (event.participantId === facts.parties.payingParticipantId) return 'paying'
  if (event.participantId === facts.parties.receivingParticipantId) return 'receiving'
  return 'both'
}

function situationEvents(facts: CaseFacts): SituationEvent[] {
  return facts.events
    .filter((e) =>
      e.kind === 'document_request' ? e.status === 'requested' : e.status === 'scheduled' && e.scheduledFor >= facts.now,
    )
    .map((e) => ({ id: e.id, kind: e.kind, at: e.scheduledFor, location: e.location, topic: e.topic, audience: audienceOf(e, facts) }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id))
}

function paidToStateSince(statement: LedgerStatement, since: IsoDate): Cents {
  let cents = 0
  for (const allocation of statement.allocations) {
    for (const part of allocation.parts) {
      if (part.owedTo === 'state' && part.bucket !== 'current' && part.appliedOn > since) cents += part.cents
    }
  }
  return cents
}

/** `enforcement` when the caller has already worked out the case's enforcement status from the same facts. */
export function caseSituation(facts: CaseFacts, enforcement?: EnforcementStatus): CaseSituation {
  const { view, statement, today } = facts
  const record = view.record
  const paysSide = view.viewer !== 'receiving'
  const caseOpen = record.status === 'open'
  const chargingNow = ordersInForce(facts.orders, today).some((o) => o.monthlyCents > 0)

  const license = paysSide
    ? (enforcement ?? enforcementStatus({
        caseId: view.caseId, viewer: view.viewer, asOf: today, county: record.county, officeCode: record.officeCode,
        balances: statement.balances, enforcement: facts.enforcement, payer: facts.payer,
      })).driversLicense
    : null

  const releasedOn = paysSide ? (facts.payer?.releasedFromIncarcerationOn ?? null) : null
  const recordedResumption =
    releasedOn === null ? null : (facts.orders.map((o) => o.effectiveFrom).filter((d) => d > releasedOn).sort()[0] ?? null)

  const yearAgo = addMonths(today, -INCOME_CHANGE_LOOKBACK_MONTHS)
  const withholding = facts.enforcement.filter((e) => e.kind === 'income_withholding')
  const incomeMayHaveChanged =
    paysSide &&
    caseOpen &&
    chargingNow &&
    !withholding.some((e) => e.status === 'active') &&
    withholding.some((e) => e.status === 'ended' && e.statusChangedOn > yearAgo)

  const stateOwedCents = statement.balances.stateArrearsCents + statement.balances.stateInterestCents
  const coap =
    paysSide &&
    mayQualifyForCoap({
      stateOwedCents,
      caseOpen: caseOpen && record.processingStage === 'enforcement',
      interstate: record.interestRateBasis === 'interstate',
      paidToStateLastYearCents: paidToStateSince(statement, yearAgo),
    })

  return {
    viewer: view.viewer,
    today,
    now: facts.now,
    caseOpen,
    assistanceStatus: record.assistanceStatus,
    events: situationEvents(facts),
    license,
    release: releaseRelief(releasedOn, recordedResumption, today),
    nextPayment: paysSide ? nextPaymentOf(statement, facts.orders, today) : null,
    incomeMayHaveChanged,
    coapStateOwedCents: coap ? stateOwedCents : null,
    annualFeeApplies: view.viewer !== 'paying' && caseOpen && record.assistanceStatus === 'never',
  }
}
