import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { CallbackService } from '../../server/callbacks/callbackService'
import { createMessageService, type MessageService } from '../../server/messages/messageService'
import { createWorkQueue, type WorkQueue } from '../../server/queue/workQueue'
import { type DatabaseHandle, openDatabase } from '../../server/db/connection'
import { migrateToLatest } from '../../server/db/migrate'
import { createTestDatabase, postgresAdminUrl } from '../helpers/testDatabase'
import { type CallbackWorld, callbackServiceOn, seedCallbackWorld, settableClock } from './callbackFixtures'

// Two database handles stand for two app processes: on PostgreSQL two connection pools (sessions that really
// run at once), on SQLite two connections to one database file. Nothing is shared between them but the database.

interface TwoHandles {
  first: DatabaseHandle
  second: DatabaseHandle
  close(): Promise<void>
}

async function openTwoHandles(): Promise<TwoHandles> {
  if (postgresAdminUrl) {
    const first = await createTestDatabase()
    const second = openDatabase({ dialect: 'postgres', connectionString: first.url }, { poolSize: 4 })
    return { first, second, close: async () => (await second.close(), await first.close()) }
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-callbacks-'))
  const filename = path.join(folder, 'portal.db')
  const first = openDatabase({ dialect: 'sqlite', filename })
  await migrateToLatest(first.db, first.dialect)
  const second = openDatabase({ dialect: 'sqlite', filename })
  return {
    first,
    second,
    close: async () => {
      await second.close()
      await first.close()
      fs.rmSync(folder, { recursive: true, force: true })
    },
  }
}

describe(`claims from two processes at once (${postgresAdminUrl ? 'PostgreSQL, two pools' : 'SQLite, two connections to one file'})`, () => {
  let handles: TwoHandles
  let processA: CallbackService
  let processB: CallbackService
  let messagesA: MessageService
  let messagesB: MessageService
  let queueA: WorkQueue
  let queueB: WorkQueue
  let world: CallbackWorld
  let repA: number
  let repB: number
  const clock = settableClock('2026-01-05T17:00:00.000Z')

  beforeAll(async () => {
    handles = await openTwoHandles()
    world = await seedCallbackWorld(handles.first)
    repA = world.repBilingual
    repB = world.repEnglish
    processA = callbackServiceOn(handles.first, clock)
    processB = callbackServiceOn(handles.second, clock)
    const messagesOn = (handle: DatabaseHandle, callbacks: CallbackService) =>
      createMessageService({ db: handle.db, dialect: handle.dialect, clock, serviceLevel: callbacks.serviceLevel, calendar: callbacks.calendar, claimMinutes: 60 })
    messagesA = messagesOn(handles.first, processA)
    messagesB = messagesOn(handles.second, processB)
    queueA = createWorkQueue({ callbacks: processA, messages: messagesA })
    queueB = createWorkQueue({ callbacks: processB, messages: messagesB })
  })
  afterAll(() => handles.close())
  beforeEach(async () => {
    await handles.first.db.deleteFrom('callbacks').execute()
    await handles.first.db.deleteFrom('message_posts').execute()
    await handles.first.db.deleteFrom('message_threads').execute()
  })

  /** Parents' messages about no case, alternately from either process. */
  async function writeMessages(count: number, language: 'en' | 'es' = 'en'): Promise<number[]> {
    const ids: number[] = []
    const writers = [world.payer, world.receiver, world.stranger]
    for (let i = 0; i < count; i++) {
      const thread = await (i % 2 ? messagesA : messagesB).startThread({ participantId: writers[i % 3]!, caseId: null, topic: 'other', body: `Question ${i}`, language })
      ids.push(thread.id)
    }
    return ids
  }

  /** Unidentified callers' requests: no case, so none is merged with another. */
  async function fileRequests(count: number): Promise<number[]> {
    const ids: number[] = []
    for (let i = 0; i < count; i++) {
      const service = i % 2 ? processA : processB
      const { callback } = await service.requestCallback({
        phone: `+1916555${String(1000 + i)}`,
        language: 'en',
        topic: 'other',
        preferredWindow: 'asap',
        channel: 'phone',
      })
      ids.push(callback.id)
    }
    return ids
  }

  it('never lets two representatives claim the same request', async () => {
    const ids = await fileRequests(25)
    const outcomes = await Promise.all(
      ids.map(async (id) => {
        const results = await Promise.all([
          processA.claim(id, repA),
          processB.claim(id, repB),
          processB.claim(id, repB),
          processA.claim(id, repA),
        ])
        const winners = new Set(results.flatMap((r) => (r.ok ? [r.callback.claimedBy] : [])))
        return { id, winners: [...winners], refusals: results.filter((r) => !r.ok).map((r) => !r.ok && r.reason) }
      }),
    )
    for (const outcome of outcomes) {
      expect(outcome.winners).toHaveLength(1)
      expect(outcome.refusals).toEqual(['already_claimed', 'already_claimed'])
    }
    const stored = await handles.second.db.selectFrom('callbacks').select(['id', 'claimed_by']).orderBy('id').execute()
    expect(stored).toEqual(outcomes.map((o) => ({ id: o.id, claimed_by: o.winners[0] })))
  })

  it('lets exactly one of two representatives take over a lapsed claim', async () => {
    const ids = await fileRequests(10)
    for (const id of ids) expect(await processA.claim(id, world.supervisor)).toMatchObject({ ok: true })
    clock.set('2026-01-05T18:30:00.000Z')
    try {
      const results = await Promise.all(ids.flatMap((id) => [processA.claim(id, repA), processB.claim(id, repB)]))
      for (let i = 0; i < ids.length; i++) {
        const pair = results.slice(2 * i, 2 * i + 2)
        expect(pair.filter((r) => r.ok)).toHaveLength(1)
        expect(pair.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(['already_claimed'])
      }
    } finally {
      clock.set('2026-01-05T17:00:00.000Z')
    }
  })

  it('hands every request to exactly one of many claimNext calls spread over both processes', async () => {
    const ids = await fileRequests(20)
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? processA.claimNext(repA) : processB.claimNext(repB))),
    )
    const claimed = results.flatMap((r) => (r.ok ? [r.callback.id] : []))
    expect(claimed.sort((a, b) => a - b)).toEqual(ids)
    expect(results.filter((r) => !r.ok)).toHaveLength(10)
  })

  it('files one request when both processes receive the same one at once', async () => {
    const request = {
      principal: { kind: 'parent' as const, participantId: world.payer },
      caseId: world.caseA,
      phone: '916 555 0150',
      language: 'es',
      topic: 'balance',
      preferredWindow: 'afternoon',
    }
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? processA : processB).requestCallback({ ...request, channel: i % 2 ? 'web' : 'phone' })),
    )
    expect(new Set(results.map((r) => r.callback.id)).size).toBe(1)
    expect(results.filter((r) => !r.existing)).toHaveLength(1)
  })

  it('never lets two representatives claim the same message, from either process', async () => {
    const ids = await writeMessages(25)
    const outcomes = await Promise.all(
      ids.map(async (id) => {
        const results = await Promise.all([messagesA.claim(id, repA), messagesB.claim(id, repB), messagesB.claim(id, repB), messagesA.claim(id, repA)])
        const winners = new Set(results.flatMap((r) => (r.ok ? [r.thread.claimedBy] : [])))
        return { id, winners: [...winners], refusals: results.filter((r) => !r.ok).map((r) => !r.ok && r.reason) }
      }),
    )
    for (const outcome of outcomes) {
      expect(outcome.winners).toHaveLength(1)
      expect(outcome.refusals).toEqual(['already_claimed', 'already_claimed'])
    }
    const stored = await handles.second.db.selectFrom('message_threads').select(['id', 'claimed_by']).orderBy('id').execute()
    expect(stored).toEqual(outcomes.map((o) => ({ id: o.id, claimed_by: o.winners[0] })))
  })

  it('lets exactly one of many representatives take over a lapsed claim on a message', async () => {
    const ids = await writeMessages(10)
    for (const id of ids) expect(await messagesA.claim(id, world.supervisor)).toMatchObject({ ok: true })
    clock.set('2026-01-05T18:30:00.000Z')
    try {
      const results = await Promise.all(ids.flatMap((id) => [messagesA.claim(id, repA), messagesB.claim(id, repB), messagesA.claim(id, repB), messagesB.claim(id, repA)]))
      for (let i = 0; i < ids.length; i++) {
        const winners = new Set(results.slice(4 * i, 4 * i + 4).flatMap((r) => (r.ok ? [r.thread.claimedBy] : [])))
        expect(winners.size).toBe(1)
      }
    } finally {
      clock.set('2026-01-05T17:00:00.000Z')
    }
  })

  it('hands every callback and every message to exactly one of many "take the next one" calls over both processes', async () => {
    const callbackIds = await fileRequests(12)
    const threadIds = await writeMessages(12)
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? queueA.claimNext(repA) : queueB.claimNext(i % 4 ? repB : repA))),
    )
    const claimedCallbacks = results.flatMap((r) => (r.ok && r.kind === 'callback' ? [r.callback.id] : []))
    const claimedThreads = results.flatMap((r) => (r.ok && r.kind === 'message' ? [r.threadId] : []))
    expect(claimedCallbacks.sort((a, b) => a - b)).toEqual(callbackIds)
    expect(claimedThreads.sort((a, b) => a - b)).toEqual(threadIds)
    expect(results.filter((r) => !r.ok)).toHaveLength(16)
    const threads = await handles.second.db.selectFrom('message_threads').select(['status', 'claimed_by']).execute()
    expect(threads.every((t) => t.status === 'claimed' && (t.claimed_by === repA || t.claimed_by === repB))).toBe(true)
  })
})
