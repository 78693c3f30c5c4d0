// Who is asking, and through which door. Every case read takes a principal built by a channel from its own
// session or call state, never from an ID in the request, and the audit trail records it.

export type Principal =
  | { kind: 'parent'; participantId: number }
  | { kind: 'staff'; staffId: number; role: 'rep' | 'supervisor' }

export type Channel = 'web' | 'phone' | 'console'

export function principalActor(principal: Principal): { kind: 'parent' | 'staff'; id: number } {
  return principal.kind === 'parent'
    ? { kind: 'parent', id: principal.participantId }
    : { kind: 'staff', id: principal.staffId }
}
