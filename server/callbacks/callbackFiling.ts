// Filing a callback request, from the web or the phone: validated, refused for a case the parent is not party to,
// merged with the one the parent already has pending on that case and topic, and given a confirmation code and its
// due time from the service level.
import type { Transaction } from 'kysely'

import type { AlertChannel } from '../alerts/alertChannels'
import { raiseAlert } from '../alerts/raiseAlert'
import type { Clock } from '../clock'
import type { Database } from '../db/schema'
import type { Callback } from './callbackRecord'
import { type CallbackRepository, uniqueViolationOf } from './callbackRepository'
import { type CallbackRequestInput, CallbackValidationError, requestErrorKeys, validateCallbackRequest } from './callbackRequest'
import { generateConfirmationCode, type RandomIndex } from './confirmationCode'
import type { ServiceLevel } from './serviceLevel'

export interface RequestedCallback {
  callback: Callback
  /** True when the parent already had this request pending: nothing new was filed. */
  existing: boolean
}

const codeTries = 8

export function createCallbackFiling(deps: {
  repository: CallbackRepository
  clock: Clock
  serviceLevel: ServiceLevel
  randomIndex: RandomIndex
  /** The alert channels this office has set up: a parent's new request raises "we have your request" on them. */
  alertChannels: readonly AlertChannel[]
}) {
  const { repository, clock, serviceLevel, randomIndex } = deps
  const raiseFiledAlert = (now: Date) => async (trx: Transaction<Database>, callback: Callback) => {
    if (callback.participantId === null) return
    const event = { participantId: callback.participantId, kind: 'callback_scheduled' as const, eventKey: `callback_scheduled:${callback.id}`, details: {} }
    await raiseAlert(trx, event, deps.alertChannels, now)
  }
  return {
    /**
     * Files a request, or returns the one the parent already has pending on that case and topic (`existing`).
     * Throws CallbackValidationError with message keys for input the domain refuses.
     */
    async requestCallback(input: CallbackRequestInput): Promise<RequestedCallback> {
      const check = validateCallbackRequest(input)
      if (!check.ok) throw new CallbackValidationError(check.issues)
      const request = check.request
      if (request.caseId !== null && !(await repository.participantIsPartyTo(request.participantId!, request.caseId)))
        throw new CallbackValidationError([{ field: 'caseId', messageKey: requestErrorKeys.notYourCase }])
      // A staff member may name a parent without a case; the parent must exist (a signed-in parent always does).
      if (request.caseId === null && request.participantId !== null && !(await repository.participantExists(request.participantId)))
        throw new CallbackValidationError([{ field: 'participantId', messageKey: requestErrorKeys.participantRequired }])

      const findPending = () =>
        request.participantId === null
          ? Promise.resolve(undefined)
          : repository.findPending(request.participantId, request.caseId, request.topic)
      const already = await findPending()
      if (already) return { callback: already, existing: true }

      const now = clock.now()
      const dueBy = serviceLevel.dueBy(now, request.preferredWindow)
      for (let attempt = 0; attempt < codeTries; attempt++) {
        try {
          const confirmationCode = generateConfirmationCode(randomIndex)
          return { callback: await repository.insert({ ...request, confirmationCode, dueBy, createdAt: now }, raiseFiledAlert(now)), existing: false }
        } catch (error) {
          const violation = uniqueViolationOf(error)
          if (violation === 'confirmation_code') continue
          if (violation !== 'pending_request') throw error
          // Another request for the same parent, case and topic got in first; that one is the answer. If it has
          // closed since, the loop files this one after all.
          const winner = await findPending()
          if (winner) return { callback: winner, existing: true }
        }
      }
      throw new Error(`could not file a callback request after ${codeTries} tries`)
    },
  }
}
