import { caseAlerts } from '../../server/cases/caseAlerts'
import { event, license, situation } from './helpers/situations'
import { untranslatedMessages } from './helpers/messageCatalog'

describe('case alerts', () => {
  it('has nothing to say about a quiet case', () => {
    expect(caseAlerts(situation())).toEqual([])
  })

  it('warns of a suspended license with its date, or of a license at risk', () => {
    expect(caseAlerts(situation({ license: license({ status: 'suspended', since: '2026-02-18' }) }))).toEqual([
      { kind: 'license_suspended', key: 'cases:alerts.licenseSuspended', params: { since: { date: '2026-02-18' } } },
    ])
    expect(caseAlerts(situation({ license: license({ status: 'listed', since: '2026-01-05' }) }))[0]!.kind).toBe('license_at_risk')
    expect(caseAlerts(situation({ license: license({ status: 'exempt_low_income', since: '2026-01-05' }) }))).toEqual([])
    expect(caseAlerts(situation({ license: license({ status: 'released', since: '2026-01-05' }) }))).toEqual([])
  })

  it('warns of a hearing or appointment within 14 days of now, not later', () => {
    const now = '2026-03-10T18:00:00.000Z'
    const alerts = caseAlerts(
      situation({
        now,
        events: [
          event({ id: 1, kind: 'hearing', at: '2026-03-24T18:00:00.000Z' }),
          event({ id: 2, kind: 'appointment', at: '2026-03-11T16:00:00.000Z' }),
          event({ id: 3, kind: 'hearing', at: '2026-03-24T18:00:01.000Z' }),
        ],
      }),
    )
    expect(alerts.map((a) => [a.kind, a.params.dateTime])).toEqual([
      ['hearing_soon', { dateTime: '2026-03-24T18:00:00.000Z' }],
      ['appointment_soon', { dateTime: '2026-03-11T16:00:00.000Z' }],
    ])
  })

  it('counts the documents requested and gives the first due date', () => {
    const alerts = caseAlerts(
      situation({
        events: [
          event({ id: 1, kind: 'document_request', at: '2026-03-12' }),
          event({ id: 2, kind: 'document_request', at: '2026-04-02' }),
        ],
      }),
    )
    expect(alerts).toEqual([
      { kind: 'documents_due', key: 'cases:alerts.documentsDue', params: { documents: { count: 2 }, dueDate: { date: '2026-03-12' } } },
    ])
  })

  it('says support is paused until it resumes, then that it resumed', () => {
    const paused = caseAlerts(situation({ release: { releasedOn: '2026-02-17', resumesOn: '2026-12-01', paused: true, recent: true } }))
    expect(paused).toEqual([{ kind: 'support_paused', key: 'cases:alerts.supportPaused', params: { resumesOn: { date: '2026-12-01' } } }])
    const resumed = caseAlerts(situation({ release: { releasedOn: '2026-02-17', resumesOn: '2026-03-01', paused: false, recent: true } }))
    expect(resumed[0]!.kind).toBe('support_resumed')
  })

  it('uses only translated keys', () => {
    const all = caseAlerts(
      situation({
        license: license({ status: 'suspended', since: '2026-02-18' }),
        events: [
          event({ id: 1, kind: 'hearing', at: '2026-03-11T18:00:00.000Z' }),
          event({ id: 2, kind: 'appointment', at: '2026-03-11T19:00:00.000Z' }),
          event({ id: 3, kind: 'document_request', at: '2026-03-12' }),
        ],
        release: { releasedOn: '2026-02-17', resumesOn: '2026-12-01', paused: true, recent: true },
      }),
    )
    const others = [
      caseAlerts(situation({ license: license({ status: 'notice_sent', since: '2026-02-18' }) })),
      caseAlerts(situation({ release: { releasedOn: '2026-02-17', resumesOn: '2026-03-01', paused: false, recent: true } })),
    ]
    expect(all).toHaveLength(5)
    expect(untranslatedMessages([all, others])).toEqual([])
  })
})
