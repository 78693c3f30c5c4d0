import { performance } from 'node:perf_hooks'

import { callbackTopics } from '../server/callbacks/callbackRequest'
import type { DatabaseHandle } from '../server/db/connection'
import type { Services } from '../server/services'

// The rep console's reads and writes on a full queue: listing it (the console's queue page), taking the next request
// and recording a call (what a representative does all day), a staff case search, and the supervisor's figures for
// the last 30 days.

export interface Timings {
  p50: number
  p95: number
  max: number
}

export function timingsOf(samples: number[]): Timings {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
  return { p50: at(50), p95: at(95), max: sorted.at(-1)! }
}

async function timed(times: number, work: (i: number) => Promise<unknown>): Promise<Timings> {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await work(i)
    samples.push(performance.now() - started)
  }
  return timingsOf(samples)
}

export async function measureQueue(services: Services, database: DatabaseHandle, pending: number, rounds: number) {
  for (let i = 0; i < pending; i++) {
    await services.callbacks.requestCallback({
      phone: `+1916${String(5550000 + (i % 10_000)).padStart(7, '0')}`,
      language: i % 3 ? 'en' : 'es',
      topic: callbackTopics[i % callbackTopics.length]!,
      preferredWindow: i % 2 ? 'asap' : 'afternoon',
      channel: i % 2 ? 'web' : 'phone',
    })
  }
  const rep = await database.db.insertInto('staff')
    .values({ username: `bench.rep.${Date.now()}`, display_name: 'Bench Rep', password_hash: 'x', role: 'rep', languages: 'en,es', locked_until: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  const caseNumbers = await database.db.selectFrom('cases').select('case_number').limit(rounds).execute()
  const staff = { kind: 'staff' as const, staffId: rep.id, role: 'rep' as const }
  const today = new Date().toISOString().slice(0, 10)
  const monthAgo = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10)
  return {
    listQueue: await timed(rounds, () => services.callbacks.listQueue()),
    takeAndRecord: await timed(rounds, async () => {
      const taken = await services.callbacks.claimNext(rep.id)
      if (taken.ok) await services.callbacks.recordAttempt(taken.callback.id, rep.id, 'resolved', null)
    }),
    caseSearch: await timed(Math.min(rounds, caseNumbers.length), (i) => services.staffDirectory.searchCases(staff, caseNumbers[i]!.case_number)),
    supervisorFigures: await timed(Math.min(rounds, 20), () =>
      Promise.all([services.callbacks.supervisorFigures({ from: monthAgo, to: today }), services.calls.supervisorFigures({ from: monthAgo, to: today })]),
    ),
  }
}

export function describeTimings(name: string, t: Timings): string {
  return `${name} p50 ${t.p50.toFixed(2)} ms, p95 ${t.p95.toFixed(2)} ms, max ${t.max.toFixed(2)} ms`
}
