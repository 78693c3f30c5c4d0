import type { Principal } from '../server/audit/principal'
import type { CaseSummary } from '../server/cases/caseSummaries'
import type { Turn } from './turn'

// The signed-in caller as the case-inquiry service knows them. Every read names the caller as principal and the
// phone as channel, so the service checks the case is theirs and audits the read; the call state only says which
// case they chose. Within one turn a read is made once, however many prompts of the turn need it.

export class NotSignedIn extends Error {
  constructor() {
    super('the caller has not signed in')
  }
}

export function callerPrincipal(turn: Turn): Principal {
  if (turn.flow.participantId === null) throw new NotSignedIn()
  return { kind: 'parent', participantId: turn.flow.participantId }
}

export function isSignedIn(turn: Turn): boolean {
  return turn.flow.participantId !== null
}

const readsThisTurn = new WeakMap<Turn, Map<string, Promise<unknown>>>()

function once<T>(turn: Turn, key: string, read: () => Promise<T>): Promise<T> {
  let reads = readsThisTurn.get(turn)
  if (!reads) readsThisTurn.set(turn, (reads = new Map()))
  if (!reads.has(key)) reads.set(key, read())
  return reads.get(key) as Promise<T>
}

export function callerCases(turn: Turn): Promise<CaseSummary[]> {
  const principal = callerPrincipal(turn)
  return once(turn, `cases:${turn.flow.participantId}`, () => turn.services.cases.listCaseSummaries(principal, 'phone'))
}

export function chosenCase(turn: Turn): Promise<CaseSummary> {
  const caseId = turn.flow.caseId
  if (caseId === null) throw new Error('no case chosen')
  const principal = callerPrincipal(turn)
  return once(turn, `case:${caseId}`, () => turn.services.cases.getCaseSummary(principal, caseId, 'phone'))
}
