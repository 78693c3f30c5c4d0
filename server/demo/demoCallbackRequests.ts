// The demo's callback requests, from the phone line and the web, and how representatives worked the ones closed by
// today: the rows the queue would have written, attempt by attempt.
import type { BusinessCalendar } from '../callbacks/businessCalendar'
import { afterAttempt } from '../callbacks/callbackQueue'
import type { AttemptOutcome } from '../callbacks/callbackRecord'
import type { CallbackLanguage, CallbackTopic } from '../callbacks/callbackRequest'
import { generateConfirmationCode } from '../callbacks/confirmationCode'
import type { CallbackWindow, ServiceLevel } from '../callbacks/serviceLevel'
import {
  type DemoCallbackRows, type DemoCaller, type DemoRep, iso, minuteMs, type NewAttempt, type NewCallback, plusMinutes, weighted,
} from './demoActivityRows'
import type { RequestingCall } from './demoPhoneCalls'
import type { SeededRandom } from './seededRandom'

/** Roughly what parents ask about, most often money. */
export const topicWeights: ReadonlyArray<[CallbackTopic, number]> = [
  ['payments', 26], ['balance', 20], ['order_change', 15], ['other', 12], ['license', 10], ['documents', 10], ['court', 7],
]
export const windowWeights: ReadonlyArray<[CallbackWindow, number]> = [['asap', 60], ['morning', 20], ['afternoon', 20]]

export const notes: Record<AttemptOutcome, readonly string[]> = {
  resolved: [
    'Explained the balance and when the next payment posts.',
    'Confirmed the payment was received and when it will be disbursed.',
    'Walked through the payment options; parent will pay online.',
    'Answered the question; parent satisfied.',
  ],
  needs_caseworker: ['Needs a review of the order; sent to the caseworker.', 'Documents to be checked by the caseworker.'],
  no_answer: ['No answer.', 'Rang out, no voicemail.'],
  left_message: ['Left a voicemail with the office number.', 'Left a message asking the parent to call back.'],
  wrong_number: ['Number belongs to someone else.'],
}

/** A new request as the queue stores it, open and not yet called, each with a confirmation code no other has. */
export function createRequestRows(random: SeededRandom, serviceLevel: ServiceLevel) {
  const codes = new Set<string>()
  const newCode = () => {
    for (;;) {
      const code = generateConfirmationCode((max) => random.integer(0, max - 1))
      if (!codes.has(code)) {
        codes.add(code)
        return code
      }
    }
  }

  return (args: {
    caller: DemoCaller | null
    caseId: number | null
    phone: string
    language: CallbackLanguage
    topic: CallbackTopic
    window: CallbackWindow
    createdAt: Date
    call: RequestingCall | null
  }): NewCallback => ({
    confirmation_code: newCode(),
    case_id: args.caseId,
    participant_id: args.caller?.participantId ?? null,
    phone: args.phone,
    language: args.language,
    topic: args.topic,
    preferred_window: args.window,
    channel: args.call ? 'phone' : 'web',
    call_sid: args.call?.sid ?? null,
    // The shape ivr/steps/callbackTopic.ts stores: what the line already told the caller.
    phone_context: args.call
      ? JSON.stringify({ path: args.call.path.slice(-40), heard: args.call.heard.slice(-20), identified: args.caller !== null })
      : null,
    due_by: iso(serviceLevel.dueBy(args.createdAt, args.window)),
    status: 'open',
    claimed_by: null,
    claimed_at: null,
    attempts: 0,
    next_attempt_after: null,
    created_at: iso(args.createdAt),
    updated_at: iso(args.createdAt),
    closed_at: null,
  })
}

export type RequestRow = ReturnType<typeof createRequestRows>

/** What every historic request is worked with: the office's hours, the due times, who can call back, the retry limit. */
export interface WorkSetting {
  calendar: BusinessCalendar
  serviceLevel: ServiceLevel
  repsFor: (language: CallbackLanguage) => readonly DemoRep[]
  maxAttempts: number
  todayStart: Date
}

interface WorkContext extends WorkSetting {
  cancelledByParent: boolean
  /** First called after the due time. With cancellations after it and the overdue pending request, the dashboard's
   * share within due time lands just under the 80% target. */
  calledLate: boolean
}

/**
 * How representatives worked a request that is closed by today: most are answered within their due time, the rest
 * first called after it; some parents miss a call or two, a few numbers are wrong, a few questions go to the
 * caseworker, and now and then the parent cancels. Retries follow the live queue's rule (afterAttempt).
 */
