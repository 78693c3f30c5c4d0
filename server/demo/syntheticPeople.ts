// Made-up people for the synthetic (benchmark) database: names, addresses and numbers drawn from small lists by a
// seeded generator. Identifiers derive from the row id, so they are unique without a lookup.
import { bornYearsAgo } from './demoCalendar'
import type { IsoDate } from '../cases/rules/ledgerTypes'
import type { NewParticipant } from '../db/schema'
import { ssnDigest } from '../identity/ssnDigest'
import type { SeededRandom } from './seededRandom'

export interface County {
  code: string
  name: string
  city: string
  postalCode: string
  areaCode: string
  /** Rough share of the state's caseload, so Los Angeles dominates as it does. */
  weight: number
}

// Codes are the state's alphabetical county numbers (Sacramento is 34); they open every case number.
export const counties: readonly County[] = [
  { code: '19', name: 'Los Angeles', city: 'Los Angeles', postalCode: '90011', areaCode: '213', weight: 30 },
  { code: '36', name: 'San Bernardino', city: 'San Bernardino', postalCode: '92410', areaCode: '909', weight: 8 },
  { code: '33', name: 'Riverside', city: 'Riverside', postalCode: '92503', areaCode: '951', weight: 8 },
  { code: '37', name: 'San Diego', city: 'San Diego', postalCode: '92105', areaCode: '619', weight: 8 },
  { code: '30', name: 'Orange', city: 'Santa Ana', postalCode: '92701', areaCode: '714', weight: 6 },
  { code: '34', name: 'Sacramento', city: 'Sacramento', postalCode: '95823', areaCode: '916', weight: 6 },
  { code: '10', name: 'Fresno', city: 'Fresno', postalCode: '93702', areaCode: '559', weight: 5 },
  { code: '15', name: 'Kern', city: 'Bakersfield', postalCode: '93307', areaCode: '661', weight: 4 },
  { code: '01', name: 'Alameda', city: 'Oakland', postalCode: '94601', areaCode: '510', weight: 4 },
  { code: '39', name: 'San Joaquin', city: 'Stockton', postalCode: '95205', areaCode: '209', weight: 3 },
  { code: '43', name: 'Santa Clara', city: 'San Jose', postalCode: '95122', areaCode: '408', weight: 3 },
  { code: '50', name: 'Stanislaus', city: 'Modesto', postalCode: '95351', areaCode: '209', weight: 2 },
  { code: '54', name: 'Tulare', city: 'Visalia', postalCode: '93291', areaCode: '559', weight: 2 },
  { code: '07', name: 'Contra Costa', city: 'Richmond', postalCode: '94804', areaCode: '510', weight: 2 },
  { code: '56', name: 'Ventura', city: 'Oxnard', postalCode: '93030', areaCode: '805', weight: 2 },
  { code: '48', name: 'Solano', city: 'Vallejo', postalCode: '94590', areaCode: '707', weight: 1 },
  { code: '27', name: 'Monterey', city: 'Salinas', postalCode: '93905', areaCode: '831', weight: 1 },
  { code: '24', name: 'Merced', city: 'Merced', postalCode: '95341', areaCode: '209', weight: 1 },
  { code: '45', name: 'Shasta', city: 'Redding', postalCode: '96001', areaCode: '530', weight: 1 },
  { code: '04', name: 'Butte', city: 'Chico', postalCode: '95928', areaCode: '530', weight: 1 },
]
const countyWeightTotal = counties.reduce((sum, c) => sum + c.weight, 0)

export function pickCounty(random: SeededRandom): County {
  let ticket = random.fraction() * countyWeightTotal
  for (const county of counties) {
    ticket -= county.weight
    if (ticket < 0) return county
  }
  return counties[0]!
}

