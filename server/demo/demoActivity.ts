// Six weeks of phone-line and callback activity for the demo, so that a fresh `npm start` shows representatives a
// queue to work and the supervisor a dashboard with figures in it. Loaded once, right after the personas
// (loadDemoData) and inside the same startup lock; like them, every row follows from `today` alone, so two starts
// on the same day load the same rows.
//
// Times come from the real business calendar and service level, and each attempt's consequence from the queue's
// own rule (afterAttempt), so the demo's due times and retries are the ones the live queue would have set. Nothing
// is dated on or after today's midnight except a retry's "not before", which is in the future by nature.
import type { Insertable, Kysely } from 'kysely'

import type { AnswerName, StepName } from '../../ivr/flowState'
import { type BusinessCalendar, createBusinessCalendar } from '../callbacks/businessCalendar'
import { afterAttempt } from '../callbacks/callbackQueue'
import type { AttemptOutcome } from '../callbacks/callbackRecord'
import type { CallbackLanguage, CallbackTopic } from '../callbacks/callbackRequest'
import { generateConfirmationCode } from '../callbacks/confirmationCode'
import { type CallbackWindow, createServiceLevel, type ServiceLevel } from '../callbacks/serviceLevel'
import { addDays, type IsoDate, isIsoDate } from '../callbacks/zonedTime'
import type { CallOutcome } from '../calls/phoneCall'
import type { CallbackAttemptsTable, CallbacksTable, CallsTable, Database } from '../db/schema'
import { insertInChunks } from './batchInsert'
import { personaCatalog } from './personaCatalog'
import { SeededRandom } from './seededRandom'

/** A persona as the activity needs them: their ids in this database and the open cases they are a party to. */
export interface DemoCaller {
  participantId: number
  personaKey: string
  phone: string
  language: CallbackLanguage
  /** Open cases where the persona pays or receives, ascending. */
  caseIds: number[]
  /** Has a web password and a phone PIN: can sign in, or be identified on the phone. */
  activated: boolean
}

export interface DemoRep {
  id: number
  username: string
  languages: CallbackLanguage[]
}

export interface DemoActivityOptions {
  today: IsoDate
  /** config.callbacks.maxAttempts: a run of missed calls closes as unreachable where the live queue would close it. */
  maxAttempts?: number
  /** How far back the activity reaches. */
  days?: number
}

type NewCall = Insertable<CallsTable>
type NewCallback = Insertable<CallbacksTable>
type NewAttempt = Omit<Insertable<CallbackAttemptsTable>, 'callback_id'>

export interface DemoActivity {
  calls: NewCall[]
  /** Each request with its attempts; the attempts get the request's id once it is stored. */
  callbacks: Array<{ row: NewCallback; attempts: NewAttempt[] }>
}

type PathEntry = StepName | AnswerName

const caseAnswers: readonly AnswerName[] = ['balance', 'recentPayments', 'nextPayment', 'nextSteps']
const generalAnswers: readonly AnswerName[] = ['officeHours', 'howToApply', 'whatWeDo']
const paymentAnswers: readonly AnswerName[] = ['payOnline', 'payMoneyGram', 'payNearMe', 'payByMail', 'payPal', 'payWithholding']

/** Roughly what parents ask about, most often money. */
const topicWeights: ReadonlyArray<[CallbackTopic, number]> = [
  ['payments', 26], ['balance', 20], ['order_change', 15], ['other', 12], ['license', 10], ['documents', 10], ['court', 7],
]
const windowWeights: ReadonlyArray<[CallbackWindow, number]> = [['asap', 60], ['morning', 20], ['afternoon', 20]]

const notes: Record<AttemptOutcome, readonly string[]> = {
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
const historyEndsBusinessDaysAgo = 4

const minuteMs = 60_000

function weighted<T>(random: SeededRandom, choices: ReadonlyArray<[T, number]>): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
  let point = random.fraction() * total
  for (const [value, weight] of choices) {
    point -= weight
    if (point < 0) return value
  }
  return choices[choices.length - 1]![0]
}

function clockMinutes(text: string): number {
  const [hours, minutes] = text.split(':').map(Number) as [number, number]
  return hours * 60 + minutes
}

