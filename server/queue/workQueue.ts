// One queue of what parents wait on (DESIGN.md §4): callback requests and written messages side by side, due first,
// each kind keeping its own record, page and actions. Filters by kind, language and topic; "take the next one" claims
// the ready item due first, of either kind, in a language the representative speaks. Each kind's claim is its own
// single conditional UPDATE (the database picks the one winner); this module only chooses which kind to ask first.
import { claimableCallback, type QueueEntry, type QueueResult } from '../callbacks/callbackQueue'
import type { Callback } from '../callbacks/callbackRecord'
import {
  type CallbackLanguage,
  callbackLanguages,
  type CallbackTopic,
  callbackTopics,
  CallbackValidationError,
  type FieldIssue,
} from '../callbacks/callbackRequest'
import type { CallbackService } from '../callbacks/callbackService'
import { claimableThread, type MessageQueueEntry, type MessageService, type ThreadQueueResult } from '../messages/messageService'
import { type ClaimableItem, mayClaim } from './claimRule'
import { pageWithin, queuePageSize, type QueuePageOf } from './queuePaging'

/** A callback request, or a kind of written thread (a message, a reported change, a requested document). */
export const workItemKinds = ['callback', 'message', 'change', 'document'] as const
export type WorkItemKind = (typeof workItemKinds)[number]
type ThreadItemKind = Exclude<WorkItemKind, 'callback'>
const threadItemKinds: readonly ThreadItemKind[] = ['message', 'change', 'document']

export const workQueueErrorKeys = {
  kindUnknown: 'console:queue.errors.kindUnknown',
  languageUnknown: 'callbacks:errors.languageUnknown',
  topicUnknown: 'callbacks:errors.topicUnknown',
} as const

export type WorkQueueEntry = ({ kind: 'callback' } & QueueEntry) | ({ kind: ThreadItemKind } & MessageQueueEntry)

export interface WorkQueueFilters {
  kind?: WorkItemKind
  language?: CallbackLanguage
  topic?: CallbackTopic
}

export type ClaimedWorkItem =
  | { ok: true; kind: 'callback'; callback: Callback }
  | { ok: true; kind: ThreadItemKind; threadId: number }
  | { ok: false; messageKey: string }

const languageOf = (entry: WorkQueueEntry) => (entry.kind === 'callback' ? entry.callback.language : entry.thread.language)
/** Any kind of item as the one claim rule sees it. */
export const claimableOf = (entry: WorkQueueEntry): ClaimableItem => (entry.kind === 'callback' ? claimableCallback(entry.callback) : claimableThread(entry.thread))
const dueByOf = (entry: WorkQueueEntry) => (entry.kind === 'callback' ? entry.callback.dueBy : entry.thread.dueBy)
const createdAtOf = (entry: WorkQueueEntry) => (entry.kind === 'callback' ? entry.callback.createdAt : entry.thread.createdAt)

/** The promise nearest to breaking first, then the item that came in first; a callback before a message on a tie. */
export function compareWorkItems(a: WorkQueueEntry, b: WorkQueueEntry): number {
  return (
    dueByOf(a).getTime() - dueByOf(b).getTime() ||
    createdAtOf(a).getTime() - createdAtOf(b).getTime() ||
    workItemKinds.indexOf(a.kind) - workItemKinds.indexOf(b.kind)
  )
}

/** The filters a channel passed, checked: an unknown value is refused with message keys, never read as "all". */
export function checkWorkQueueFilters(filters: { kind?: string; language?: string; topic?: string }): WorkQueueFilters {
  const issues: FieldIssue[] = []
  if (filters.kind !== undefined && !(workItemKinds as readonly string[]).includes(filters.kind))
    issues.push({ field: 'kind', messageKey: workQueueErrorKeys.kindUnknown })
  if (filters.language !== undefined && !(callbackLanguages as readonly string[]).includes(filters.language))
    issues.push({ field: 'language', messageKey: workQueueErrorKeys.languageUnknown })
  if (filters.topic !== undefined && !(callbackTopics as readonly string[]).includes(filters.topic))
    issues.push({ field: 'topic', messageKey: workQueueErrorKeys.topicUnknown })
  if (issues.length) throw new CallbackValidationError(issues)
  return filters as WorkQueueFilters
}

/** Callbacks and threads as one list of work items, due first. */
function mergedDueFirst(callbackEntries: readonly QueueEntry[], messageEntries: readonly MessageQueueEntry[]): WorkQueueEntry[] {
  return [
    ...callbackEntries.map((entry) => ({ kind: 'callback' as const, ...entry })),
    ...messageEntries.map((entry) => ({ kind: entry.thread.kind, ...entry })),
  ].sort(compareWorkItems)
}

