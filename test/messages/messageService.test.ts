import { agencyCalendar } from '../../server/callbacks/businessCalendar'
import { createServiceLevel } from '../../server/callbacks/serviceLevel'
import { MessageValidationError, maxMessageLength } from '../../server/messages/messageInput'
import { createMessageService, type MessageService } from '../../server/messages/messageService'
import { type CallbackWorld, seedCallbackWorld, settableClock } from '../callbacks/callbackFixtures'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

// Written messages on both databases: the service level across weekends and holidays, a thread only its parent
// reads, unread replies, one winner of simultaneous claims, and refused input that stores nothing.

describe('message service', () => {
  let database: TestDatabase
  let world: CallbackWorld
  let messages: MessageService
  // Wednesday 2026-11-25, 10:00 Pacific: Thanksgiving (Thu) and the day after (Fri) are state holidays.
  const clock = settableClock('2026-11-25T18:00:00Z')

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await seedCallbackWorld(database)
    messages = createMessageService({
      db: database.db,
      dialect: database.dialect,
      clock,
      serviceLevel: createServiceLevel(agencyCalendar),
      calendar: agencyCalendar,
      claimMinutes: 60,
    })
  })
  afterAll(() => database.close())
  beforeEach(() => clock.set('2026-11-25T18:00:00Z'))

  const write = (overrides: Partial<Parameters<MessageService['startThread']>[0]> = {}) =>
    messages.startThread({ participantId: world.payer, caseId: world.caseA, topic: 'payments', body: 'Was my payment posted?', language: 'es', ...overrides })

  const postCount = async () => Number((await database.db.selectFrom('message_posts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

  it('is due three business days later, skipping the weekend and the Thanksgiving holidays', async () => {
    const thread = await write()
    // Wed 10:00 + 3 business days: Mon 30 Nov, Tue 1 Dec, Wed 2 Dec at 10:00 Pacific.
    expect(thread.dueBy.toISOString()).toBe('2026-12-02T18:00:00.000Z')
    expect(thread.language).toBe('es')
    expect(thread.status).toBe('open')
  })

  it('written on a Saturday, is due three full business days from Monday', async () => {
    clock.set('2026-12-05T20:00:00Z')
    const thread = await write()
    expect(thread.dueBy.toISOString()).toBe('2026-12-10T00:00:00.000Z')
  })

  it.each([
    ['an empty message', { body: '   \n ' }, 'messages:errors.bodyRequired'],
    ['an oversized message', { body: 'x'.repeat(maxMessageLength + 1) }, 'messages:errors.bodyTooLong'],
    ['a NUL character', { body: 'hello\u0000' }, 'messages:errors.bodyInvalid'],
    ['a case that is not theirs', { caseId: 'theirs' }, 'messages:errors.caseRequired'],
    ['an unknown topic', { topic: 'gossip' }, 'messages:errors.topicUnknown'],
  ])('refuses %s and stores nothing', async (_name, change, key) => {
    const before = await postCount()
    // The stranger's case, known only once the world is seeded.
    const input = 'caseId' in change ? { caseId: world.caseB } : change
    const error = await write(input).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MessageValidationError)
    expect((error as MessageValidationError).issues.map((i) => i.messageKey)).toContain(key)
    expect(await postCount()).toBe(before)
  })

  it('a message at the limit is kept whole', async () => {
    const body = 'ñ'.repeat(maxMessageLength)
    const thread = await write({ body })
    const read = await messages.threadForParent(world.payer, thread.id)
    expect(read!.posts[0]!.body).toBe(body)
  })

  it('shows a thread only to the parent who wrote it, even the other parent of the same case', async () => {
    const thread = await write()
    expect(await messages.threadForParent(world.receiver, thread.id)).toBeUndefined()
    expect(await messages.threadForParent(world.stranger, thread.id)).toBeUndefined()
    const before = await postCount()
    expect(await messages.replyAsParent(world.receiver, thread.id, 'let me in')).toBeUndefined()
    expect(await postCount()).toBe(before)
    expect((await messages.listForParent(world.receiver)).map((t) => t.id)).not.toContain(thread.id)
  })

  it('records every read of a thread about a case in its audit trail, the parent\'s and the representative\'s', async () => {
    const thread = await write()
    await messages.threadForParent(world.payer, thread.id)
    await messages.threadForStaff(world.repBilingual, thread.id)
    const rows = await database.db.selectFrom('audit_events').select(['actor_kind', 'actor_id', 'channel', 'action']).where('case_id', '=', world.caseA).where('action', '=', 'message.thread.read').execute()
    expect(rows).toEqual(expect.arrayContaining([
      { actor_kind: 'parent', actor_id: world.payer, channel: 'web', action: 'message.thread.read' },
      { actor_kind: 'staff', actor_id: world.repBilingual, channel: 'console', action: 'message.thread.read' },
    ]))
  })

  it('counts a reply as unread until the parent opens the thread', async () => {
    const thread = await messages.startThread({ participantId: world.stranger, caseId: null, topic: 'other', body: 'Hello', language: 'en' })
    expect(await messages.unreadReplies(world.stranger)).toBe(0)
    expect(await messages.claim(thread.id, world.repEnglish)).toMatchObject({ ok: true, thread: { status: 'claimed' } })
    clock.set('2026-11-25T19:00:00Z')
    const replied = await messages.replyAsStaff({ threadId: thread.id, staffId: world.repEnglish, body: 'Here is the answer.', close: true })
    expect(replied.ok && replied.thread.status).toBe('answered')
    expect(await messages.unreadReplies(world.stranger)).toBe(1)
    expect((await messages.listForParent(world.stranger)).find((t) => t.id === thread.id)?.unread).toBe(true)
    clock.set('2026-11-25T19:05:00Z')
    const read = await messages.threadForParent(world.stranger, thread.id)
    expect(read!.posts.map((p) => p.author)).toEqual(['parent', 'staff'])
    expect(await messages.unreadReplies(world.stranger)).toBe(0)
  })

  it('opens an answered thread again, with a new due time, when the parent writes again', async () => {
    const thread = await write()
    await messages.claim(thread.id, world.repBilingual)
    await messages.replyAsStaff({ threadId: thread.id, staffId: world.repBilingual, body: 'Sí, se registró.', close: true })
    clock.set('2026-12-07T17:00:00Z')
    const again = await messages.replyAsParent(world.payer, thread.id, '¿Y el de noviembre?')
    expect(again!.status).toBe('open')
    expect(again!.dueBy.toISOString()).toBe('2026-12-10T17:00:00.000Z')
  })

  it('a reply that keeps the thread open puts it back in the queue, released', async () => {
    const thread = await write()
    await messages.claim(thread.id, world.repBilingual)
    const replied = await messages.replyAsStaff({ threadId: thread.id, staffId: world.repBilingual, body: 'Lo estamos revisando.', close: false })
    expect(replied.ok && [replied.thread.status, replied.thread.claimedBy]).toEqual(['open', null])
  })

  it('refuses a reply from a representative who does not hold the claim, and stores nothing', async () => {
    const thread = await write()
    await messages.claim(thread.id, world.repBilingual)
    const before = await postCount()
    expect(await messages.replyAsStaff({ threadId: thread.id, staffId: world.repEnglish, body: 'Mine', close: true })).toEqual({ ok: false, reason: 'not_claimed_by_you' })
    expect(await messages.replyAsStaff({ threadId: 999_999, staffId: world.repEnglish, body: 'Mine', close: true })).toEqual({ ok: false, reason: 'not_found' })
    expect(await postCount()).toBe(before)
  })

  it('gives a thread to exactly one of many simultaneous claims, and lets a lapsed claim be taken over', async () => {
    const thread = await write()
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => messages.claim(thread.id, i % 2 ? world.repBilingual : world.repEnglish)))
    // One representative wins; their own repeated clicks succeed idempotently, the other's are told it is taken.
    const winners = new Set(results.flatMap((r) => (r.ok ? [r.thread.claimedBy] : [])))
    expect(winners.size).toBe(1)
    const holder = [...winners][0]!
    expect(results.filter((r) => !r.ok)).toEqual(Array(4).fill({ ok: false, reason: 'already_claimed', messageKey: 'messages:errors.alreadyClaimed' }))
    const other = holder === world.repEnglish ? world.repBilingual : world.repEnglish
    clock.set('2026-11-25T18:59:00Z')
    expect(await messages.claim(thread.id, other)).toMatchObject({ ok: false, reason: 'already_claimed' })
    clock.set('2026-11-25T19:01:00Z')
    expect(await messages.claim(thread.id, other)).toMatchObject({ ok: true, thread: { claimedBy: other } })
  })
})
