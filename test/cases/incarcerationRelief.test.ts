import { RECENT_RELEASE_MONTHS, releaseRelief, statutoryResumptionOn } from '../../server/cases/incarcerationRelief'

describe('support after release from incarceration (FC 4007.5)', () => {
  it('resumes on the 1st of the 10th month after a release on or after January 1, 2024', () => {
    expect(statutoryResumptionOn('2024-01-01')).toBe('2024-11-01')
    expect(statutoryResumptionOn('2026-02-17')).toBe('2026-12-01')
    expect(statutoryResumptionOn('2026-05-31')).toBe('2027-03-01')
  })

  it('resumed on the 1st of the first full month after an earlier release', () => {
    expect(statutoryResumptionOn('2023-12-31')).toBe('2024-01-01')
    expect(statutoryResumptionOn('2023-06-01')).toBe('2023-07-01')
  })

  it('is paused until the resumption date, and recent for a year after release', () => {
    expect(releaseRelief('2026-02-17', null, '2026-03-10')).toEqual({
      releasedOn: '2026-02-17', resumesOn: '2026-12-01', paused: true, recent: true,
    })
    expect(releaseRelief('2026-02-17', null, '2026-12-01')).toMatchObject({ paused: false, recent: true })
    expect(RECENT_RELEASE_MONTHS).toBe(12)
    expect(releaseRelief('2026-02-17', null, '2027-01-31')).toMatchObject({ paused: false, recent: true })
    expect(releaseRelief('2026-02-17', null, '2027-02-01')).toBeNull()
  })

  it('follows the order on file when the agency recorded when support resumes', () => {
    expect(releaseRelief('2026-02-17', '2026-03-01', '2026-03-10')).toEqual({
      releasedOn: '2026-02-17', resumesOn: '2026-03-01', paused: false, recent: true,
    })
  })

  it('has nothing to say without a release, or about a release in the future', () => {
    expect(releaseRelief(null, null, '2026-03-10')).toBeNull()
    expect(releaseRelief('2026-03-11', null, '2026-03-10')).toBeNull()
  })
})
