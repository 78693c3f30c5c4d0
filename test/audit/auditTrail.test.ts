import { AuditTrailForbidden, createAuditService } from '../../server/audit/auditService'
import { AUDIT_TRAIL_MAX_LIMIT, createAuditTrail } from '../../server/audit/auditTrail'
import { principalActor } from '../../server/audit/principal'
import { type Clock, fixedClock } from '../../server/clock'
import { createTestDatabase, type TestDatabase } from '../helpers/testDatabase'

let database: TestDatabase
let instant = '2026-03-10T18:00:00.000Z'
const clock: Clock = { now: () => new Date(instant) }

beforeAll(async () => {
  database = await createTestDatabase()
})

afterAll(async () => {
  await database.close()
})

describe('audit trail', () => {
  it('stores who, which case, which channel, when and what, and reads a case newest first', async () => {
    const trail = createAuditTrail(database.db, clock)
    await trail.recordCaseEvents([
      { actor: { kind: 'parent', id: 11 }, caseId: 5, channel: 'web', action: 'case.summary' },
      { actor: { kind: 'parent', id: 11 }, caseId: 6, channel: 'web', action: 'case.summary' },
    ])
    instant = '2026-03-10T18:05:00.000Z'
    await trail.recordCaseEvents([
      { actor: { kind: 'staff', id: 3 }, caseId: 5, channel: 'console', action: 'case.payment_explanation', details: { paymentId: 42 } },
    ])
    await trail.recordCaseEvents([])
    const entries = await trail.caseAuditTrail(5)
    expect(entries).toEqual([
      { id: expect.any(Number), occurredAt: '2026-03-10T18:05:00.000Z', actor: { kind: 'staff', id: 3 }, caseId: 5, channel: 'console', action: 'case.payment_explanation', details: { paymentId: 42 } },
      { id: expect.any(Number), occurredAt: '2026-03-10T18:00:00.000Z', actor: { kind: 'parent', id: 11 }, caseId: 5, channel: 'web', action: 'case.summary', details: null },
    ])
    expect(await trail.caseAuditTrail(6)).toHaveLength(1)
    expect(await trail.caseAuditTrail(7)).toEqual([])
  })

  it('orders rows of the same instant by insertion, and caps the page', async () => {
    const trail = createAuditTrail(database.db, fixedClock('2026-03-11T00:00:00Z'))
    const many = Array.from({ length: AUDIT_TRAIL_MAX_LIMIT + 5 }, (_, i) => ({
      actor: { kind: 'system' as const, id: null }, caseId: 8, channel: 'system' as const, action: `read.${i}`,
    }))
    await trail.recordCaseEvents(many)
    const newest = await trail.caseAuditTrail(8, { limit: 2 })
    expect(newest.map((e) => e.action)).toEqual([`read.${AUDIT_TRAIL_MAX_LIMIT + 4}`, `read.${AUDIT_TRAIL_MAX_LIMIT + 3}`])
    expect(await trail.caseAuditTrail(8, { limit: 10_000 })).toHaveLength(AUDIT_TRAIL_MAX_LIMIT)
    expect(await trail.caseAuditTrail(8, { limit: 0 })).toHaveLength(1)
  })

  it('names parents by participant id and staff by staff id', () => {
    expect(principalActor({ kind: 'parent', participantId: 4 })).toEqual({ kind: 'parent', id: 4 })
    expect(principalActor({ kind: 'staff', staffId: 9, role: 'rep' })).toEqual({ kind: 'staff', id: 9 })
  })
})

describe('audit service', () => {
  it('shows a supervisor the trail and records that look', async () => {
    const service = createAuditService({ db: database.db, clock: fixedClock('2026-03-12T09:00:00Z') })
    const supervisor = { kind: 'staff' as const, staffId: 2, role: 'supervisor' as const }
    const seen = await service.caseAuditTrail(supervisor, 6)
    expect(seen.map((e) => e.action)).toEqual(['case.summary'])
    const after = await service.caseAuditTrail(supervisor, 6)
    expect(after[0]).toMatchObject({ action: 'audit_trail.read', actor: { kind: 'staff', id: 2 }, channel: 'console', occurredAt: '2026-03-12T09:00:00.000Z' })
  })

  it('refuses reps and parents', async () => {
    const service = createAuditService({ db: database.db, clock })
    await expect(service.caseAuditTrail({ kind: 'staff', staffId: 1, role: 'rep' }, 5)).rejects.toBeInstanceOf(AuditTrailForbidden)
    await expect(service.caseAuditTrail({ kind: 'parent', participantId: 11 }, 5)).rejects.toBeInstanceOf(AuditTrailForbidden)
  })

  it('has nothing for an id that cannot be a case, and records nothing for it', async () => {
    const service = createAuditService({ db: database.db, clock })
    expect(await service.caseAuditTrail({ kind: 'staff', staffId: 2, role: 'supervisor' }, -3)).toEqual([])
  })
})
