// A CaseSituation with nothing going on, for rule tests to change one fact at a time.
import type { CaseSituation, SituationEvent } from '../../../server/cases/caseSituation'
import type { DriversLicense } from '../../../server/cases/enforcementStatus'

export function situation(overrides: Partial<CaseSituation> = {}): CaseSituation {
  return {
    viewer: 'paying',
    today: '2026-03-10',
    now: '2026-03-10T18:00:00.000Z',
    caseOpen: true,
    assistanceStatus: 'never',
    events: [],
    license: license(),
    release: null,
    nextPayment: { kind: 'next_month', dueOn: '2026-04-01', monthlyCents: 50_000, expectedCents: 50_000 },
    incomeMayHaveChanged: false,
    coapStateOwedCents: null,
    annualFeeApplies: false,
    ...overrides,
  }
}

export function license(overrides: Partial<DriversLicense> = {}): DriversLicense {
  return { status: 'not_listed', since: null, release: null, lowIncome: null, ...overrides }
}

export function event(overrides: Partial<SituationEvent> & Pick<SituationEvent, 'kind' | 'at'>): SituationEvent {
  return { id: 1, location: 'Courthouse, Dept 12', topic: 'Topic', audience: 'paying', ...overrides }
}
