import type { TFunction } from 'i18next'

import type { QueueEntry } from '../callbacks/callbackQueue'
import type { Callback } from '../callbacks/callbackRecord'
import type { TimeLeft } from '../callbacks/serviceLevel'
import { groupedConfirmationCode } from '../callbacks/confirmationCode'
import { claimableCallback } from '../callbacks/callbackQueue'
import { holdsClaim, mayClaim } from '../queue/claimRule'

// How the console words a request's timing and state, shared by the queue and the request's own page so the two
// always say the same thing. Times stay ISO instants here; the templates show them in the agency's time zone.

/** "2 h 15 min of office time left", or "Overdue by 1 h 5 min" (wall-clock, since the promise is already broken). */
export function timeLeftText(t: TFunction, timeLeft: TimeLeft): string {
  if (timeLeft.overdue) return t('console:timeLeft.overdue', { duration: durationText(t, Math.ceil(-timeLeft.msLeft / 60_000)) })
  return t('console:timeLeft.left', { duration: durationText(t, timeLeft.businessMinutesLeft) })
}

export function durationText(t: TFunction, totalMinutes: number): string {
  const days = Math.floor(totalMinutes / (24 * 60))
  const hours = Math.floor((totalMinutes % (24 * 60)) / 60)
  const minutes = totalMinutes % 60
  const parts: string[] = []
  if (days) parts.push(t('console:duration.days', { count: days }))
  if (hours) parts.push(t('console:duration.hours', { count: hours }))
  if (minutes || parts.length === 0) parts.push(t('console:duration.minutes', { count: minutes }))
  return parts.join(' ')
}

export interface CallbackRow {
  id: number
  code: string
  dueBy: string
  timeLeft: string
  overdue: boolean
  language: Callback['language']
  topic: Callback['topic']
  channel: Callback['channel']
  status: Callback['status']
  attempts: number
  claimedByMe: boolean
  claimedByName: string | null
  /** The claim rule (queue/claimRule.ts mayClaim): this representative may take it now. */
  claimable: boolean
  claimStale: boolean
  retryAfter: string | null
}

export function callbackRow(
  t: TFunction,
  entry: QueueEntry,
  context: { staffId: number; staffNames: Map<number, string> },
): CallbackRow {
  const { callback } = entry
  return {
    id: callback.id,
    code: groupedConfirmationCode(callback.confirmationCode),
    dueBy: callback.dueBy.toISOString(),
    timeLeft: timeLeftText(t, entry.timeLeft),
    overdue: entry.timeLeft.overdue,
    language: callback.language,
    topic: callback.topic,
    channel: callback.channel,
    status: callback.status,
    attempts: callback.attempts,
    claimedByMe: holdsClaim(context, callback),
    claimedByName: callback.claimedBy === null ? null : (context.staffNames.get(callback.claimedBy) ?? null),
    claimable: mayClaim(context, claimableCallback(callback), entry.claimTime),
    claimStale: entry.claimStale,
    retryAfter: !entry.readyNow && callback.nextAttemptAfter ? callback.nextAttemptAfter.toISOString() : null,
  }
}
