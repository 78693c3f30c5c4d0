// Alerts raised by what happens on a case (a payment posted, money sent): to each parent in the named role, in the
// transaction that records the event. The words carry the case number's last four digits and nothing else of the
// case; for a parent the agency protects from family violence even those are left out, so a text seen by someone
// else says as little as it can while still telling the parent to sign in.
import type { Kysely, Transaction } from 'kysely'

import type { CaseRole, Database } from '../db/schema'
import type { AlertChannel } from './alertChannels'
import type { ChoosableAlertKind } from './alertKinds'
import { raiseAlert } from './raiseAlert'

export interface CaseAlertEvent {
  caseId: number
  /** Who hears of it: the parent in one role, or both parents (a hearing, a document asked of the case). */
  role: Exclude<CaseRole, 'child'> | 'parents'
  /** Only this parent of the case, when the event names one (an appointment with one parent). */
  participantId?: number | null
  /** Which of the kind's words to use (e.g. `hearing`); see alertWording.ts. */
  variant?: string
  kind: ChoosableAlertKind
  /** The event's own identity (e.g. `payment_posted:ledger:812`): reported twice, it still raises one alert. */
  eventKey: string
}

/** The details an alert's words may use: the case's last four digits, unless the parent is protected. */
export function alertDetailsFor(caseNumber: string, familyViolence: boolean, variant?: string): Record<string, string> {
  if (familyViolence) return { protected: 'yes' }
  return variant ? { caseEnding: caseNumber.slice(-4), variant } : { caseEnding: caseNumber.slice(-4) }
}

/** A case event's own key for one parent of the case (the outbox adds the channel). */
export function parentEventKeyOf(eventKey: string, participantId: number): string {
  return `${eventKey}:${participantId}`
}

export async function raiseCaseAlert(
  trx: Transaction<Database> | Kysely<Database>,
  event: CaseAlertEvent,
  channels: readonly AlertChannel[],
  now: Date,
): Promise<number> {
  if (channels.length === 0) return 0
  let query = trx
    .selectFrom('case_roles')
    .innerJoin('participants', 'participants.id', 'case_roles.participant_id')
    .innerJoin('cases', 'cases.id', 'case_roles.case_id')
    .select(['participants.id as participantId', 'participants.family_violence as familyViolence', 'cases.case_number as caseNumber'])
    .where('case_roles.case_id', '=', event.caseId)
    .where('case_roles.role', 'in', event.role === 'parents' ? ['paying', 'receiving'] : [event.role])
  if (event.participantId !== undefined && event.participantId !== null) query = query.where('participants.id', '=', event.participantId)
  // A parent on both sides of one case is still one parent: one alert.
  const parents = [...new Map((await query.execute()).map((row) => [row.participantId, row])).values()]
  let raised = 0
  for (const parent of parents) {
    const channelsUsed = await raiseAlert(
      trx,
      {
        participantId: parent.participantId,
        kind: event.kind,
        eventKey: parentEventKeyOf(event.eventKey, parent.participantId),
        details: alertDetailsFor(parent.caseNumber, parent.familyViolence === 1, event.variant),
      },
      channels,
      now,
    )
    raised += channelsUsed.length
  }
  return raised
}
