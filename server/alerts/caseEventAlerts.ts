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
  role: Exclude<CaseRole, 'child'>
  kind: ChoosableAlertKind
  /** The event's own identity (e.g. `payment_posted:ledger:812`): reported twice, it still raises one alert. */
  eventKey: string
}

/** The details an alert's words may use: the case's last four digits, unless the parent is protected. */
export function alertDetailsFor(caseNumber: string, familyViolence: boolean): Record<string, string> {
  return familyViolence ? { protected: 'yes' } : { caseEnding: caseNumber.slice(-4) }
}

export async function raiseCaseAlert(
  trx: Transaction<Database> | Kysely<Database>,
  event: CaseAlertEvent,
  channels: readonly AlertChannel[],
  now: Date,
): Promise<number> {
  if (channels.length === 0) return 0
  const parents = await trx
    .selectFrom('case_roles')
    .innerJoin('participants', 'participants.id', 'case_roles.participant_id')
    .innerJoin('cases', 'cases.id', 'case_roles.case_id')
    .select(['participants.id as participantId', 'participants.family_violence as familyViolence', 'cases.case_number as caseNumber'])
    .where('case_roles.case_id', '=', event.caseId)
    .where('case_roles.role', '=', event.role)
    .execute()
  let raised = 0
  for (const parent of parents) {
    const channelsUsed = await raiseAlert(
      trx,
      {
        participantId: parent.participantId,
        kind: event.kind,
        eventKey: `${event.eventKey}:${parent.participantId}`,
        details: alertDetailsFor(parent.caseNumber, parent.familyViolence === 1),
      },
      channels,
      now,
    )
    raised += channelsUsed.length
  }
  return raised
}
