import type { TFunction } from 'i18next'

import { claimableOf, type WorkQueueEntry } from '../../queue/workQueue'
import { holdsClaim, mayClaim } from '../../queue/claimRule'
import { callbackRow, timeLeftText } from '../callbackViews'
import { consolePathTo } from '../paths'

// One row of the queue page, whatever the kind of item: the same columns, the same claim rule, a link and a claim
// form to the kind's own page and action.

export interface QueueRow {
  kind: WorkQueueEntry['kind']
  /** The callback's confirmation code, "Message 42" or "Change report 43". */
  label: string
  href: string
  claimAction: string
  dueBy: string
  timeLeft: string
  overdue: boolean
  language: string
  topic: string
  /** Message keys: where it came from, and its state when nobody holds it. */
  channelKey: string
  statusKey: string
  attempts: number
  claimedByMe: boolean
  claimedByName: string | null
  claimable: boolean
  claimStale: boolean
  retryAfter: string | null
}

export function queueRow(t: TFunction, entry: WorkQueueEntry, context: { staffId: number; staffNames: Map<number, string> }): QueueRow {
  if (entry.kind === 'callback') {
    const row = callbackRow(t, entry, context)
    return {
      kind: 'callback',
      label: row.code,
      href: consolePathTo('callback', { callbackId: row.id }),
      claimAction: consolePathTo('claim', { callbackId: row.id }),
      dueBy: row.dueBy,
      timeLeft: row.timeLeft,
      overdue: row.overdue,
      language: row.language,
      topic: row.topic,
      channelKey: `callbacks:channels.${row.channel}`,
      statusKey: `callbacks:statuses.${row.status}`,
      attempts: row.attempts,
      claimedByMe: row.claimedByMe,
      claimedByName: row.claimedByName,
      claimable: row.claimable,
      claimStale: row.claimStale,
      retryAfter: row.retryAfter,
    }
  }
  const { thread } = entry
  return {
    kind: thread.kind,
    label: t(`console:queue.refs.${thread.kind}`, { id: thread.id }),
    href: consolePathTo('message', { threadId: thread.id }),
    claimAction: consolePathTo('messageClaim', { threadId: thread.id }),
    dueBy: thread.dueBy.toISOString(),
    timeLeft: timeLeftText(t, entry.timeLeft),
    overdue: entry.timeLeft.overdue,
    language: thread.language,
    topic: thread.topic,
    // Messages are written on the portal.
    channelKey: 'callbacks:channels.web',
    statusKey: `console:queue.threadStatuses.${thread.status}`,
    attempts: 0,
    claimedByMe: holdsClaim(context, thread),
    claimedByName: thread.claimedBy === null ? null : (context.staffNames.get(thread.claimedBy) ?? null),
    claimable: mayClaim(context, claimableOf(entry), entry.claimTime),
    claimStale: entry.claimStale,
    retryAfter: null,
  }
}

/** Who holds each item, for "Elena García is working on it". */
export function claimantsOf(entries: readonly WorkQueueEntry[]): number[] {
  return entries.flatMap((entry) => {
    const claimedBy = entry.kind === 'callback' ? entry.callback.claimedBy : entry.thread.claimedBy
    return claimedBy === null ? [] : [claimedBy]
  })
}
