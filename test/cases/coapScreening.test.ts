import { mayQualifyForCoap } from '../../server/cases/coapScreening'

const base = { stateOwedCents: 1_919_175, caseOpen: true, interstate: false, paidToStateLastYearCents: 0 }

describe('COAP screening (FC 17560)', () => {
  it('suggests COAP when the state is owed and the parent pays nothing toward it', () => {
    expect(mayQualifyForCoap(base)).toBe(true)
  })

  it('never suggests it without state-owed arrears: family-owed support cannot be compromised', () => {
    expect(mayQualifyForCoap({ ...base, stateOwedCents: 0 })).toBe(false)
  })

  it('does not suggest it for a closed or interstate case', () => {
    expect(mayQualifyForCoap({ ...base, caseOpen: false })).toBe(false)
    expect(mayQualifyForCoap({ ...base, interstate: true })).toBe(false)
  })

  it('does not suggest it when last year’s pace pays the state within three years', () => {
    // 3 × 639,725 = 1,919,175: paid in full in exactly three years, so no compromise.
    expect(mayQualifyForCoap({ ...base, paidToStateLastYearCents: 639_725 })).toBe(false)
    expect(mayQualifyForCoap({ ...base, paidToStateLastYearCents: 639_724 })).toBe(true)
  })
})