export function createWorkQueue(deps: { callbacks: CallbackService; messages: MessageService }) {
  const { callbacks, messages } = deps

  const claimCallback = async (staffId: number, filters: WorkQueueFilters): Promise<ClaimedWorkItem | null> => {
    const result: QueueResult<{ callback: Callback }> = await callbacks.claimNext(staffId, { language: filters.language, topic: filters.topic })
    return result.ok ? { ok: true, kind: 'callback', callback: result.callback } : null
  }
  const claimThread = async (staffId: number, languages: CallbackLanguage[], filters: WorkQueueFilters): Promise<ClaimedWorkItem | null> => {
    const result: ThreadQueueResult = await messages.claimNext(staffId, { kinds: threadKindsOf(filters), languages, topic: filters.topic })
    return result.ok ? { ok: true, kind: result.thread.kind, threadId: result.thread.id } : null
  }
  /** The thread kinds a filter asks for: all of them, one, or none when only callbacks are asked for. */
  const threadKindsOf = (filters: WorkQueueFilters): ThreadItemKind[] =>
    filters.kind === undefined ? [...threadItemKinds] : threadItemKinds.filter((kind) => kind === filters.kind)

  /** Every item waiting or being worked, of the kinds asked for, due first. Throws CallbackValidationError on bad filters. */
  async function list(query: { kind?: string; language?: string; topic?: string; now?: Date } = {}): Promise<WorkQueueEntry[]> {
      const filters = checkWorkQueueFilters(query)
      const [callbackEntries, messageEntries] = await Promise.all([
        filters.kind !== undefined && filters.kind !== 'callback' ? [] : callbacks.listQueue({ language: filters.language, topic: filters.topic, now: query.now }),
        threadKindsOf(filters).length === 0
          ? []
          : messages.listQueue({ kinds: threadKindsOf(filters), languages: filters.language ? [filters.language] : undefined, topic: filters.topic, now: query.now }),
      ])
      return mergedDueFirst(callbackEntries, messageEntries)
  }

  /**
   * One page of the queue, due first, with how many wait in all. Each source lists its items up to the page's end
   * and the merge is cut to the page, so every item appears on exactly one page. Throws CallbackValidationError on
   * bad filters.
   */
  async function page(query: { kind?: string; language?: string; topic?: string; now?: Date; page?: number } = {}): Promise<QueuePageOf<WorkQueueEntry>> {
    const filters = checkWorkQueueFilters(query)
    const kinds = threadKindsOf(filters)
    const wantsCallbacks = filters.kind === undefined || filters.kind === 'callback'
    const languages = filters.language ? [filters.language] : undefined
    const [callbackCount, threadCount] = await Promise.all([
      wantsCallbacks ? callbacks.countQueue({ language: filters.language, topic: filters.topic }) : 0,
      kinds.length ? messages.countQueue({ kinds, languages, topic: filters.topic }) : 0,
    ])
    const total = callbackCount + threadCount
    const { page: shown, pageCount } = pageWithin(query.page, total)
    const limit = shown * queuePageSize
    const [callbackEntries, messageEntries] = await Promise.all([
      wantsCallbacks && callbackCount ? callbacks.listQueue({ language: filters.language, topic: filters.topic, now: query.now, limit }) : [],
      kinds.length && threadCount ? messages.listQueue({ kinds, languages, topic: filters.topic, now: query.now, limit }) : [],
    ])
    const entries = mergedDueFirst(callbackEntries, messageEntries).slice(limit - queuePageSize, limit)
    const from = entries.length ? limit - queuePageSize + 1 : 0
    return { entries, total, page: shown, pageCount, from, to: from ? from + entries.length - 1 : 0 }
  }

  return {
    list,
    page,

    /**
     * Claims the ready item due first of the kinds asked for, in a language the representative speaks. The kind whose
     * own queue is due first is asked first; if another representative took its item in the meantime, the other
     * kind is asked, so a representative is told "nothing to take" only when neither kind had anything.
     */
    async claimNext(staffId: number, query: { kind?: string; language?: string; topic?: string } = {}): Promise<ClaimedWorkItem> {
      const filters = checkWorkQueueFilters(query)
      const spoken = await callbacks.staffLanguages(staffId)
      const languages = (spoken ?? []).filter((l) => !filters.language || l === filters.language)
      const nothing: ClaimedWorkItem = { ok: false, messageKey: 'console:queue.nothingToClaim' }
      if (languages.length === 0) return nothing
      const waiting = await list(filters)
      const firstReady = waiting.find((entry) => languages.includes(languageOf(entry)) && mayClaim({ staffId }, claimableOf(entry), entry.claimTime))
      const order: Array<'callback' | 'thread'> = firstReady && firstReady.kind !== 'callback' ? ['thread', 'callback'] : ['callback', 'thread']
      for (const source of order) {
        if (source === 'callback' && filters.kind !== undefined && filters.kind !== 'callback') continue
        if (source === 'thread' && threadKindsOf(filters).length === 0) continue
        const claimed = source === 'callback' ? await claimCallback(staffId, filters) : await claimThread(staffId, languages, filters)
        if (claimed) return claimed
      }
      return nothing
    },
  }
}

export type WorkQueue = ReturnType<typeof createWorkQueue>
