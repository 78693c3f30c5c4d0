// What a parent may do with their own callback requests, on the web and the phone: list them, hear where one stands,
// cancel one while it waits. A parent only ever reaches their own; what they see leaves out staff names, notes and
// the phone line's internals.
import type { Clock } from '../clock'
import { claimableCallback, type QueueResult, refused } from './callbackQueue'
import { claimHasLapsed } from '../queue/claimRule'
import { type Callback, type CallbackStatus, isPending } from './callbackRecord'
import type { CallbackRepository } from './callbackRepository'
import type { CallbackLanguage, CallbackTopic } from './callbackRequest'
import { normalizeConfirmationCode } from './confirmationCode'
import type { CallbackWindow } from './serviceLevel'

/** What a parent may see of their own request: no staff names, no notes, no phone-line internals. */
export interface ParentCallbackView {
  id: number
  confirmationCode: string
  caseId: number | null
  topic: CallbackTopic
  preferredWindow: CallbackWindow
  phone: string
  /** What the parent wrote under "Tell us more": their own words, shown back to them. */
  details: string | null
  status: CallbackStatus
  dueBy: Date
  createdAt: Date
  closedAt: Date | null
  canCancel: boolean
}

/** What anyone holding a confirmation code hears: no name, number or case, as the code alone proves nothing. */
export interface CodeStatusView {
  confirmationCode: string
  status: CallbackStatus
  topic: CallbackTopic
  preferredWindow: CallbackWindow
  language: CallbackLanguage
  dueBy: Date
}

export function createParentCallbacks(deps: {
  repository: CallbackRepository
  clock: Clock
  claimMinutes: number
}) {
  const { repository, clock } = deps

  // A claim that has lapsed is nobody's work any more: the parent is told the request is waiting, not worked on.
  const statusForParent = (callback: Callback): CallbackStatus =>
    claimHasLapsed(claimableCallback(callback), { now: clock.now(), claimMinutes: deps.claimMinutes }) ? 'open' : callback.status

  const parentView = (callback: Callback): ParentCallbackView => ({
    id: callback.id,
    confirmationCode: callback.confirmationCode,
    caseId: callback.caseId,
    topic: callback.topic,
    preferredWindow: callback.preferredWindow,
    phone: callback.phone,
    details: callback.details,
    status: statusForParent(callback),
    dueBy: callback.dueBy,
    createdAt: callback.createdAt,
    closedAt: callback.closedAt,
    canCancel: isPending(callback.status),
  })

  return {
    async listForParent(participantId: number): Promise<ParentCallbackView[]> {
      return (await repository.listForParticipant(participantId)).map(parentView)
    },

    /** The parent's pending requests, optionally on one case or topic (the phone line: "you already asked…"). */
    async findOpenForParent(
      participantId: number,
      filter: { caseId?: number; topic?: CallbackTopic } = {},
    ): Promise<ParentCallbackView[]> {
      const pending = await repository.listForParticipant(participantId, { pendingOnly: true })
      return pending
        .filter((c) => (filter.caseId === undefined || c.caseId === filter.caseId) && (filter.topic === undefined || c.topic === filter.topic))
        .map(parentView)
    },

    /** Another parent's request, or one that does not exist, is simply not found: nothing tells them apart. */
    async cancelByParent(participantId: number, callbackId: number): Promise<QueueResult<{ callback: ParentCallbackView }>> {
      const cancelled = await repository.cancelForParticipant(callbackId, participantId, clock.now())
      if (cancelled) return { ok: true, callback: parentView(cancelled) }
      const current = await repository.findById(callbackId)
      if (!current || current.participantId !== participantId) return refused('not_found')
      return refused('closed')
    },

    /** The status a code stands for, or null for a code that is malformed or unknown. */
    async statusByCode(code: string): Promise<CodeStatusView | null> {
      const normalized = normalizeConfirmationCode(code)
      if (!normalized) return null
      const callback = await repository.findByCode(normalized)
      if (!callback) return null
      return {
        confirmationCode: callback.confirmationCode,
        status: statusForParent(callback),
        topic: callback.topic,
        preferredWindow: callback.preferredWindow,
        language: callback.language,
        dueBy: callback.dueBy,
      }
    },
  }
}
