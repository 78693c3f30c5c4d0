// The callback requests still pending at today: fixed rather than drawn, so that every start shows the queue the
// same handful of cases to work.
import type { BusinessCalendar } from '../callbacks/businessCalendar'
import { afterAttempt } from '../callbacks/callbackQueue'
import type { AttemptOutcome } from '../callbacks/callbackRecord'
import type { CallbackTopic } from '../callbacks/callbackRequest'
import type { CallbackWindow, ServiceLevel } from '../callbacks/serviceLevel'
import type { IsoDate } from '../agencyTime/zonedTime'
import {
  clockMinutes, type DemoCallbackRows, type DemoCaller, type DemoRep, iso, type NewAttempt, plusMinutes, plusSeconds,
} from './demoActivityRows'
import { notes, type RequestRow } from './demoCallbackRequests'
import { type AddCall, callPath, type RequestingCall } from './demoPhoneCalls'
import type { SeededRandom } from './seededRandom'

/**
 * The requests still pending at today: a handful the queue shows on every start, in both languages and from both
 * channels, one claimed by each representative, one waiting for its retry and one already past its due time.
 * `businessDaysAgo` counts office days back from today; `at` is the agency's wall clock that day. Each is for a
 * different parent, case and topic, as the database allows only one pending request for each (migration 0002).
 */
interface PendingRequest {
  persona: string
  channel: 'web' | 'phone'
  topic: CallbackTopic
  window: CallbackWindow
  businessDaysAgo: number
  at: string
  state: { kind: 'open' } | { kind: 'claimed'; by: string; at: string } | { kind: 'retry'; by: string; at: string; outcome: AttemptOutcome }
}

const pendingRequests: readonly PendingRequest[] = [
  { persona: 'spanish-speaker', channel: 'web', topic: 'payments', window: 'asap', businessDaysAgo: 1, at: '19:40', state: { kind: 'open' } },
  { persona: 'spanish-speaker', channel: 'phone', topic: 'documents', window: 'morning', businessDaysAgo: 1, at: '10:50',
    state: { kind: 'claimed', by: 'rep.garcia', at: '15:20' } },
  { persona: 'suspended-license', channel: 'phone', topic: 'license', window: 'afternoon', businessDaysAgo: 1, at: '14:50',
    state: { kind: 'retry', by: 'rep.nguyen', at: '15:25', outcome: 'left_message' } },
  { persona: 'both-roles', channel: 'phone', topic: 'balance', window: 'asap', businessDaysAgo: 1, at: '14:30',
    state: { kind: 'claimed', by: 'rep.nguyen', at: '15:45' } },
  { persona: 'low-income-exempt', channel: 'web', topic: 'order_change', window: 'afternoon', businessDaysAgo: 1, at: '21:15', state: { kind: 'open' } },
  { persona: 'hearing-next-week', channel: 'phone', topic: 'court', window: 'morning', businessDaysAgo: 1, at: '18:10', state: { kind: 'open' } },
  // Due at yesterday's close and not yet called: the queue shows it overdue, and the dashboard counts it missed.
  { persona: 'coap-candidate', channel: 'web', topic: 'other', window: 'asap', businessDaysAgo: 2, at: '16:30', state: { kind: 'open' } },
]

/** Requests made this many office days before today or later are the pending ones above, never random history. */
export const historyEndsBusinessDaysAgo = 4

/** The pending requests above as rows, with the call each phone request was made in added to the call log. */
export function pendingCallbacks(random: SeededRandom, context: {
  phoneCallers: readonly DemoCaller[]
  reps: readonly DemoRep[]
  calendar: BusinessCalendar
  serviceLevel: ServiceLevel
  maxAttempts: number
  businessDayBefore: (count: number) => IsoDate
  addCall: AddCall
  requestRow: RequestRow
}): DemoCallbackRows[] {
  const { phoneCallers, calendar, serviceLevel, maxAttempts, addCall, requestRow } = context
  const callbacks: DemoCallbackRows[] = []
  const pendingKeys = new Set<string>()
  for (const spec of pendingRequests) {
    const caller = phoneCallers.find((c) => c.personaKey === spec.persona)
    if (!caller) throw new Error(`demo activity names persona ${spec.persona}, who has no account or no open case`)
    const date = context.businessDayBefore(spec.businessDaysAgo)
    const caseId = caller.caseIds[0]!
    const key = `${caller.participantId}:${caseId}:${spec.topic}`
    if (pendingKeys.has(key)) throw new Error(`two pending demo requests for ${key}`)
    pendingKeys.add(key)

    let createdAt = calendar.instantAt(date, clockMinutes(spec.at))
    let call: RequestingCall | null = null
    if (spec.channel === 'phone') {
      const startedAt = plusMinutes(createdAt, -5)
      const { path, heard } = callPath(random, caller, 'callback_requested', calendar.isOpenAt(startedAt))
      const sid = addCall({
        startedAt, caller, language: caller.language, fromNumber: caller.phone, outcome: 'callback_requested', path, heard, durationSeconds: 330,
      })
      createdAt = plusSeconds(startedAt, 300)
      call = { sid, path, heard }
    }
    const row = requestRow({
      caller, caseId, phone: caller.phone, language: caller.language, topic: spec.topic, window: spec.window, createdAt, call,
    })
    const attempts: NewAttempt[] = []
    if (spec.state.kind === 'claimed') {
      const claimedAt = iso(calendar.instantAt(date, clockMinutes(spec.state.at)))
      Object.assign(row, { status: 'claimed', claimed_by: repNamed(context.reps, spec.state.by).id, claimed_at: claimedAt, updated_at: claimedAt })
    } else if (spec.state.kind === 'retry') {
      const attemptedAt = calendar.instantAt(date, clockMinutes(spec.state.at))
      const transition = afterAttempt({
        outcome: spec.state.outcome, attemptsBefore: 0, maxAttempts, attemptedAt, callback: { preferredWindow: spec.window }, serviceLevel,
      })
      if (transition.kind !== 'retry') throw new Error(`the demo's retry request would close after ${spec.state.outcome}`)
      attempts.push({
        staff_id: repNamed(context.reps, spec.state.by).id, attempted_at: iso(attemptedAt), outcome: spec.state.outcome,
        note: notes[spec.state.outcome][0]!,
      })
      Object.assign(row, { attempts: 1, next_attempt_after: iso(transition.nextAttemptAfter), updated_at: iso(attemptedAt) })
    }
    callbacks.push({ row, attempts })
  }
  return callbacks
}

function repNamed(reps: readonly DemoRep[], username: string): DemoRep {
  const rep = reps.find((r) => r.username === username)
  if (!rep) throw new Error(`no demo representative ${username}`)
  return rep
}
