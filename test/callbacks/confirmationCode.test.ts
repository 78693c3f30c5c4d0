import {
  confirmationCodeAlphabet,
  confirmationCodeLength,
  generateConfirmationCode,
  groupedConfirmationCode,
  normalizeConfirmationCode,
} from '../../server/callbacks/confirmationCode'

describe('confirmation codes', () => {
  it('use an alphabet without look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B) and without U', () => {
    for (const excluded of '0O1IL2Z5S8BU') expect(confirmationCodeAlphabet).not.toContain(excluded)
    expect(new Set(confirmationCodeAlphabet).size).toBe(confirmationCodeAlphabet.length)
    expect(confirmationCodeAlphabet).toMatch(/^[0-9A-Z]+$/)
    expect(confirmationCodeAlphabet.length).toBe(24)
  })

  it('are six characters from the alphabet', () => {
    for (let i = 0; i < 1000; i++) {
      const code = generateConfirmationCode()
      expect(code).toHaveLength(confirmationCodeLength)
      for (const character of code) expect(confirmationCodeAlphabet).toContain(character)
    }
  })

  it('rarely repeat: about one pair in 20,000 codes from the secure source', () => {
    const codes = new Set(Array.from({ length: 20_000 }, () => generateConfirmationCode()))
    // 24^6 ≈ 1.9e8 codes: n²/2N ≈ 1.05 repeats expected among 20,000; more than 6 has odds of about 1 in 10,000,
    // while a weak source (a short cycle, a fixed position) repeats by the thousand.
    expect(20_000 - codes.size).toBeLessThanOrEqual(6)
  })

  it('use every symbol of the alphabet in every position', () => {
    const seen = Array.from({ length: confirmationCodeLength }, () => new Set<string>())
    for (let i = 0; i < 3000; i++) [...generateConfirmationCode()].forEach((c, position) => seen[position]!.add(c))
    for (const symbols of seen) expect(symbols.size).toBe(confirmationCodeAlphabet.length)
  })

  it('take the random index from the injected source', () => {
    let next = 0
    expect(generateConfirmationCode(() => next++ % 24)).toBe(confirmationCodeAlphabet.slice(0, 6))
  })

  it('read back what people type, ignoring case, spaces and dashes, and refuse look-alikes', () => {
    expect(normalizeConfirmationCode(' k7m-4pq ')).toBe('K7M4PQ')
    expect(normalizeConfirmationCode('K7M 4PQ')).toBe('K7M4PQ')
    expect(normalizeConfirmationCode('K7M4P0')).toBeNull() // zero is never in a code
    expect(normalizeConfirmationCode('K7M4P')).toBeNull()
    expect(normalizeConfirmationCode('K7M4PQQ')).toBeNull()
    expect(groupedConfirmationCode('K7M4PQ')).toBe('K7M 4PQ')
    for (let i = 0; i < 100; i++) {
      const code = generateConfirmationCode()
      expect(normalizeConfirmationCode(groupedConfirmationCode(code).toLowerCase())).toBe(code)
    }
  })
})
