// "What happens next": a short list, most pressing first, in words for the parent it is shown to. Order:
//   1. documents asked for and hearings or appointments ahead, by date (at most MAX_DATED_STEPS of them);
//   2. the driver's license: the FC 17520.5 low-income exemption, then how to get it released or keep it (FC 17520);
//   3. support paused after release from incarceration, and when it resumes (FC 4007.5);
//   4. current support due this month;
//   5. asking for a review of the order when income changed (FC 3651; FC 4007.5(b)(4) after release);
//   6. the Compromise of Arrears Program, for state-owed arrears only (FC 17560);
//   7. the annual service fee, for a receiving parent who never received assistance (FC 17208);
//   8. how to reach a person, always last.
import { ANNUAL_SERVICE_FEE_CENTS, ANNUAL_SERVICE_FEE_THRESHOLD_CENTS } from './rules/annualServiceFee'
import type { Audience, CaseSituation, SituationEvent } from './caseSituation'
import { type Message, date, dateTime, message, money, month, text } from './messages'

export type NextStepKind =
  | 'document_request'
  | 'hearing'
  | 'appointment'
  | 'license_low_income'
  | 'license_release'
  | 'license_keep'
  | 'support_paused'
  | 'pay_current_support'
  | 'modification'
  | 'coap'
  | 'annual_fee'
  | 'contact_us'

export interface NextStep extends Message {
  kind: NextStepKind
  /** Which parent the step speaks to; on the agency's view both parents' steps are listed. */
  audience: Audience
}

export const MAX_DATED_STEPS = 3

function step(kind: NextStepKind, audience: Audience, { key, params }: Message): NextStep {
  return { kind, audience, key, params }
}

function datedStep(event: SituationEvent, today: string): NextStep {
  const topic = text(event.topic)
  if (event.kind === 'document_request') {
    const dueDate = event.at.slice(0, 10)
    const key = dueDate < today ? 'cases:nextSteps.documentOverdue' : 'cases:nextSteps.documentRequested'
    return step('document_request', event.audience, message(key, { topic, dueDate: date(dueDate) }))
  }
  const base = `cases:nextSteps.${event.kind}`
  const params = { topic, dateTime: dateTime(event.at) }
  return step(
    event.kind,
    event.audience,
    event.location === null
      ? message(`${base}WithoutPlace`, params)
      : message(base, { ...params, location: text(event.location) }),
  )
}

function payingSteps(s: CaseSituation): NextStep[] {
  const steps: NextStep[] = []
  const license = s.license
  if (license && (license.status === 'suspended' || license.status === 'listed' || license.status === 'notice_sent')) {
    if (license.lowIncome?.atOrBelowThreshold) {
      steps.push(step('license_low_income', 'paying', message('cases:nextSteps.licenseLowIncome', {
        threshold: money(license.lowIncome.thresholdCents),
      })))
    }
    const pastDue = money(license.release?.pastDueCents ?? 0)
    steps.push(
      license.status === 'suspended'
        ? step('license_release', 'paying', message('cases:nextSteps.licenseSuspended', { pastDue }))
        : step('license_keep', 'paying', message('cases:nextSteps.licenseAtRisk', { pastDue })),
    )
  }
  if (s.release?.paused) {
    steps.push(step('support_paused', 'paying', message('cases:nextSteps.supportPaused', { resumesOn: date(s.release.resumesOn) })))
  }
  if (s.nextPayment?.kind === 'now') {
    steps.push(step('pay_current_support', 'paying', message('cases:nextSteps.payCurrentSupport', {
      amount: money(s.nextPayment.dueCents),
      // The month by name ("December 2026"): its first day read as a due date alarmed a parent who is not late.
      month: month(s.nextPayment.monthStart),
    })))
  }
  if (s.release) {
    steps.push(step('modification', 'paying', message('cases:nextSteps.modificationAfterRelease')))
  } else if (s.incomeMayHaveChanged) {
    steps.push(step('modification', 'paying', message('cases:nextSteps.modificationIncomeChanged')))
  }
  if (s.coapStateOwedCents !== null) {
    steps.push(step('coap', 'paying', message('cases:nextSteps.coap', { stateOwed: money(s.coapStateOwedCents) })))
  }
  return steps
}

export function nextSteps(s: CaseSituation): NextStep[] {
  const steps: NextStep[] = s.events.slice(0, MAX_DATED_STEPS).map((event) => datedStep(event, s.today))
  if (s.viewer !== 'receiving') steps.push(...payingSteps(s))
  if (s.viewer !== 'paying' && s.annualFeeApplies) {
    steps.push(step('annual_fee', 'receiving', message('cases:nextSteps.annualFee', {
      fee: money(ANNUAL_SERVICE_FEE_CENTS),
      threshold: money(ANNUAL_SERVICE_FEE_THRESHOLD_CENTS),
    })))
  }
  steps.push(step('contact_us', 'both', message('cases:nextSteps.contactUs')))
  return steps
}
