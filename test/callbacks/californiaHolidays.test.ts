import { californiaHolidayOn, californiaHolidaysOf, type HolidayName } from '../../server/callbacks/californiaHolidays'

const closures = (year: number, options?: Parameters<typeof californiaHolidaysOf>[1]) =>
  Object.fromEntries(californiaHolidaysOf(year, options).map((h) => [h.name, h.date])) as Partial<Record<HolidayName, string>>

describe('California state holidays (Gov. Code 19853, CalHR)', () => {
  it('lists the eleven office closures of 2025 on their CalHR dates', () => {
    expect(closures(2025)).toEqual({
      new_years_day: '2025-01-01',
      martin_luther_king_jr_day: '2025-01-20',
      presidents_day: '2025-02-17',
      cesar_chavez_day: '2025-03-31',
      memorial_day: '2025-05-26',
      independence_day: '2025-07-04',
      labor_day: '2025-09-01',
      veterans_day: '2025-11-11',
      thanksgiving_day: '2025-11-27',
      day_after_thanksgiving: '2025-11-28',
      christmas_day: '2025-12-25',
    })
  })

  it('moves a Sunday holiday to the Monday after (2023: New Year; 2024: Cesar Chavez; 2022: Christmas)', () => {
    expect(closures(2023).new_years_day).toBe('2023-01-02')
    expect(closures(2024).cesar_chavez_day).toBe('2024-04-01')
    expect(closures(2022).christmas_day).toBe('2022-12-26')
    expect(closures(2021).independence_day).toBe('2021-07-05')
    expect(californiaHolidayOn('2024-04-01')).toEqual({ name: 'cesar_chavez_day', date: '2024-04-01', actualDate: '2024-03-31' })
  })

  it('keeps offices open on the Friday before a Saturday holiday (holiday credit), except Veterans Day', () => {
    // 2022-01-01, 2026-07-04, 2021-12-25 and 2027-12-25 fall on Saturdays: holiday credit, no closure.
    expect(closures(2022).new_years_day).toBeUndefined()
    expect(closures(2026).independence_day).toBeUndefined()
    expect(closures(2021).christmas_day).toBeUndefined()
    expect(californiaHolidayOn('2021-12-31')).toBeNull()
    expect(californiaHolidayOn('2026-07-03')).toBeNull()
    // 19853(b): November 11 on a Saturday is observed the Friday before (2023, 2028).
    expect(closures(2023).veterans_day).toBe('2023-11-10')
    expect(closures(2028).veterans_day).toBe('2028-11-10')
  })

  it('can follow a county schedule that closes the Friday before any Saturday holiday', () => {
    const county = { saturdayHolidays: 'preceding_friday' } as const
    expect(closures(2026, county).independence_day).toBe('2026-07-03')
    // January 1, 2022 (a Saturday) then closes December 31, 2021.
    expect(californiaHolidayOn('2021-12-31', county)?.name).toBe('new_years_day')
  })

  it('computes the Monday holidays and Thanksgiving for any year', () => {
    const cases: Array<[number, Partial<Record<HolidayName, string>>]> = [
      [2026, { martin_luther_king_jr_day: '2026-01-19', presidents_day: '2026-02-16', memorial_day: '2026-05-25', labor_day: '2026-09-07', thanksgiving_day: '2026-11-26', day_after_thanksgiving: '2026-11-27' }],
      [2027, { martin_luther_king_jr_day: '2027-01-18', presidents_day: '2027-02-15', memorial_day: '2027-05-31', labor_day: '2027-09-06', thanksgiving_day: '2027-11-25', day_after_thanksgiving: '2027-11-26' }],
      [2030, { martin_luther_king_jr_day: '2030-01-21', presidents_day: '2030-02-18', memorial_day: '2030-05-27', labor_day: '2030-09-02', thanksgiving_day: '2030-11-28', day_after_thanksgiving: '2030-11-29' }],
    ]
    for (const [year, expected] of cases) expect(closures(year)).toMatchObject(expected)
  })

  it('leaves out the 6700 days state offices work, unless the agency adds them', () => {
    for (const date of ['2026-02-12', '2026-06-19', '2026-09-25', '2026-10-12']) expect(californiaHolidayOn(date)).toBeNull()
    const county = { alsoClosedOn: ['lincoln_day', 'juneteenth', 'native_american_day', 'columbus_day'] } as const
    expect(closures(2026, county)).toMatchObject({
      lincoln_day: '2026-02-12',
      juneteenth: '2026-06-19',
      native_american_day: '2026-09-25', // fourth Friday in September
      columbus_day: '2026-10-12',
    })
    expect(closures(2022, county).juneteenth).toBe('2022-06-20') // a Sunday, observed Monday
    expect(closures(2025, county).native_american_day).toBe('2025-09-26')
  })

  it('gives every year eleven closures or fewer, all on weekdays', () => {
    for (let year = 2000; year <= 2060; year++) {
      const list = californiaHolidaysOf(year)
      expect(list.length).toBeGreaterThanOrEqual(9)
      expect(list.length).toBeLessThanOrEqual(11)
      for (const holiday of list) expect([0, 6]).not.toContain(new Date(`${holiday.date}T12:00:00Z`).getUTCDay())
    }
  })
})
