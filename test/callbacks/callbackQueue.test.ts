import { createBusinessCalendar } from '../../server/callbacks/businessCalendar'
import { afterAttempt, refusalFor } from '../../server/callbacks/callbackQueue'
import type { AttemptOutcome } from '../../server/callbacks/callbackRecord'
import { createServiceLevel } from '../../server/callbacks/serviceLevel'

const serviceLevel = createServiceLevel(createBusinessCalendar())
const mondayTenAm = new Date('2026-01-05T18:00:00Z')
const transition = (outcome: AttemptOutcome, attemptsBefore: number, maxAttempts = 3) =>
  afterAttempt({ outcome, attemptsBefore, maxAttempts, attemptedAt: mondayTenAm, callback: { preferredWindow: 'asap' }, serviceLevel })

describe('what an attempt does to a request', () => {
  it('closes it when the parent was reached', () => {
    expect(transition('resolved', 0)).toEqual({ kind: 'closed', status: 'completed' })
    expect(transition('needs_caseworker', 1)).toEqual({ kind: 'closed', status: 'needs_caseworker' })
  })

  it('closes it as unreachable at once on a wrong number', () => {
    expect(transition('wrong_number', 0)).toEqual({ kind: 'closed', status: 'unreachable' })
  })

  it('puts a missed call back in the queue two office hours later, until the last allowed attempt', () => {
    expect(transition('no_answer', 0)).toEqual({ kind: 'retry', nextAttemptAfter: new Date('2026-01-05T20:00:00Z') })
    expect(transition('left_message', 1)).toEqual({ kind: 'retry', nextAttemptAfter: new Date('2026-01-05T20:00:00Z') })
    expect(transition('no_answer', 2)).toEqual({ kind: 'closed', status: 'unreachable' })
    expect(transition('left_message', 4, 5)).toEqual({ kind: 'closed', status: 'unreachable' })
    expect(transition('no_answer', 0, 1)).toEqual({ kind: 'closed', status: 'unreachable' })
  })

  it('explains a missed conditional update from the row as it now stands', () => {
    expect(refusalFor('claim', undefined)).toBe('not_found')
    expect(refusalFor('claim', { status: 'claimed', claimedBy: 2 })).toBe('already_claimed')
    expect(refusalFor('release', { status: 'claimed', claimedBy: 2 })).toBe('not_claimed_by_you')
    expect(refusalFor('attempt', { status: 'open', claimedBy: null })).toBe('not_claimed_by_you')
    expect(refusalFor('attempt', { status: 'completed', claimedBy: 1 })).toBe('closed')
    expect(refusalFor('claim', { status: 'cancelled', claimedBy: null })).toBe('closed')
  })
})
