// The rep console's demo users: one bilingual rep, one English-only rep (so language routing of the callback
// queue shows), and a supervisor.
import type { StaffTable } from '../db/schema'

export interface StaffDefinition {
  username: string
  password: string
  displayName: string
  role: StaffTable['role']
  languages: Array<'en' | 'es'>
  /** E.164, a fictional 555-01xx number: "Call now" rings it before the parent. */
  phone: string
}

export const staffCatalog: readonly StaffDefinition[] = [
  { username: 'rep.garcia', password: 'Console-Garcia-4410', displayName: 'Elena García', role: 'rep', languages: ['en', 'es'], phone: '+19165550171' },
  { username: 'rep.nguyen', password: 'Console-Nguyen-7720', displayName: 'Thomas Nguyen', role: 'rep', languages: ['en'], phone: '+19165550172' },
  { username: 'sup.thompson', password: 'Console-Thompson-3150', displayName: 'Karen Thompson', role: 'supervisor', languages: ['en'], phone: '+19165550173' },
]
