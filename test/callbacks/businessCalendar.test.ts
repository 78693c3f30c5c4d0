import { BusinessCalendarError, createBusinessCalendar } from '../../server/callbacks/businessCalendar'

const calendar = createBusinessCalendar()
const at = (iso: string) => new Date(iso)
const text = (date: Date) => date.toISOString()

describe('business calendar: Monday to Friday 8:00–16:00 Pacific, California state holidays', () => {
  it('is open from 8:00 up to, not including, 16:00 on a weekday', () => {
    // Monday 2026-01-05, Pacific standard time (UTC−8).
    expect(calendar.isOpenAt(at('2026-01-05T15:59:59Z'))).toBe(false)
    expect(calendar.isOpenAt(at('2026-01-05T16:00:00Z'))).toBe(true)
    expect(calendar.isOpenAt(at('2026-01-05T23:59:59Z'))).toBe(true)
    expect(calendar.isOpenAt(at('2026-01-06T00:00:00Z'))).toBe(false)
  })

  it('is closed all weekend and opens again on Monday', () => {
    expect(calendar.isOpenAt(at('2026-01-10T19:00:00Z'))).toBe(false) // Saturday noon
    expect(calendar.isOpenAt(at('2026-01-11T19:00:00Z'))).toBe(false) // Sunday noon
    expect(text(calendar.nextOpenAt(at('2026-01-09T23:59:59Z')))).toBe('2026-01-09T23:59:59.000Z') // Friday, open
    expect(text(calendar.nextOpenAt(at('2026-01-10T00:00:00Z')))).toBe('2026-01-12T16:00:00.000Z') // Friday 16:00
    expect(text(calendar.nextOpenAt(at('2026-01-11T19:00:00Z')))).toBe('2026-01-12T16:00:00.000Z')
    expect(text(calendar.nextOpenAt(at('2026-01-12T14:00:00Z')))).toBe('2026-01-12T16:00:00.000Z') // Monday 6:00
  })

  it.each([
    ['new_years_day', '2026-01-01', '2026-01-02'],
    ['martin_luther_king_jr_day', '2026-01-19', '2026-01-20'],
    ['presidents_day', '2026-02-16', '2026-02-17'],
    ['cesar_chavez_day', '2026-03-31', '2026-04-01'],
    ['memorial_day', '2026-05-25', '2026-05-26'],
    ['independence_day', '2025-07-04', '2025-07-07'],
    ['labor_day', '2026-09-07', '2026-09-08'],
    ['veterans_day', '2026-11-11', '2026-11-12'],
    ['thanksgiving_day', '2026-11-26', '2026-11-30'], // the day after is closed too
    ['day_after_thanksgiving', '2026-11-27', '2026-11-30'],
    ['christmas_day', '2026-12-25', '2026-12-28'],
  ])('is closed on %s (%s) and opens next on %s', (name, date, reopens) => {
    expect(calendar.closureOn(date)).toEqual({ reason: 'holiday', holiday: expect.objectContaining({ name, date }) })
    const noon = calendar.instantAt(date, 12 * 60)
    expect(calendar.isOpenAt(noon)).toBe(false)
    expect(calendar.localDateOf(calendar.nextOpenAt(noon))).toBe(reopens)
  })

  it('closes on the observed day, not on a Saturday holiday\'s Friday', () => {
    expect(calendar.isBusinessDay('2023-01-02')).toBe(false) // New Year's Day 2023 was a Sunday
    expect(calendar.isBusinessDay('2023-11-10')).toBe(false) // Veterans Day 2023 was a Saturday
    expect(calendar.isBusinessDay('2026-07-03')).toBe(true) // July 4, 2026 is a Saturday: holiday credit
    expect(calendar.closureOn('2026-07-04')).toEqual({ reason: 'closed_weekday' })
  })

  it('opens at 8:00 local time on both sides of a daylight saving change', () => {
    expect(calendar.officeDay('2026-03-06')).toEqual({
      date: '2026-03-06',
      opensAt: at('2026-03-06T16:00:00Z'),
      closesAt: at('2026-03-07T00:00:00Z'),
    })
    expect(calendar.officeDay('2026-03-09')).toEqual({
      date: '2026-03-09',
      opensAt: at('2026-03-09T15:00:00Z'),
      closesAt: at('2026-03-09T23:00:00Z'),
    })
    expect(text(calendar.nextOpenAt(at('2026-10-31T12:00:00Z')))).toBe('2026-11-02T16:00:00.000Z')
  })

  describe('addBusinessDays', () => {
    it('keeps the time of day on business days', () => {
      // Monday 10:00 + 3 = Thursday 10:00.
      expect(text(calendar.addBusinessDays(at('2026-01-05T18:00:00Z'), 3))).toBe('2026-01-08T18:00:00.000Z')
      // Thursday 10:00 + 3 = Tuesday 10:00 across the weekend.
      expect(text(calendar.addBusinessDays(at('2026-01-08T18:00:00Z'), 3))).toBe('2026-01-13T18:00:00.000Z')
    })

    it('skips holidays: Friday before MLK Day + 1 is Tuesday', () => {
      expect(text(calendar.addBusinessDays(at('2026-01-16T18:00:00Z'), 1))).toBe('2026-01-20T18:00:00.000Z')
    })

    it('counts from the previous closing when closed: Saturday + 3 is Wednesday 16:00', () => {
      expect(text(calendar.addBusinessDays(at('2026-01-10T19:00:00Z'), 3))).toBe('2026-01-15T00:00:00.000Z')
      expect(text(calendar.addBusinessDays(at('2026-01-12T15:00:00Z'), 1))).toBe('2026-01-13T00:00:00.000Z') // Mon 7:00
      expect(text(calendar.addBusinessDays(at('2026-01-12T16:00:00Z'), 1))).toBe('2026-01-13T16:00:00.000Z') // Mon 8:00
    })

    it('keeps local time across daylight saving changes (71 and 73 hours of wall time)', () => {
      expect(text(calendar.addBusinessDays(at('2026-03-06T18:00:00Z'), 1))).toBe('2026-03-09T17:00:00.000Z')
      expect(text(calendar.addBusinessDays(at('2026-10-30T17:00:00Z'), 1))).toBe('2026-11-02T18:00:00.000Z')
    })

    it('returns the instant itself for 0 and refuses negative or fractional days', () => {
      const saturday = at('2026-01-10T19:00:00Z')
      expect(calendar.addBusinessDays(saturday, 0)).toBe(saturday)
      expect(() => calendar.addBusinessDays(saturday, -1)).toThrow(RangeError)
      expect(() => calendar.addBusinessDays(saturday, 1.5)).toThrow(RangeError)
    })
  })

  describe('office time', () => {
    it('adds minutes within office hours only', () => {
      // Friday 15:00 + 2 h = Monday 9:00.
      expect(text(calendar.addBusinessMinutes(at('2026-01-09T23:00:00Z'), 120))).toBe('2026-01-12T17:00:00.000Z')
      // Saturday + 30 min = Monday 8:30.
      expect(text(calendar.addBusinessMinutes(at('2026-01-10T19:00:00Z'), 30))).toBe('2026-01-12T16:30:00.000Z')
    })

    it('measures office time between instants, ignoring nights, weekends, holidays and clock changes', () => {
      // Friday 8:00 before the spring change to Monday 16:00 after it: two office days.
      expect(calendar.businessMinutesBetween(at('2026-03-06T16:00:00Z'), at('2026-03-09T23:00:00Z'))).toBe(960)
      // Monday 30 March 15:00 to Wednesday 1 April 9:00, across Cesar Chavez Day: 1 h + 1 h.
      expect(calendar.businessMinutesBetween(at('2026-03-30T22:00:00Z'), at('2026-04-01T16:00:00Z'))).toBe(120)
      expect(calendar.businessMinutesBetween(at('2026-01-06T00:00:00Z'), at('2026-01-05T16:00:00Z'))).toBe(0)
    })
  })

  describe('configured hours', () => {
    const longThursdays = createBusinessCalendar({
      weeklyHours: {
        monday: { opens: '08:00', closes: '16:00' },
        thursday: { opens: '09:30', closes: '19:00' },
        saturday: { opens: '09:00', closes: '12:00' },
      },
      holidays: { saturdayHolidays: 'preceding_friday' },
      extraClosedDates: ['2026-01-08'],
    })

    it('follows the hours of each weekday and the extra closed dates', () => {
      expect(longThursdays.isBusinessDay('2026-01-06')).toBe(false) // Tuesday: no hours
      expect(longThursdays.closureOn('2026-01-08')).toEqual({ reason: 'closed_date' })
      expect(longThursdays.officeDay('2026-01-15')).toEqual({
        date: '2026-01-15',
        opensAt: at('2026-01-15T17:30:00Z'),
        closesAt: at('2026-01-16T03:00:00Z'),
      })
      expect(longThursdays.isOpenAt(at('2026-01-10T18:00:00Z'))).toBe(true) // Saturday 10:00
      // Monday 9:00 is an hour into the day; 2 business days on (Thursday, Saturday) is an hour into Saturday.
      expect(text(longThursdays.addBusinessDays(at('2026-01-12T17:00:00Z'), 2))).toBe('2026-01-17T18:00:00.000Z')
    })

    it('refuses hours that cannot work', () => {
      expect(() => createBusinessCalendar({ weeklyHours: {} })).toThrow(BusinessCalendarError)
      expect(() => createBusinessCalendar({ weeklyHours: { monday: { opens: '16:00', closes: '08:00' } } })).toThrow(BusinessCalendarError)
      expect(() => createBusinessCalendar({ timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError)
      expect(() => createBusinessCalendar({ extraClosedDates: ['2026-02-30'] })).toThrow(BusinessCalendarError)
    })
  })
})
