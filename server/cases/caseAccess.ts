// The one check every case read goes through (DESIGN.md §5). A parent reaches a case only through a paying or
// receiving role they hold on it, and then sees only their own side; staff reach every case and see it as the
// agency does. Anything else is CaseNotFound, the same answer as for a case that does not exist.
import type { Principal } from '../audit/principal'
import { CaseNotFound } from './caseErrors'
import type { CaseRecord, CaseRepository, ParentRole } from './caseRepository'

/** Whose side of the case a result is written for. */
export type Viewer = ParentRole | 'agency'

export interface CaseView {
  caseId: number
  viewer: Viewer
  /** The signed-in parent; null for staff. */
  participantId: number | null
  record: CaseRecord
}

export function isCaseId(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

/**
 * One person on both sides of one case cannot happen in a real case; if the data ever says so, the paying side
 * wins, because what a parent owes is the side that has deadlines and enforcement.
 */
function sideOf(roles: readonly ParentRole[]): ParentRole | null {
  if (roles.includes('paying')) return 'paying'
  if (roles.includes('receiving')) return 'receiving'
  return null
}

export async function resolveCaseView(
  repository: CaseRepository,
  principal: Principal,
  caseId: unknown,
): Promise<CaseView> {
  if (!isCaseId(caseId)) throw new CaseNotFound(caseId)
  let viewer: Viewer
  let participantId: number | null = null
  if (principal.kind === 'staff') {
    viewer = 'agency'
  } else {
    participantId = principal.participantId
    const side = sideOf(await repository.parentRolesOn(participantId, caseId))
    if (side === null) throw new CaseNotFound(caseId)
    viewer = side
  }
  const record = await repository.caseById(caseId)
  if (!record) throw new CaseNotFound(caseId)
  return { caseId, viewer, participantId, record }
}

/**
 * A parent's view of every case they hold a paying or receiving role on, oldest case id first: the same views as
 * resolveCaseView gives case by case, from one read of the parent's roles instead of one more per case.
 */
export async function parentCaseViews(repository: CaseRepository, participantId: number): Promise<CaseView[]> {
  const byCase = new Map<number, { roles: ParentRole[]; record: CaseRecord }>()
  for (const { role, record } of await repository.parentCasesOf(participantId)) {
    const found = byCase.get(record.id)
    if (found) found.roles.push(role)
    else byCase.set(record.id, { roles: [role], record })
  }
  const views: CaseView[] = []
  for (const [caseId, { roles, record }] of byCase) {
    const viewer = sideOf(roles)
    if (viewer !== null) views.push({ caseId, viewer, participantId, record })
  }
  return views
}
