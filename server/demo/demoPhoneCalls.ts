// The demo's phone line: when calls come in, how each one ends, and the steps it went through, as the rows the line
// itself stores at the end of a call.
import type { AnswerName, StepName } from '../../ivr/flowState'
import type { CallbackLanguage } from '../callbacks/callbackRequest'
import type { CallOutcome } from '../calls/phoneCall'
import { type DemoCaller, iso, type NewCall, plusSeconds, weighted } from './demoActivityRows'
import type { SeededRandom } from './seededRandom'

export type PathEntry = StepName | AnswerName
export type EndedCallOutcome = Exclude<CallOutcome, 'in_progress'>

/** The call a request was made in, as the request remembers it. */
export interface RequestingCall {
  sid: string
  path: PathEntry[]
  heard: AnswerName[]
}

const caseAnswers: readonly AnswerName[] = ['balance', 'recentPayments', 'nextPayment', 'nextSteps']
const generalAnswers: readonly AnswerName[] = ['officeHours', 'howToApply', 'whatWeDo']
const paymentAnswers: readonly AnswerName[] = ['payOnline', 'payMoneyGram', 'payNearMe', 'payByMail', 'payPal', 'payWithholding']

/** The minutes after midnight at which one day's calls start, in order. */
export function callStartMinutes(random: SeededRandom, officeDay: boolean): number[] {
  return Array.from({ length: officeDay ? random.integer(14, 24) : random.integer(3, 7) }, () => {
    // The line answers day and night; most calls come while the office is open.
    if (!officeDay) return random.integer(8 * 60, 21 * 60)
    if (random.chance(0.78)) return random.integer(8 * 60, 16 * 60 - 1)
    return random.chance(0.3) ? random.integer(6 * 60, 8 * 60 - 1) : random.integer(16 * 60, 22 * 60)
  }).sort((a, b) => a - b)
}

/** Callers who never identify themselves: fictional 555-01xx numbers in the region's area codes. */
export function strangerNumber(random: SeededRandom): string {
  return `+1${random.pick(['916', '279', '530', '209'])}55501${String(random.integer(0, 99)).padStart(2, '0')}`
}

/** The line's log of calls, each with a call id no other demo call has. */
export function createCallLog(random: SeededRandom) {
  const calls: NewCall[] = []
  const sids = new Set<string>()
  const newCallSid = () => {
    for (;;) {
      let sid = 'CA'
      for (let i = 0; i < 8; i++) sid += random.integer(0, 0xffff).toString(16).padStart(4, '0')
      if (!sids.has(sid)) {
        sids.add(sid)
        return sid
      }
    }
  }

  const addCall = (args: {
    startedAt: Date
    caller: DemoCaller | null
    language: CallbackLanguage
    fromNumber: string
    outcome: EndedCallOutcome
    path: PathEntry[]
    heard: AnswerName[]
    durationSeconds: number
  }): string => {
    const callSid = newCallSid()
    const endedAt = iso(plusSeconds(args.startedAt, args.durationSeconds))
    calls.push({
      call_sid: callSid,
      from_number: args.fromNumber,
      language: args.language,
      participant_id: args.caller?.participantId ?? null,
      identified: args.caller ? 1 : 0,
      path: JSON.stringify(args.path),
      // What the phone line stores at the end of a call: whether an answer was heard; the flow's state is spent.
      state: JSON.stringify({ heardAnswer: args.heard.length > 0, flow: null }),
      outcome: args.outcome,
      started_at: iso(args.startedAt),
      updated_at: endedAt,
      ended_at: endedAt,
      duration_seconds: args.durationSeconds,
    })
    return callSid
  }

  return { calls, addCall }
}

export type AddCall = ReturnType<typeof createCallLog>['addCall']

/**
 * How a call ends. A person answers only while the office is open; after hours a caller who wants one is offered a
 * callback instead, so more of those calls end in a request. Overall about two calls in three are resolved by the
 * line, near the 70% the state plan expects.
 */
export function drawOutcome(random: SeededRandom, officeOpen: boolean): EndedCallOutcome {
  return officeOpen
    ? weighted(random, [['resolved_by_phone', 65], ['callback_requested', 9], ['transferred', 16], ['abandoned', 10]])
    : weighted(random, [['resolved_by_phone', 70], ['callback_requested', 17], ['abandoned', 13]])
}

export function durationOf(random: SeededRandom, outcome: EndedCallOutcome): number {
  switch (outcome) {
    case 'resolved_by_phone':
      return random.integer(70, 420)
    case 'callback_requested':
      return random.integer(150, 540)
    case 'transferred':
      // Includes the time with the representative the line handed the caller to.
      return random.integer(240, 1500)
    case 'abandoned':
      return random.integer(8, 150)
  }
}

/** The steps a call of that outcome goes through, in the order the flow (ivr/) reaches them, and the answers heard. */
export function callPath(
  random: SeededRandom,
  caller: DemoCaller | null,
  outcome: EndedCallOutcome,
  officeOpen: boolean,
): { path: PathEntry[]; heard: AnswerName[] } {
  const path: PathEntry[] = ['welcome', 'identify']
  const heard: AnswerName[] = []
  if (outcome === 'abandoned') {
    // Hung up before hearing anything: at the language choice, the identifier or the PIN.
    if (caller || random.chance(0.4)) path.push('pin')
    return { path: path.slice(0, random.integer(1, path.length)), heard }
  }

  let home: StepName
  if (caller) {
    path.push('pin')
    if (caller.caseIds.length > 1) path.push('caseChoice')
    home = 'mainMenu'
  } else {
    if (random.chance(0.2)) path.push('pin', 'cannotIdentify')
    home = 'generalMenu'
  }
  path.push(home)

  const answers = caller ? caseAnswers : generalAnswers
  const wanted = outcome === 'resolved_by_phone' ? random.integer(1, 3) : random.integer(0, 2)
  let heardPayments = false
  for (let i = 0; i < wanted; i++) {
    if (!heardPayments && random.chance(0.2)) {
      heardPayments = true
      const way = random.pick(paymentAnswers)
      path.push('paymentOptions', way, home)
      heard.push(way)
      continue
    }
    const answer = random.pick(answers.filter((a) => !heard.includes(a)))
    path.push(answer)
    heard.push(answer)
  }

  if (outcome === 'transferred') path.push('person', 'afterDial')
  if (outcome === 'callback_requested') {
    // After hours, "speak to a person" leads to the offer of a callback.
    if (!officeOpen && random.chance(0.5)) path.push('person', 'personUnavailable')
    path.push(caller || random.chance(0.8) ? 'callbackNumber' : 'callbackOtherNumber', 'callbackWindow', 'callbackTopic', 'anythingElse')
  }
  return { path, heard }
}
