import {
  oneByOne, spokenDate, spokenDateTime, spokenEnding, spokenMoney, spokenMoneyAsModifier, spokenMonth, spokenPhoneNumber, spokenText, spokenWhen,
} from '../../ivr/spokenFormats'
import { createI18n, translatorFor } from '../../server/i18n'

const i18n = createI18n()
const en = translatorFor(i18n, 'en')
const es = translatorFor(i18n, 'es')

describe('money spoken', () => {
  it.each([
    [123456, '1,234 dollars and 56 cents', '1,234 dólares con 56 centavos'],
    [100, '1 dollar', '1 dólar'],
    [101, '1 dollar and 1 cent', '1 dólar con 1 centavo'],
    [56, '56 cents', '56 centavos'],
    [0, '0 dollars', '0 dólares'],
    [70000, '700 dollars', '700 dólares'],
    [123456789, '1,234,567 dollars and 89 cents', '1,234,567 dólares con 89 centavos'],
    [-3500, 'minus 35 dollars', 'menos 35 dólares'],
  ])('%d cents', (cents, english, spanish) => {
    expect(spokenMoney(cents, 'en', en)).toBe(english)
    expect(spokenMoney(cents, 'es', es)).toBe(spanish)
  })

  it('refuses anything but whole cents', () => {
    expect(() => spokenMoney(12.5, 'en', en)).toThrow(RangeError)
  })
})

describe('dates and times spoken', () => {
  it('reads a calendar date in the caller language, never a day off', () => {
    expect(spokenDate('2025-12-01', 'en')).toBe('December 1, 2025')
    expect(spokenDate('2025-12-01', 'es')).toBe('1 de diciembre de 2025')
    expect(spokenDate('2026-01-01', 'en')).toBe('January 1, 2026')
    expect(() => spokenDate('12/01/2025', 'en')).toThrow(RangeError)
  })

  it('reads a month', () => {
    expect(spokenMonth('2025-11-01', 'en')).toBe('November 2025')
    expect(spokenMonth('2025-11-30', 'es')).toBe('noviembre de 2025')
  })

  it('reads an instant at the office, in Pacific time', () => {
    expect(spokenDateTime('2025-11-24T16:00:00Z', 'en')).toBe('Monday, November 24 at 8:00 AM')
    expect(spokenDateTime('2025-11-24T16:00:00Z', 'es')).toMatch(/^lunes, 24 de noviembre, 8:00/)
    // Summer time: 8 AM Pacific is 15:00 UTC.
    expect(spokenDateTime('2025-07-07T15:00:00Z', 'en')).toBe('Monday, July 7 at 8:00 AM')
  })

  it('says today and tomorrow by name, in the agency\'s day, and "a la" for one o\'clock in Spanish', () => {
    // 3 AM on Monday, November 24, 2025, Pacific time (11:00 UTC); the office opens at 8.
    const now = new Date('2025-11-24T11:00:00Z')
    expect(spokenWhen('2025-11-24T16:00:00Z', now, 'en', en)).toBe('today at 8:00 AM')
    expect(spokenWhen('2025-11-24T16:00:00Z', now, 'es', es)).toMatch(/^hoy a las 8:00\sa\.\s?m\.$/)
    expect(spokenWhen('2025-11-25T21:00:00Z', now, 'en', en)).toBe('tomorrow at 1:00 PM')
    expect(spokenWhen('2025-11-25T21:00:00Z', now, 'es', es)).toMatch(/^mañana a la 1:00/)
    expect(spokenWhen('2025-11-26T20:00:00Z', now, 'en', en)).toBe('Wednesday, November 26 at 12:00 PM')
    expect(spokenWhen('2025-11-26T20:00:00Z', now, 'es', es)).toMatch(/^el miércoles, 26 de noviembre, a las 12:00/)
    // 11 PM Pacific on the 24th is already the 25th in UTC: still today for a caller in California.
    expect(spokenWhen('2025-11-25T07:00:00Z', now, 'en', en)).toBe('today at 11:00 PM')
  })
})

describe('characters read one by one', () => {
  it('separates digits and letters so no one hears "twelve thirty-four"', () => {
    expect(oneByOne('1234')).toBe('1 2 3 4')
    expect(oneByOne('K7M 3Q9')).toBe('K 7 M 3 Q 9')
    expect(spokenEnding('340009940871')).toBe('0 8 7 1')
    expect(spokenPhoneNumber('+19165550101')).toBe('9 1 6, 5 5 5, 0 1 0 1')
  })
})

describe('money before a noun', () => {
  it('is "a 35 dollar service fee" in English, and the ordinary form in Spanish', () => {
    expect(spokenMoneyAsModifier(3500, 'en', en)).toBe('35 dollar')
    expect(spokenMoneyAsModifier(3550, 'en', en)).toBe('35 dollars and 50 cents')
    expect(spokenMoneyAsModifier(3500, 'es', es)).toBe('35 dólares')
  })
})

describe('recorded text spoken', () => {
  it('leaves out a form number in parentheses and reads one standing alone character by character', () => {
    expect(spokenText('Income and Expense Declaration (FL-150) with proof of unemployment benefits', 'en')).toBe(
      'Income and Expense Declaration with proof of unemployment benefits',
    )
    expect(spokenText('Bring form FL-300 to court', 'es')).toBe('Bring form F L 3 0 0 to court')
  })

  it('drops the ZIP code of a place a caller goes to', () => {
    expect(spokenText('William R. Ridgeway Family Relations Courthouse, 3341 Power Inn Road, Sacramento, CA 95826, Department 123', 'en')).toBe(
      'William R. Ridgeway Family Relations Courthouse, 3341 Power Inn Road, Sacramento, California, Department 123',
    )
    expect(spokenText('3960 Research Drive, Sacramento, CA 95838-1234', 'es')).toBe('3960 Research Drive, Sacramento, California')
  })
})
