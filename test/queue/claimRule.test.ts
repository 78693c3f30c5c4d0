import { type ClaimableItem, claimHasLapsed, holdsClaim, mayClaim, staleClaimsBefore } from '../../server/queue/claimRule'
import { claimableCallback } from '../../server/callbacks/callbackQueue'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'
import { type CallbackWorld, callbackServiceOn, seedCallbackWorld, settableClock } from '../callbacks/callbackFixtures'

// The one claim rule, on its own and against the database: whatever the console offers as "Take it" is exactly what
// the conditional UPDATE lets through, state by state.

const now = new Date('2026-01-05T17:00:00.000Z')
const at = { now, claimMinutes: 60 }
const me = { staffId: 7 }
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000)
const item = (overrides: Partial<ClaimableItem>): ClaimableItem => ({ status: 'open', claimedBy: null, claimedAt: null, notBefore: null, ...overrides })

/** Every state a work item can be in as a representative looks at it, with what the rule must say. */
const states: Array<{ name: string; item: ClaimableItem; mayClaim: boolean }> = [
  { name: 'open and ready', item: item({}), mayClaim: true },
  { name: 'open, its retry time already come', item: item({ notBefore: minutesAgo(1) }), mayClaim: true },
  { name: 'open, waiting for its retry time', item: item({ notBefore: new Date(now.getTime() + 60_000) }), mayClaim: false },
  { name: 'claimed by someone else a minute ago', item: item({ status: 'claimed', claimedBy: 8, claimedAt: minutesAgo(1) }), mayClaim: false },
  { name: 'claimed by someone else exactly a claim time ago', item: item({ status: 'claimed', claimedBy: 8, claimedAt: minutesAgo(60) }), mayClaim: false },
  { name: 'claimed by someone else, lapsed', item: item({ status: 'claimed', claimedBy: 8, claimedAt: minutesAgo(61) }), mayClaim: true },
  { name: 'claimed by me a minute ago', item: item({ status: 'claimed', claimedBy: 7, claimedAt: minutesAgo(1) }), mayClaim: false },
  { name: 'claimed by me, lapsed', item: item({ status: 'claimed', claimedBy: 7, claimedAt: minutesAgo(90) }), mayClaim: false },
  { name: 'completed', item: item({ status: 'completed', claimedBy: 7, claimedAt: minutesAgo(5) }), mayClaim: false },
  { name: 'answered', item: item({ status: 'answered' }), mayClaim: false },
  { name: 'cancelled', item: item({ status: 'cancelled' }), mayClaim: false },
]

describe('the claim rule', () => {
  it.each(states)('$name: may claim is $mayClaim', ({ item: state, mayClaim: expected }) => {
    expect(mayClaim(me, state, at)).toBe(expected)
  })

  it('lets the holder work an item, lapsed or not, and nobody else', () => {
    expect(holdsClaim(me, item({ status: 'claimed', claimedBy: 7, claimedAt: minutesAgo(90) }))).toBe(true)
    expect(holdsClaim(me, item({ status: 'claimed', claimedBy: 8, claimedAt: minutesAgo(1) }))).toBe(false)
    expect(holdsClaim(me, item({ status: 'completed', claimedBy: 7 }))).toBe(false)
    expect(holdsClaim(me, item({}))).toBe(false)
  })

  it('lapses a claim strictly after the claim time', () => {
    expect(staleClaimsBefore(now, 60)).toEqual(minutesAgo(60))
    expect(claimHasLapsed({ status: 'claimed', claimedAt: minutesAgo(60) }, at)).toBe(false)
    expect(claimHasLapsed({ status: 'claimed', claimedAt: minutesAgo(61) }, at)).toBe(true)
    expect(claimHasLapsed({ status: 'open', claimedAt: minutesAgo(600) }, at)).toBe(false)
  })
})

describe(`the claim rule and the database agree (${process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  let database: TestDatabase
  let world: CallbackWorld
  const clock = settableClock(now.toISOString())

  beforeAll(async () => {
    database = await createTestDatabase()
    world = await seedCallbackWorld(database)
  })
  afterAll(() => database.close())

  // The item's holder in the table is a real staff member: "me" is the bilingual rep, "someone else" the English one.
  const staffFor = (id: number | null) => (id === 7 ? world.repBilingual : id === 8 ? world.repEnglish : null)

  it.each(states.filter((s) => ['open', 'claimed', 'completed', 'cancelled'].includes(s.item.status)))(
    'a callback request $name: the claim goes through exactly when the rule says so',
    async ({ item: state }) => {
      const service = callbackServiceOn(database, clock)
      const { callback } = await service.requestCallback({ phone: '+19165550177', language: 'en', topic: 'other', preferredWindow: 'asap', channel: 'phone' })
      await database.db
        .updateTable('callbacks')
        .set({
          status: state.status as 'open',
          claimed_by: staffFor(state.claimedBy),
          claimed_at: state.claimedAt?.toISOString() ?? null,
          next_attempt_after: state.notBefore?.toISOString() ?? null,
          closed_at: state.status === 'open' || state.status === 'claimed' ? null : now.toISOString(),
        })
        .where('id', '=', callback.id)
        .execute()
      const stored = (await service.callbackForStaff(callback.id))!
      const verdict = mayClaim({ staffId: world.repBilingual }, claimableCallback(stored.callback), stored.claimTime)
      const result = await service.claim(callback.id, world.repBilingual)
      const after = (await service.callbackForStaff(callback.id))!.callback
      // Claiming one's own claim again answers ok without taking anything new: the rule calls that working it.
      if (holdsClaim({ staffId: world.repBilingual }, stored.callback)) {
        expect(result.ok).toBe(true)
        expect(verdict).toBe(false)
        return
      }
      expect(result.ok).toBe(verdict)
      expect(after.claimedBy === world.repBilingual && after.status === 'claimed').toBe(verdict)
    },
  )
})