const firstNames = {
  en: ['James', 'Michael', 'Robert', 'David', 'Christopher', 'Ashley', 'Jessica', 'Amanda', 'Brittany', 'Stephanie',
    'Tyrone', 'Keisha', 'Kevin', 'Nicole', 'Brandon', 'Samantha', 'Jason', 'Crystal', 'Anthony', 'Tiffany'],
  es: ['José', 'Juan', 'Luis', 'Carlos', 'Jorge', 'María', 'Guadalupe', 'Ana', 'Rosa', 'Verónica',
    'Miguel', 'Alejandra', 'Francisco', 'Yesenia', 'Ricardo', 'Gabriela', 'Jesús', 'Leticia', 'Raúl', 'Adriana'],
}
const lastNames = {
  en: ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor',
    'Thomas', 'Moore', 'Jackson', 'White', 'Harris', 'Nguyen', 'Thompson', 'Robinson', 'Lewis', 'Walker'],
  es: ['García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres',
    'Flores', 'Rivera', 'Gómez', 'Díaz', 'Reyes', 'Morales', 'Cruz', 'Ortiz', 'Gutiérrez', 'Chávez'],
}
const streets = ['Main St', 'Oak Ave', 'Maple Dr', 'Washington Blvd', 'Lincoln Ave', 'Mission St', 'Broadway',
  'Park Ave', 'Central Ave', 'Olive St', 'Chestnut St', 'El Camino Real', 'Sierra Vista Dr', 'Valley Blvd']
const employers = ['Golden State Logistics', 'Pacific Crest Health', 'Sunset Retail Group', 'Central Valley Farms',
  'Bay Area Transit Services', 'Coastline Hospitality', 'Inland Empire Warehousing', 'Redwood Construction']

export interface SyntheticPersonOptions {
  id: number
  kind: 'parent' | 'child'
  language: 'en' | 'es'
  /** Children share a parent's last name. */
  lastName?: string
  county: County
  today: IsoDate
  createdAt: string
  ssnHmacKey: string
}

/** PAR IDs of synthetic people start with 6 (the demo's with 4), so the two never collide. */
export function syntheticParId(id: number): string {
  return `6${String(id).padStart(9, '0')}`
}

export function syntheticPerson(random: SeededRandom, o: SyntheticPersonOptions): NewParticipant {
  const isParent = o.kind === 'parent'
  // Area 9xx is never issued; the id makes each number unique.
  const ssn = `9${String(o.id % 100_000_000).padStart(8, '0')}`
  const age = isParent ? random.integer(22, 55) : random.integer(0, 17)
  const household = isParent && random.chance(0.3)
  return {
    id: o.id,
    par_id: syntheticParId(o.id),
    first_name: random.pick(firstNames[o.language]),
    last_name: o.lastName ?? random.pick(lastNames[o.language]),
    date_of_birth: bornYearsAgo(o.today, age, random.integer(0, 364)),
    ssn_hmac: ssnDigest(ssn, o.ssnHmacKey),
    ssn_last4: ssn.slice(-4),
    phone_primary: isParent ? `+1${o.county.areaCode}555${String(o.id % 10_000).padStart(4, '0')}` : null,
    phone_mobile: null,
    email: isParent && random.chance(0.6) ? `parent${o.id}@example.com` : null,
    language: o.language,
    address_line1: isParent ? `${random.integer(100, 9999)} ${random.pick(streets)}` : null,
    address_line2: null,
    city: isParent ? o.county.city : null,
    state: isParent ? 'CA' : null,
    postal_code: isParent ? o.county.postalCode : null,
    employer_name: isParent && random.chance(0.6) ? random.pick(employers) : null,
    household_income_cents: household ? random.integer(120, 1_500) * 10_000 : null,
    household_size: household ? random.integer(1, 5) : null,
    family_violence: isParent && random.chance(0.02) ? 1 : 0,
    active_military: isParent && random.chance(0.01) ? 1 : 0,
    released_from_incarceration_on: null,
    created_at: o.createdAt,
    updated_at: o.createdAt,
  }
}
