// The demo personas with their credentials, for presenters, tests and `npm run personas`. Pure: no database, no
// clock. Roles and case numbers are read from the casebook, so they can never disagree with the loaded data.
import type { CaseRole } from '../db/schema'
import { demoCaseCatalog } from './demoCaseCatalog'
import type { Language, PersonaDefinition } from './demoDefinitions'
import { personaCatalog } from './personaCatalog'
import { staffCatalog, type StaffDefinition } from './staffCatalog'

export interface DemoPersona {
  id: string
  name: string
  language: Language
  roles: Array<Exclude<CaseRole, 'child'>>
  story: string
  web: { username: string; password: string }
  phone: { parId: string; pin: string; callerId: string }
  cases: string[]
  /** What online activation asks for; the persona story repeats it for the one parent not yet activated. */
  activation: { activated: boolean; caseNumber: string; ssnLastFour: string; dateOfBirth: string }
}

function personaFrom(definition: PersonaDefinition): DemoPersona {
  const cases = demoCaseCatalog.filter((c) => c.paying === definition.key || c.receiving === definition.key)
  const roles = (['paying', 'receiving'] as const).filter((role) => cases.some((c) => c[role] === definition.key))
  const firstCase = cases[0]
  if (!firstCase) throw new Error(`persona ${definition.key} is on no demo case`)
  return {
    id: definition.key,
    name: `${definition.firstName} ${definition.lastName}`,
    language: definition.language,
    roles,
    story: definition.story,
    web: { ...definition.web },
    phone: { parId: definition.parId, pin: definition.pin, callerId: definition.phone },
    cases: cases.map((c) => c.caseNumber),
    activation: {
      activated: definition.activated,
      caseNumber: firstCase.caseNumber,
      ssnLastFour: definition.ssn.replace(/\D/g, '').slice(-4),
      dateOfBirth: definition.dateOfBirth,
    },
  }
}

export function demoPersonas(): DemoPersona[] {
  return personaCatalog.map(personaFrom)
}

export function demoStaff(): StaffDefinition[] {
  return staffCatalog.map((s) => ({ ...s, languages: [...s.languages] }))
}

/** Exactly the shape DESIGN.md §6 promises for `npm run personas`; nothing more, in this key order. */
export interface PersonasReport {
  parents: Array<Pick<DemoPersona, 'id' | 'name' | 'language' | 'roles' | 'story' | 'web' | 'phone' | 'cases'>>
  staff: Array<{ username: string; password: string; role: StaffDefinition['role'] }>
}

export function personasReport(): PersonasReport {
  return {
    parents: demoPersonas().map(({ id, name, language, roles, story, web, phone, cases }) => ({
      id, name, language, roles, story, web, phone, cases,
    })),
    staff: staffCatalog.map(({ username, password, role }) => ({ username, password, role })),
  }
}
