// Six weeks of phone-line and callback activity for the demo, so that a fresh `npm start` shows representatives a
// queue to work and the supervisor a dashboard with figures in it. Loaded once, right after the personas
// (loadDemoData) and inside the same startup lock; like them, every row follows from `today` alone, so two starts
// on the same day load the same rows.
//
// Times come from the real business calendar and service level, and each attempt's consequence from the queue's
// own rule (afterAttempt), so the demo's due times and retries are the ones the live queue would have set. Nothing
// is dated on or after today's midnight except a retry's "not before", which is in the future by nature.
//
// This file reads the personas and staff, walks the days and loads the rows; the calls are drawn in demoPhoneCalls,
// the requests and their attempts in demoCallbackRequests, and what is pending today in demoPendingRequests. They
// all draw from one seeded sequence, so the order of the draws here is part of what makes the rows the same.
import type { Kysely } from 'kysely'

import { createBusinessCalendar } from '../callbacks/businessCalendar'
import type { CallbackLanguage } from '../callbacks/callbackRequest'
import { createServiceLevel } from '../callbacks/serviceLevel'
import { addDays, isIsoDate } from '../agencyTime/calendarDates'
import type { Database } from '../db/schema'
import { insertInChunks } from './batchInsert'
import {
  type DemoActivity, type DemoActivityOptions, type DemoCaller, type DemoRep, plusSeconds, weighted,
} from './demoActivityRows'
import { createHistoricWork, createRequestRows, topicWeights, windowWeights } from './demoCallbackRequests'
import { historyEndsBusinessDaysAgo, pendingCallbacks } from './demoPendingRequests'
import {
  callPath, callStartMinutes, createCallLog, drawOutcome, durationOf, type EndedCallOutcome, strangerNumber,
} from './demoPhoneCalls'
import { personaCatalog } from './personaCatalog'
import { SeededRandom } from './seededRandom'

// The activity's shapes, from the module its callers (main.ts, the tests) already import.
export type { DemoActivity, DemoActivityOptions, DemoCaller, DemoRep }

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

  const { calls, addCall } = createCallLog(random)
  const requestRow = createRequestRows(random, serviceLevel)
  const workHistoric = createHistoricWork(random, { calendar, serviceLevel, repsFor, maxAttempts, todayStart })
  const callbacks: DemoActivity['callbacks'] = []

  // ---- Six weeks of calls, and the requests made in them and on the web ----
  for (let daysAgo = days; daysAgo >= 1; daysAgo--) {
    const date = addDays(today, -daysAgo)
    const officeDay = calendar.isBusinessDay(date)
    for (const minute of callStartMinutes(random, officeDay)) {
      const startedAt = plusSeconds(calendar.instantAt(date, minute), random.integer(0, 59))
      const officeOpen = calendar.isOpenAt(startedAt)
      const caller = random.chance(0.55) ? random.pick(phoneCallers) : null
      const language: CallbackLanguage = caller ? caller.language : random.chance(0.3) ? 'es' : 'en'
      const fromNumber = caller ? caller.phone : strangerNumber(random)
      const mayRequest = startedAt < historyEnds
      let outcome: EndedCallOutcome
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
        phone: otherNumber ? strangerNumber(random) : fromNumber,
        language,
        topic: weighted(random, topicWeights),
        window: weighted(random, windowWeights),
        createdAt,
        call: { sid, path, heard },
      })
      callbacks.push(workHistoric(row))
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
      callbacks.push(workHistoric(row))
    }
  }

  // ---- What is still pending today ----
  callbacks.push(...pendingCallbacks(random, {
    phoneCallers, reps: people.reps, calendar, serviceLevel, maxAttempts, businessDayBefore, addCall, requestRow,
  }))

  return { calls, callbacks }
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
