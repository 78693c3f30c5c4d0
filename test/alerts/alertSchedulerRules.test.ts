import { comingUpWindow, paymentDueSoon, paymentMissingMonth } from '../../server/alerts/scheduledAlertRules'
import { agencyCalendar } from '../../server/callbacks/businessCalendar'

// When the time-based alerts fall due, on the agency's calendar (weekends and California state holidays).

describe('a payment due in a few days', () => {
  it('starts three business days before the 1st and ends the day before it', () => {
    // 1 November 2026 is a Sunday: the three business days before it are Wednesday 28 to Friday 30 October.
    expect(paymentDueSoon('2026-10-27', agencyCalendar)).toBeNull()
    expect(paymentDueSoon('2026-10-28', agencyCalendar)).toBe('2026-11-01')
    expect(paymentDueSoon('2026-10-31', agencyCalendar)).toBe('2026-11-01')
    expect(paymentDueSoon('2026-11-01', agencyCalendar)).toBeNull()
  })

  it('starts earlier when holidays fall before the 1st', () => {
    // Thanksgiving (26 November 2026) and the day after are state holidays: Monday 30, Wednesday 25, Tuesday 24.
    expect(paymentDueSoon('2026-11-23', agencyCalendar)).toBeNull()
    expect(paymentDueSoon('2026-11-24', agencyCalendar)).toBe('2026-12-01')
  })
})

describe('no payment yet by the 20th', () => {
  it('is checked from the first business day after the 20th to the end of the month', () => {
    // 20 November 2026 is a Friday: a payment made that day posts by Monday the 23rd.
    expect(paymentMissingMonth('2026-11-20', agencyCalendar)).toBeNull()
    expect(paymentMissingMonth('2026-11-21', agencyCalendar)).toBeNull()
    expect(paymentMissingMonth('2026-11-23', agencyCalendar)).toBe('2026-11-01')
    expect(paymentMissingMonth('2026-11-30', agencyCalendar)).toBe('2026-11-01')
    expect(paymentMissingMonth('2026-12-01', agencyCalendar)).toBeNull()
    // 20 January 2027 is a Wednesday: from Thursday the 21st.
    expect(paymentMissingMonth('2027-01-20', agencyCalendar)).toBeNull()
    expect(paymentMissingMonth('2027-01-21', agencyCalendar)).toBe('2027-01-01')
  })
})

it('a hearing or appointment is coming up within the next three days', () => {
  const now = new Date('2026-12-21T17:00:00Z')
  expect(comingUpWindow(now)).toEqual({ after: now, until: new Date('2026-12-24T17:00:00Z') })
})