export function createHistoricWork(random: SeededRandom, setting: WorkSetting): (row: NewCallback) => DemoCallbackRows {
  // Counted rather than drawn, so that every demo shows a few cancellations and a share near the target: every
  // fifteenth request is withdrawn by its parent, and every fifth first called after its due time.
  let historic = 0
  return (row) => {
    const index = historic++
    const context: WorkContext = { ...setting, cancelledByParent: index % 15 === 7, calledLate: index % 5 === 3 }
    const worked = workRequest(random, row, context, false)
    // A request made just before a long holiday could be worked past today; this one is answered on time instead.
    if (worked.lastEventAt < context.todayStart) return worked
    return workRequest(random, row, context, true)
  }
}

function workRequest(
  random: SeededRandom,
  request: NewCallback,
  context: WorkContext,
  simplest: boolean,
): DemoCallbackRows & { lastEventAt: Date } {
  const { calendar, serviceLevel } = context
  const createdAt = new Date(request.created_at)
  const dueBy = new Date(request.due_by)
  const window = request.preferred_window as CallbackWindow
  const reps = context.repsFor(request.language)

  const cancelled = !simplest && context.cancelledByParent
  const withinDue = simplest || !context.calledLate
  const misses = simplest ? 0 : weighted(random, [[0, 62], [1, 25], [2, 9], [3, 4]])
  const final: AttemptOutcome = simplest ? 'resolved' : weighted(random, [['resolved', 74], ['needs_caseworker', 20], ['wrong_number', 6]])

  let firstAttemptAt: Date
  if (withinDue) {
    // Within the parent's window when it has one, from a little after the request, early enough to leave room for a
    // retry before the due time.
    let earliest = calendar.nextOpenAt(plusMinutes(createdAt, 15))
    const windowStart = serviceLevel.windowOn(calendar.localDateOf(dueBy), window)?.startsAt
    if (windowStart && windowStart > earliest && windowStart < dueBy) earliest = windowStart
    const available = calendar.businessMinutesBetween(earliest, dueBy)
    firstAttemptAt = calendar.addBusinessMinutes(earliest, Math.floor(available * 0.5 * random.fraction()))
  } else {
    firstAttemptAt = calendar.addBusinessMinutes(dueBy, random.integer(20, 480))
  }

  const row: NewCallback = { ...request }
  const attemptBy = (outcome: AttemptOutcome, at: Date): NewAttempt => ({
    staff_id: random.pick(reps).id, attempted_at: iso(at), outcome, note: random.chance(0.7) ? random.pick(notes[outcome]) : null,
  })

  if (cancelled) {
    // The parent withdraws it on the web: sometimes before anyone called, sometimes after a missed call.
    const attempts: NewAttempt[] = []
    let cancelAt: Date
    if (random.chance(0.5)) {
      cancelAt = plusMinutes(createdAt, random.integer(20, 24 * 60))
      if (cancelAt >= firstAttemptAt) cancelAt = new Date((createdAt.getTime() + firstAttemptAt.getTime()) / 2)
    } else {
      attempts.push(attemptBy('no_answer', firstAttemptAt))
      row.attempts = 1
      cancelAt = plusMinutes(firstAttemptAt, random.integer(20, 12 * 60))
    }
    Object.assign(row, { status: 'cancelled', closed_at: iso(cancelAt), updated_at: iso(cancelAt) })
    return { row, attempts, lastEventAt: cancelAt }
  }

  const work = (plan: readonly AttemptOutcome[]) => {
    const attempts: NewAttempt[] = []
    let at = firstAttemptAt
    for (const [index, outcome] of plan.entries()) {
      attempts.push(attemptBy(outcome, at))
      const transition = afterAttempt({
        outcome, attemptsBefore: index, maxAttempts: context.maxAttempts, attemptedAt: at, callback: { preferredWindow: window }, serviceLevel,
      })
      if (transition.kind === 'closed') return { attempts, status: transition.status, closedAt: at }
      at = calendar.addBusinessMinutes(transition.nextAttemptAfter, random.integer(1, 90))
    }
    throw new Error('a demo request plan must end in an attempt that closes it')
  }
  const missed = Array.from({ length: misses }, () => random.pick(['no_answer', 'left_message'] as const))
  let worked = work([...missed, final])
  // Reached within the due time means the retries fitted in too; where they would not have, the first call got through.
  if (withinDue && worked.closedAt > dueBy) worked = work([final])
  const closing = worked.attempts[worked.attempts.length - 1]!
  const claimedAt = new Date(Math.max(createdAt.getTime(), worked.closedAt.getTime() - random.integer(2, 12) * minuteMs))
  Object.assign(row, {
    status: worked.status, attempts: worked.attempts.length, claimed_by: closing.staff_id, claimed_at: iso(claimedAt),
    closed_at: iso(worked.closedAt), updated_at: iso(worked.closedAt),
  })
  return { row, attempts: worked.attempts, lastEventAt: worked.closedAt }
}
