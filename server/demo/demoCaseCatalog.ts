// The demo casebook: who is on each case, what was ordered, how the paying parent has paid, and what the agency
// did. Months count back from the month of "today"; demoLedger.ts and demoRows.ts turn this into rows.
import type { CaseDefinition, EventDefinition } from './demoDefinitions'

const researchDrive = 'Sacramento County Department of Child Support Services, 3960 Research Drive, Sacramento, CA 95838'
const familyCourthouse =
  'William R. Ridgeway Family Relations Courthouse, 3341 Power Inn Road, Sacramento, CA 95826, Department 123'

const modificationHearing: EventDefinition[] = [
  { kind: 'hearing', daysFromToday: -1790, at: { hour: 8, minute: 30 }, location: familyCourthouse,
    topic: 'Judgment establishing child and spousal support', status: 'completed' },
  { kind: 'document_request', daysFromToday: 1, location: null,
    topic: 'Income and Expense Declaration (FL-150) with proof of unemployment benefits', status: 'requested' },
  { kind: 'hearing', daysFromToday: 5, at: { hour: 8, minute: 30 }, location: familyCourthouse,
    topic: 'Request to modify child and spousal support (FL-300)', status: 'scheduled' },
]

export const demoCaseCatalog: readonly CaseDefinition[] = [
  {
    caseNumber: '340010120417', paying: 'current-payer', receiving: 'fee-paying-receiver', assistance: 'never',
    children: [{ firstName: 'Maya', lastName: 'Hill', parId: '4010000301', ssn: '901-10-0301', age: { years: 9, days: 120 } }],
    caseworker: 'Lucia Martinez', officeCode: 'SAC01', openedMonthsAgo: 50, courtCaseNumber: 'FL-021447',
    orders: [{ kind: 'child', monthlyCents: 70_000, fromMonthsAgo: 48 }, { kind: 'medical', monthlyCents: 8_000, fromMonthsAgo: 48 }],
    // Withheld from a paycheck on the 1st: even on October 1st the new fiscal year has crossed $550.
    payments: [{ fromMonthsAgo: 48, toMonthsAgo: 0, methods: ['income_withholding'], share: 1, days: [1, 1] }],
    enforcement: [{ kind: 'income_withholding', status: 'active', startedDaysAgo: 1440, changedDaysAgo: 1440, employer: 'Capitol Valley Health' }],
  },
  {
    caseNumber: '340010097733', paying: 'suspended-license', receiving: 'both-roles', assistance: 'never',
    children: [{ firstName: 'Ethan', lastName: 'Olsen', parId: '4010000302', ssn: '901-10-0302', age: { years: 7, days: 45 } }],
    caseworker: 'Jasmine Patel', officeCode: 'SAC01', openedMonthsAgo: 44, courtCaseNumber: 'FL-019833',
    orders: [{ kind: 'child', monthlyCents: 52_000, fromMonthsAgo: 42 }],
    payments: [
      { fromMonthsAgo: 42, toMonthsAgo: 13, methods: ['moneygram', 'paynearme'], share: 1, days: [5, 18], missChance: 0.3 },
      { fromMonthsAgo: 1, toMonthsAgo: 0, methods: ['income_withholding'], share: 1, days: [12, 15] },
    ],
    lumpSums: [{ monthsAgo: 7, day: 16, method: 'tax_intercept', amountCents: 118_400 }],
    enforcement: [
      { kind: 'drivers_license', status: 'suspended', startedDaysAgo: 170, changedDaysAgo: 20 },
      { kind: 'income_withholding', status: 'active', startedDaysAgo: 40, changedDaysAgo: 40, employer: 'Delta Freight Logistics' },
      { kind: 'tax_intercept', status: 'active', startedDaysAgo: 400, changedDaysAgo: 400 },
      { kind: 'credit_reporting', status: 'active', startedDaysAgo: 300, changedDaysAgo: 300 },
    ],
  },
  {
    caseNumber: '340010215560', paying: 'both-roles', receiving: 'spanish-speaker', assistance: 'never',
    children: [{ firstName: 'Sofía', lastName: 'Reyes', parId: '4010000303', ssn: '901-10-0303', age: { years: 5, days: 200 } }],
    caseworker: 'Lucia Martinez', officeCode: 'SAC01', openedMonthsAgo: 30, courtCaseNumber: 'FL-024118',
    // $550 a month, always paid in full: each federal fiscal year's first payment brings the year to exactly $550,
    // so the $35 fee (never from the first $550, 42 USC 654(6)(B)(ii)) comes out of the second.
    orders: [{ kind: 'child', monthlyCents: 55_000, fromMonthsAgo: 28 }],
    payments: [{ fromMonthsAgo: 28, toMonthsAgo: 0, methods: ['sdu_online', 'paypal'], share: 1, days: [6, 14] }],
    enforcement: [],
  },
  {
    caseNumber: '340010083342', paying: 'low-income-exempt', receiving: 'curtis-brooks', assistance: 'never',
    children: [
      { firstName: 'Jaylen', lastName: 'Brooks', parId: '4010000304', ssn: '901-10-0304', age: { years: 12, days: 30 } },
      { firstName: 'Amara', lastName: 'Brooks', parId: '4010000305', ssn: '901-10-0305', age: { years: 8, days: 260 } },
    ],
    caseworker: 'Samuel Chen', officeCode: 'SAC02', openedMonthsAgo: 56, courtCaseNumber: 'FL-017260',
    orders: [{ kind: 'child', monthlyCents: 61_000, fromMonthsAgo: 54 }],
    payments: [{ fromMonthsAgo: 54, toMonthsAgo: 0, methods: ['paynearme', 'mail'], share: 0.4, days: [8, 19], missChance: 0.25 }],
    enforcement: [{ kind: 'drivers_license', status: 'exempt_low_income', startedDaysAgo: 240, changedDaysAgo: 200 }],
  },
  {
    caseNumber: '340009871205', paying: 'anthony-morgan', receiving: 'former-calworks-receiver', assistance: 'former',
    assistanceMonths: { fromMonthsAgo: 50, toMonthsAgo: 19 },
    children: [{ firstName: 'Darius', lastName: 'Morgan', parId: '4010000306', ssn: '901-10-0306', age: { years: 10, days: 95 } }],
    caseworker: 'Jasmine Patel', officeCode: 'SAC01', openedMonthsAgo: 52, courtCaseNumber: 'FL-015902',
    orders: [{ kind: 'child', monthlyCents: 55_000, fromMonthsAgo: 50 }],
    payments: [{ fromMonthsAgo: 50, toMonthsAgo: 0, methods: ['sdu_phone'], share: 0.6, days: [9, 18], missChance: 0.2 }],
    // More than the month's support: after it, family first (AB 135) sends the rest to the family's interest and
    // arrears while the state is still owed; before AB 135 it would have gone to the state.
    lumpSums: [{ monthsAgo: 2, day: 24, method: 'mail', amountCents: 150_000 }],
    enforcement: [{ kind: 'credit_reporting', status: 'active', startedDaysAgo: 900, changedDaysAgo: 900 }],
  },
  {
    caseNumber: '340010166698', paying: 'terrence-jackson', receiving: 'current-calworks-receiver', assistance: 'current',
    assistanceMonths: { fromMonthsAgo: 20, toMonthsAgo: 0 },
    children: [
      { firstName: 'Nia', lastName: 'Williams', parId: '4010000307', ssn: '901-10-0307', age: { years: 6, days: 15 } },
      { firstName: 'Malik', lastName: 'Jackson', parId: '4010000308', ssn: '901-10-0308', age: { years: 3, days: 180 } },
    ],
    caseworker: 'Samuel Chen', officeCode: 'SAC02', openedMonthsAgo: 40, courtCaseNumber: 'FL-020771',
    orders: [{ kind: 'child', monthlyCents: 75_000, fromMonthsAgo: 38 }],
    payments: [{ fromMonthsAgo: 38, toMonthsAgo: 0, methods: ['income_withholding'], share: 0.67, days: [10, 16] }],
    enforcement: [{ kind: 'income_withholding', status: 'active', startedDaysAgo: 1100, changedDaysAgo: 1100, employer: 'Northgate Warehouse Services' }],
  },
  {
    caseNumber: '340009940871', paying: 'released-parent', receiving: 'denise-lewis', assistance: 'never',
    children: [{ firstName: 'Andre', lastName: 'Lewis Jr.', parId: '4010000309', ssn: '901-10-0309', age: { years: 11, days: 300 } }],
    caseworker: 'Lucia Martinez', officeCode: 'SAC01', openedMonthsAgo: 72, courtCaseNumber: 'FL-011309',
    // Suspended by operation of law while he was in custody (FC 4007.5), then the same amount after the grace period.
    orders: [
      { kind: 'child', monthlyCents: 45_000, fromMonthsAgo: 70, toMonthsAgo: 27 },
      { kind: 'child', monthlyCents: 45_000, fromMonthsAgo: 'after_release' },
    ],
    payments: [{ fromMonthsAgo: 70, toMonthsAgo: 28, methods: ['income_withholding'], share: 0.9, days: [5, 15], missChance: 0.15 }],
    enforcement: [{ kind: 'income_withholding', status: 'ended', startedDaysAgo: 2000, changedDaysAgo: 830, employer: 'Metro Tire & Service' }],
    events: [{ kind: 'appointment', daysFromToday: 9, at: { hour: 10, minute: 0 }, location: researchDrive,
      topic: 'Review of support after release from incarceration', status: 'scheduled' }],
  },
  {
    caseNumber: '340010188024', paying: 'fv-paying-parent', receiving: 'protected-parent', assistance: 'never',
    children: [{ firstName: 'Lily', lastName: 'Carter', parId: '4010000310', ssn: '901-10-0310', age: { years: 8, days: 75 } }],
    caseworker: 'Jasmine Patel', officeCode: 'SAC01', openedMonthsAgo: 36, courtCaseNumber: 'FL-022905',
    orders: [{ kind: 'child', monthlyCents: 48_000, fromMonthsAgo: 34 }],
    payments: [{ fromMonthsAgo: 34, toMonthsAgo: 0, methods: ['income_withholding'], share: 1, days: [5, 12] }],
    enforcement: [{ kind: 'income_withholding', status: 'active', startedDaysAgo: 1000, changedDaysAgo: 1000, employer: 'River City Builders' }],
  },
  {
    caseNumber: '340010231159', paying: 'hearing-next-week', receiving: 'rachel-foster', assistance: 'never',
    children: [
      { firstName: 'Owen', lastName: 'Foster', parId: '4010000311', ssn: '901-10-0311', age: { years: 14, days: 10 } },
      { firstName: 'Grace', lastName: 'Foster', parId: '4010000312', ssn: '901-10-0312', age: { years: 11, days: 150 } },
    ],
    caseworker: 'Samuel Chen', officeCode: 'SAC02', openedMonthsAgo: 60, courtCaseNumber: 'FL-013377',
    orders: [
      { kind: 'child', monthlyCents: 90_000, fromMonthsAgo: 58 },
      { kind: 'spousal', monthlyCents: 40_000, fromMonthsAgo: 58 },
      { kind: 'medical', monthlyCents: 10_000, fromMonthsAgo: 58 },
    ],
    payments: [
      { fromMonthsAgo: 58, toMonthsAgo: 5, methods: ['income_withholding'], share: 1, days: [3, 10] },
      { fromMonthsAgo: 4, toMonthsAgo: 0, methods: ['sdu_online', 'sdu_phone'], share: 0.35, days: [10, 18] },
    ],
    enforcement: [{ kind: 'income_withholding', status: 'ended', startedDaysAgo: 1740, changedDaysAgo: 125, employer: 'Sierra Gateway Manufacturing' }],
    events: modificationHearing,
  },
  {
    caseNumber: '340009902316', paying: 'coap-candidate', receiving: 'lorraine-price', assistance: 'former',
    assistanceMonths: { fromMonthsAgo: 64, toMonthsAgo: 25 },
    children: [{ firstName: 'Tasha', lastName: 'Price', parId: '4010000313', ssn: '901-10-0313', age: { years: 15, days: 40 } }],
    caseworker: 'Lucia Martinez', officeCode: 'SAC01', openedMonthsAgo: 66, courtCaseNumber: 'FL-010884',
    orders: [{ kind: 'child', monthlyCents: 35_000, fromMonthsAgo: 64 }],
    // Nothing while unemployed on aid; since the family left CalWORKs, every month's support in that month, so
    // only the state is owed.
    payments: [{ fromMonthsAgo: 24, toMonthsAgo: 0, methods: ['mail'], share: 1, days: [3, 12] }],
    enforcement: [{ kind: 'tax_intercept', status: 'active', startedDaysAgo: 1500, changedDaysAgo: 1500 }],
  },
  {
    caseNumber: '340010205547', paying: 'military-parent', receiving: 'jessica-kim', assistance: 'never',
    interest: { basisPoints: 600, basis: 'scra' },
    children: [{ firstName: 'Hannah', lastName: 'Kim', parId: '4010000314', ssn: '901-10-0314', age: { years: 4, days: 90 } }],
    caseworker: 'Samuel Chen', officeCode: 'SAC02', openedMonthsAgo: 46, courtCaseNumber: 'FL-020116',
    orders: [{ kind: 'child', monthlyCents: 60_000, fromMonthsAgo: 44 }],
    payments: [
      { fromMonthsAgo: 44, toMonthsAgo: 20, methods: ['sdu_online'], share: 0.5, days: [8, 18], missChance: 0.3 },
      { fromMonthsAgo: 19, toMonthsAgo: 0, methods: ['income_withholding'], share: 1.15, days: [1, 3] },
    ],
    enforcement: [{ kind: 'income_withholding', status: 'active', startedDaysAgo: 590, changedDaysAgo: 590, employer: 'Defense Finance and Accounting Service' }],
  },
  {
    caseNumber: '340009655480', paying: 'uncollectible-parent', receiving: 'patricia-jenkins', assistance: 'former',
    assistanceMonths: { fromMonthsAgo: 116, toMonthsAgo: 40 },
    children: [{ firstName: 'Marcus', lastName: 'Jenkins', parId: '4010000315', ssn: '901-10-0315', age: { years: 21, days: 100 } }],
    caseworker: 'Jasmine Patel', officeCode: 'SAC01', openedMonthsAgo: 118, courtCaseNumber: 'FL-004127',
    orders: [{ kind: 'child', monthlyCents: 42_000, fromMonthsAgo: 116, toMonthsAgo: 40 }],
    payments: [],
    lumpSums: [
      { monthsAgo: 100, day: 18, method: 'tax_intercept', amountCents: 81_200 },
      { monthsAgo: 88, day: 15, method: 'tax_intercept', amountCents: 64_350 },
      { monthsAgo: 76, day: 21, method: 'tax_intercept', amountCents: 90_775 },
    ],
    enforcement: [
      { kind: 'drivers_license', status: 'released', startedDaysAgo: 3000, changedDaysAgo: 420 },
      { kind: 'tax_intercept', status: 'ended', startedDaysAgo: 3300, changedDaysAgo: 420 },
    ],
    stateArrearsUncollectible: { monthsAgo: 14, reason: 'state_arrears_uncollectible' },
  },
]
