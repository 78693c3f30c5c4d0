import { nextSteps } from '../../server/cases/nextSteps'
import { event, license, situation } from './helpers/situations'
import { untranslatedMessages } from './helpers/messageCatalog'

const kinds = (s: Parameters<typeof nextSteps>[0]) => nextSteps(s).map((step) => step.kind)

describe('next steps', () => {
  it('always ends with how to reach a person, even when nothing else is going on', () => {
    expect(kinds(situation())).toEqual(['contact_us'])
    expect(kinds(situation({ viewer: 'receiving', license: null, nextPayment: null }))).toEqual(['contact_us'])
  })

  it('puts dated items first, soonest first, documents and hearings together, at most three', () => {
    const steps = nextSteps(
      situation({
        events: [
          event({ id: 1, kind: 'document_request', at: '2026-03-12', location: null }),
          event({ id: 2, kind: 'hearing', at: '2026-03-16T15:30:00.000Z' }),
          event({ id: 3, kind: 'appointment', at: '2026-03-20T17:00:00.000Z', location: null }),
          event({ id: 4, kind: 'hearing', at: '2026-05-01T15:30:00.000Z' }),
        ],
      }),
    )
    expect(steps.map((s) => s.key)).toEqual([
      'cases:nextSteps.documentRequested',
      'cases:nextSteps.hearing',
      'cases:nextSteps.appointmentWithoutPlace',
      'cases:nextSteps.contactUs',
    ])
    expect(steps[0]!.params).toEqual({ topic: { text: 'Topic' }, dueDate: { date: '2026-03-12' } })
    expect(steps[1]!.params.location).toEqual({ text: 'Courthouse, Dept 12' })
  })

  it('says a document is overdue once its due date has passed', () => {
    const [first] = nextSteps(situation({ events: [event({ kind: 'document_request', at: '2026-03-09' })] }))
    expect(first!.key).toBe('cases:nextSteps.documentOverdue')
  })

  it('tells a parent with a suspended license how to get it back, with the past-due amount (FC 17520)', () => {
    const steps = nextSteps(
      situation({
        license: license({
          status: 'suspended',
          since: '2026-02-18',
          release: { ways: ['pay_past_due', 'payment_plan'], pastDueCents: 797_799, releasedBy: { county: 'Sacramento', officeCode: 'SAC01' } },
        }),
      }),
    )
    expect(steps[0]).toMatchObject({ kind: 'license_release', key: 'cases:nextSteps.licenseSuspended', params: { pastDue: { money: 797_799 } } })
  })

  it('tells a listed parent under the FC 17520.5 income limit about the exemption before how to keep the license', () => {
    const lowIncome = {
      householdIncomeCents: 2_000_000, householdSize: 1, countyMedianCents: 7_975_000, thresholdCents: 5_582_500,
      sharePercent: 70, atOrBelowThreshold: true, medianYear: 2023, medianSource: 'HCD',
    }
    expect(kinds(situation({ license: license({ status: 'listed', since: '2026-01-01', lowIncome }) }))).toEqual([
      'license_low_income', 'license_keep', 'contact_us',
    ])
    // Not listed: nothing to say about the license, however low the income.
    expect(kinds(situation({ license: license({ lowIncome }) }))).toEqual(['contact_us'])
  })

  it('says when support resumes after release while it is paused, then suggests a review (FC 4007.5)', () => {
    const release = { releasedOn: '2026-02-17', resumesOn: '2026-12-01', paused: true, recent: true }
    const steps = nextSteps(situation({ release, nextPayment: { kind: 'resumes', dueOn: '2026-12-01', monthlyCents: 45_000 } }))
    expect(steps.map((s) => s.kind)).toEqual(['support_paused', 'modification', 'contact_us'])
    expect(steps[0]!.params).toEqual({ resumesOn: { date: '2026-12-01' } })
    expect(steps[1]!.key).toBe('cases:nextSteps.modificationAfterRelease')
  })

  it('asks for current support due this month, naming the month', () => {
    const steps = nextSteps(situation({ nextPayment: { kind: 'now', monthStart: '2026-03-01', dueCents: 36_600, monthlyCents: 61_000 } }))
    expect(steps[0]).toMatchObject({ kind: 'pay_current_support', params: { amount: { money: 36_600 }, month: { month: '2026-03-01' } } })
  })

  it('suggests a review of the order when income withholding stopped', () => {
    expect(nextSteps(situation({ incomeMayHaveChanged: true }))[0]!.key).toBe('cases:nextSteps.modificationIncomeChanged')
  })

  it('mentions COAP only with the state-owed amount the screening found', () => {
    const steps = nextSteps(situation({ coapStateOwedCents: 1_919_175 }))
    expect(steps[0]).toMatchObject({ kind: 'coap', params: { stateOwed: { money: 1_919_175 } } })
  })

  it('gives the annual fee notice to the receiving side only (FC 17208: $35 once $550 is collected)', () => {
    const receiving = nextSteps(situation({ viewer: 'receiving', license: null, nextPayment: null, annualFeeApplies: true }))
    expect(receiving[0]).toMatchObject({ kind: 'annual_fee', audience: 'receiving', params: { fee: { money: 3_500 }, threshold: { money: 55_000 } } })
    expect(kinds(situation({ viewer: 'paying', annualFeeApplies: true }))).toEqual(['contact_us'])
  })

  it('never gives the receiving parent the paying side’s steps, whatever the facts say', () => {
    const busy = situation({
      viewer: 'receiving',
      license: license({ status: 'suspended', since: '2026-01-01' }),
      release: { releasedOn: '2026-02-17', resumesOn: '2026-12-01', paused: true, recent: true },
      nextPayment: { kind: 'now', monthStart: '2026-03-01', dueCents: 1, monthlyCents: 1 },
      incomeMayHaveChanged: true,
      coapStateOwedCents: 100,
    })
    expect(kinds(busy)).toEqual(['contact_us'])
  })

  it('lists both parents’ steps, each marked with its audience, in the agency view', () => {
    const steps = nextSteps(
      situation({ viewer: 'agency', annualFeeApplies: true, coapStateOwedCents: 500, events: [event({ kind: 'hearing', at: '2026-04-01T16:00:00.000Z', audience: 'both' })] }),
    )
    expect(steps.map((s) => [s.kind, s.audience])).toEqual([
      ['hearing', 'both'], ['coap', 'paying'], ['annual_fee', 'receiving'], ['contact_us', 'both'],
    ])
  })

  it('emits only keys that both locale files hold, with the placeholders they fill', () => {
    const everything = situation({
      viewer: 'agency',
      events: [
        event({ id: 1, kind: 'document_request', at: '2026-03-01' }),
        event({ id: 2, kind: 'document_request', at: '2026-03-30' }),
        event({ id: 3, kind: 'hearing', at: '2026-03-16T15:30:00.000Z', location: null }),
      ],
      license: license({ status: 'notice_sent', since: '2026-01-01', lowIncome: {
        householdIncomeCents: 1, householdSize: 1, countyMedianCents: 2, thresholdCents: 2, sharePercent: 70,
        atOrBelowThreshold: true, medianYear: 2023, medianSource: 'HCD' } }),
      release: { releasedOn: '2026-02-17', resumesOn: '2026-12-01', paused: true, recent: true },
      nextPayment: { kind: 'now', monthStart: '2026-03-01', dueCents: 1, monthlyCents: 1 },
      coapStateOwedCents: 1,
      annualFeeApplies: true,
    })
    const more = [
      nextSteps(everything),
      nextSteps(situation({ incomeMayHaveChanged: true, license: license({ status: 'suspended', since: '2026-01-01' }) })),
      nextSteps(situation({ events: [event({ kind: 'appointment', at: '2026-03-20T17:00:00.000Z' })] })),
      nextSteps(situation({ events: [event({ kind: 'hearing', at: '2026-03-20T17:00:00.000Z' })] })),
    ]
    expect(untranslatedMessages(more)).toEqual([])
  })
})