const iso = (instant: Date) => instant.toISOString()
const plusMinutes = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * minuteMs)
const plusSeconds = (instant: Date, seconds: number) => new Date(instant.getTime() + seconds * 1000)

/** Everything the demo's activity is, as rows; no database. Exported so the rules can be checked for many days. */
export function buildDemoActivity(
  people: { callers: readonly DemoCaller[]; reps: readonly DemoRep[] },
  options: DemoActivityOptions,
): DemoActivity {
  const { today } = options
  if (!isIsoDate(today)) throw new RangeError(`demo activity needs today as YYYY-MM-DD, got ${JSON.stringify(today)}`)
  const maxAttempts = options.maxAttempts ?? 3
  const days = options.days ?? 42
  const calendar = createBusinessCalendar()
  const serviceLevel = createServiceLevel(calendar)
  const random = new SeededRandom(`demo-activity:${today}`)

  const phoneCallers = people.callers.filter((c) => c.activated && c.caseIds.length > 0)
  if (phoneCallers.length === 0) throw new Error('demo activity needs personas with an account and a case')
  const repsFor = (language: CallbackLanguage) => {
    const reps = people.reps.filter((r) => r.languages.includes(language))
    if (reps.length === 0) throw new Error(`no demo representative speaks ${language}`)
    return reps
  }

  const todayStart = calendar.instantAt(today, 0)
  const businessDayBefore = (count: number) => {
    let date = today
    for (let i = 0; i < count; i++) date = calendar.previousBusinessDay(date)
    return date
  }
  // From here to today, requests are only the fixed pending ones: random history would leave an unpredictable
  // number pending, perhaps two for the same parent, case and topic.
  const historyEnds = calendar.officeDay(businessDayBefore(historyEndsBusinessDaysAgo))!.opensAt

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
  // Callers who never identify themselves: fictional 555-01xx numbers in the region's area codes.
  const strangerNumber = () => `+1${random.pick(['916', '279', '530', '209'])}55501${String(random.integer(0, 99)).padStart(2, '0')}`

  const calls: NewCall[] = []
  const callbacks: DemoActivity['callbacks'] = []
  // Counted rather than drawn, so that every demo shows a few cancellations and a share near the target: every
  // fifteenth request is withdrawn by its parent, and every fifth first called after its due time.
  let historic = 0
  const work = () => {
    const index = historic++
    return { calendar, serviceLevel, repsFor, maxAttempts, todayStart, cancelledByParent: index % 15 === 7, calledLate: index % 5 === 3 }
  }

  const addCall = (args: {
    startedAt: Date
    caller: DemoCaller | null
    language: CallbackLanguage
    fromNumber: string
    outcome: Exclude<CallOutcome, 'in_progress'>
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

  const requestRow = (args: {
    caller: DemoCaller | null
    caseId: number | null
    phone: string
    language: CallbackLanguage
    topic: CallbackTopic
    window: CallbackWindow
    createdAt: Date
    call: { sid: string; path: PathEntry[]; heard: AnswerName[] } | null
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

  // ---- Six weeks of calls, and the requests made in them and on the web ----
  for (let daysAgo = days; daysAgo >= 1; daysAgo--) {
    const date = addDays(today, -daysAgo)
    const officeDay = calendar.isBusinessDay(date)
    const starts = Array.from({ length: officeDay ? random.integer(14, 24) : random.integer(3, 7) }, () => {
      // The line answers day and night; most calls come while the office is open.
      if (!officeDay) return random.integer(8 * 60, 21 * 60)
      if (random.chance(0.78)) return random.integer(8 * 60, 16 * 60 - 1)
      return random.chance(0.3) ? random.integer(6 * 60, 8 * 60 - 1) : random.integer(16 * 60, 22 * 60)
    }).sort((a, b) => a - b)

    for (const minute of starts) {
      const startedAt = plusSeconds(calendar.instantAt(date, minute), random.integer(0, 59))
      const officeOpen = calendar.isOpenAt(startedAt)
      const caller = random.chance(0.55) ? random.pick(phoneCallers) : null
      const language: CallbackLanguage = caller ? caller.language : random.chance(0.3) ? 'es' : 'en'
      const fromNumber = caller ? caller.phone : strangerNumber()
      const mayRequest = startedAt < historyEnds
      let outcome: Exclude<CallOutcome, 'in_progress'>
      do outcome = drawOutcome(random, officeOpen)
      while (outcome === 'callback_requested' && !mayRequest)
      const { path, heard } = callPath(random, caller, outcome, officeOpen)
      const durationSeconds = durationOf(random, outcome)
      const sid = addCall({ startedAt, caller, language, fromNumber, outcome, path, heard, durationSeconds })
      if (outcome !== 'callback_requested') continue

      const createdAt = plusSeconds(startedAt, durationSeconds - random.integer(15, 40))
      const otherNumber = path.includes('callbackOtherNumber')
      const row = requestRow({
        caller,
        caseId: caller ? random.pick(caller.caseIds) : null,
        phone: otherNumber ? strangerNumber() : fromNumber,
        language,
        topic: weighted(random, topicWeights),
        window: weighted(random, windowWeights),
        createdAt,
        call: { sid, path, heard },
      })
      callbacks.push(workHistoricRequest(random, row, work))
    }

    // Parents signed in on the web, any time of day, more often on weekdays.
    const webRequests = random.integer(0, officeDay ? 2 : 1)
    for (let i = 0; i < webRequests; i++) {
      const createdAt = plusSeconds(calendar.instantAt(date, random.integer(6 * 60, 23 * 60)), random.integer(0, 59))
      if (createdAt >= historyEnds) continue
      const caller = random.pick(phoneCallers)
      const row = requestRow({
        caller,
        caseId: random.pick(caller.caseIds),
        phone: caller.phone,
        language: caller.language,
        topic: weighted(random, topicWeights),
        window: weighted(random, windowWeights),
        createdAt,
        call: null,
      })
      callbacks.push(workHistoricRequest(random, row, work))
    }
  }

  // ---- What is still pending today ----
  const pendingKeys = new Set<string>()
  for (const spec of pendingRequests) {
    const caller = phoneCallers.find((c) => c.personaKey === spec.persona)
    if (!caller) throw new Error(`demo activity names persona ${spec.persona}, who has no account or no open case`)
    const date = businessDayBefore(spec.businessDaysAgo)
    const caseId = caller.caseIds[0]!
    const key = `${caller.participantId}:${caseId}:${spec.topic}`
    if (pendingKeys.has(key)) throw new Error(`two pending demo requests for ${key}`)
    pendingKeys.add(key)

    let createdAt = calendar.instantAt(date, clockMinutes(spec.at))
    let call: { sid: string; path: PathEntry[]; heard: AnswerName[] } | null = null
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
      Object.assign(row, { status: 'claimed', claimed_by: repNamed(people.reps, spec.state.by).id, claimed_at: claimedAt, updated_at: claimedAt })
    } else if (spec.state.kind === 'retry') {
      const attemptedAt = calendar.instantAt(date, clockMinutes(spec.state.at))
      const transition = afterAttempt({
        outcome: spec.state.outcome, attemptsBefore: 0, maxAttempts, attemptedAt, callback: { preferredWindow: spec.window }, serviceLevel,
      })
      if (transition.kind !== 'retry') throw new Error(`the demo's retry request would close after ${spec.state.outcome}`)
      attempts.push({
        staff_id: repNamed(people.reps, spec.state.by).id, attempted_at: iso(attemptedAt), outcome: spec.state.outcome,
        note: notes[spec.state.outcome][0]!,
      })
      Object.assign(row, { attempts: 1, next_attempt_after: iso(transition.nextAttemptAfter), updated_at: iso(attemptedAt) })
    }
    callbacks.push({ row, attempts })
  }

  return { calls, callbacks }
}

function repNamed(reps: readonly DemoRep[], username: string): DemoRep {
  const rep = reps.find((r) => r.username === username)
  if (!rep) throw new Error(`no demo representative ${username}`)
  return rep
}

/**
 * How a call ends. A person answers only while the office is open; after hours a caller who wants one is offered a
 * callback instead, so more of those calls end in a request. Overall about two calls in three are resolved by the
 * line, near the 70% the state plan expects.
 */
function drawOutcome(random: SeededRandom, officeOpen: boolean): Exclude<CallOutcome, 'in_progress'> {
  return officeOpen
    ? weighted(random, [['resolved_by_phone', 65], ['callback_requested', 9], ['transferred', 16], ['abandoned', 10]])
    : weighted(random, [['resolved_by_phone', 70], ['callback_requested', 17], ['abandoned', 13]])
}

function durationOf(random: SeededRandom, outcome: Exclude<CallOutcome, 'in_progress'>): number {
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
function callPath(
  random: SeededRandom,
  caller: DemoCaller | null,
  outcome: Exclude<CallOutcome, 'in_progress'>,
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

interface WorkContext {
  calendar: BusinessCalendar
  serviceLevel: ServiceLevel
  repsFor: (language: CallbackLanguage) => readonly DemoRep[]
  maxAttempts: number
  todayStart: Date
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
function workHistoricRequest(random: SeededRandom, row: NewCallback, work: () => WorkContext): { row: NewCallback; attempts: NewAttempt[] } {
  const context = work()
  const worked = workRequest(random, row, context, false)
  // A request made just before a long holiday could be worked past today; this one is answered on time instead.
  if (worked.lastEventAt < context.todayStart) return worked
  return workRequest(random, row, context, true)
}

function workRequest(
  random: SeededRandom,
  request: NewCallback,
  context: WorkContext,
  simplest: boolean,
): { row: NewCallback; attempts: NewAttempt[]; lastEventAt: Date } {
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

/** The personas as this database numbers them, in the catalog's order, each with their open cases. */
async function demoCallers(db: Kysely<Database>): Promise<DemoCaller[]> {
  const rows = await db
    .selectFrom('participants')
    .innerJoin('case_roles', 'case_roles.participant_id', 'participants.id')
    .innerJoin('cases', 'cases.id', 'case_roles.case_id')
    .leftJoin('accounts', 'accounts.participant_id', 'participants.id')
    .select(['participants.id', 'participants.par_id', 'participants.language', 'participants.phone_primary', 'participants.phone_mobile',
      'case_roles.case_id', 'accounts.activated_at'])
    .where('participants.par_id', 'in', personaCatalog.map((p) => p.parId))
    .where('case_roles.role', 'in', ['paying', 'receiving'])
    .where('cases.status', '=', 'open')
    .orderBy('case_roles.case_id')
    .execute()
  const callers: DemoCaller[] = []
  for (const persona of personaCatalog) {
    const own = rows.filter((r) => r.par_id === persona.parId)
    const first = own[0]
    const phone = first?.phone_mobile ?? first?.phone_primary
    if (!first || !phone) continue
    callers.push({
      participantId: first.id,
      personaKey: persona.key,
      phone,
      language: first.language,
      caseIds: [...new Set(own.map((r) => r.case_id))],
      activated: first.activated_at !== null,
    })
  }
  return callers
}

async function demoReps(db: Kysely<Database>): Promise<DemoRep[]> {
  const rows = await db.selectFrom('staff').select(['id', 'username', 'languages']).where('role', '=', 'rep').orderBy('username').execute()
  return rows.map((r) => ({ id: r.id, username: r.username, languages: r.languages.split(',') as CallbackLanguage[] }))
}

/**
 * Loads the activity into a database that holds the demo personas and no calls or requests yet. Run it in the same
 * transaction as loadDemoData (start-up's lock), so that it is there exactly when the personas are; on a database
 * that already has activity it loads nothing.
 */
export async function loadDemoActivity(db: Kysely<Database>, options: DemoActivityOptions): Promise<{ loaded: boolean }> {
  const anyCall = await db.selectFrom('calls').select('call_sid').limit(1).executeTakeFirst()
  const anyRequest = await db.selectFrom('callbacks').select('id').limit(1).executeTakeFirst()
  if (anyCall || anyRequest) return { loaded: false }

  const activity = buildDemoActivity({ callers: await demoCallers(db), reps: await demoReps(db) }, options)
  await insertInChunks(db, 'calls', activity.calls)
  await insertInChunks(db, 'callbacks', activity.callbacks.map((c) => c.row))
  const stored = await db.selectFrom('callbacks').select(['id', 'confirmation_code']).execute()
  const idOf = new Map(stored.map((s) => [s.confirmation_code, s.id]))
  await insertInChunks(db, 'callback_attempts', activity.callbacks.flatMap(({ row, attempts }) =>
    attempts.map((a) => ({ ...a, callback_id: idOf.get(row.confirmation_code)! }))))
  return { loaded: true }
}
