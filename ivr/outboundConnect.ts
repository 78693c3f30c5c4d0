import type { TFunction } from 'i18next'

import type { ConnectInstructions } from '../server/callbacks/callNow'
import { oneByOne } from './spokenFormats'
import { newResponse, sayLines, type VoiceResponse } from './voice'

// The representative's side of "Call now": their phone rang first (placed from the console), they answered, and
// Twilio asks here what to do. They hear which request this is, then the parent's phone rings showing the agency's
// caller ID. If the request is no longer theirs by the time they answer, nobody else is dialled.

export function outboundConnectResponse(instructions: ConnectInstructions, t: TFunction, callerId: string): VoiceResponse {
  const response = newResponse()
  if (!instructions.ok) {
    sayLines(response, instructions.language, [t('ivr:outbound.notClaimed')])
    response.hangup()
    return response
  }
  sayLines(response, instructions.language, [t('ivr:outbound.connecting', { code: oneByOne(instructions.confirmationCode) })])
  response.dial({ callerId, timeout: 30 }).number(instructions.parentPhone)
  // Reached when the parent hangs up or never answers: either way the next step is in the console.
  sayLines(response, instructions.language, [t('ivr:outbound.ended')])
  response.hangup()
  return response
}
