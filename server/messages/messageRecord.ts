// A message thread as the domain sees it: instants as Dates, statuses and kinds as closed lists.
import type { CallbackLanguage, CallbackTopic } from '../callbacks/callbackRequest'
import type { ChangeFields } from './changeReport'

/**
 * open: waiting for the agency's answer (a new thread, or the parent wrote again) · claimed: a representative is
 * answering it · answered: the agency replied and closed it; the parent writing again opens it once more.
 */
export const threadStatuses = ['open', 'claimed', 'answered'] as const
export type ThreadStatus = (typeof threadStatuses)[number]

/** Waiting on the agency: what the queue holds and the service level counts. */
export const waitingStatuses = ['open', 'claimed'] as const satisfies readonly ThreadStatus[]

/**
 * A plain message, a reported change (changeReport.ts), or the answer to a document the agency asked for: kinds of the
 * same thread, side by side in the queue.
 */
export const threadKinds = ['message', 'change', 'document'] as const
export type ThreadKind = (typeof threadKinds)[number]

export interface MessageThread {
  id: number
  participantId: number
  caseId: number | null
  kind: ThreadKind
  topic: CallbackTopic
  language: CallbackLanguage
  status: ThreadStatus
  dueBy: Date
  claimedBy: number | null
  claimedAt: Date | null
  firstAnsweredAt: Date | null
  lastReplyAt: Date | null
  parentReadAt: Date | null
  createdAt: Date
  updatedAt: Date
  closedAt: Date | null
}

export interface MessagePost {
  id: number
  threadId: number
  author: 'parent' | 'staff'
  staffId: number | null
  body: string
  /** A reported change's fields, on the report's first post; null otherwise. */
  fields: ChangeFields | null
  createdAt: Date
}

/** A reply the parent has not opened: the agency wrote after the parent last read the thread. */
export function hasUnreadReply(thread: Pick<MessageThread, 'lastReplyAt' | 'parentReadAt'>): boolean {
  return thread.lastReplyAt !== null && (thread.parentReadAt === null || thread.parentReadAt < thread.lastReplyAt)
}
