import { digitsFrom } from '../callerInput'
import { stepPath } from '../paths'
import { spokenDateTime } from '../spokenFormats'
import type { Step, Turn } from '../turn'
import { ask, newResponse } from '../voice'
import { isRecognized, signInAnotherWay, tryAgainAfterWrongPin } from './callerRecognition'
import { startWithCases } from './caseChoice'
import { numberPromptCommand } from './menu'

// Second half of signing in: the PIN, on the keypad only. The identity service checks it and counts failures in
// the lockout the web shares, so guessing cannot move from one channel to the other. Three tries in one call (by
// any path), or a locked account, lead to the offer of a callback or a person rather than to more guessing.

export const maxSignInTriesPerCall = 3
const plausiblePin = /^\d{4,8}$/

function help(turn: Turn) {
  return [turn.t('ivr:pin.help')]
}

export const pin: Step = {
  ask(turn, lead) {
    return ask(
      newResponse(),
      turn.language,
      { action: stepPath('pin'), lines: [turn.t(isRecognized(turn) ? 'ivr:pin.askRecognized' : 'ivr:pin.ask')], input: 'keys', timeoutSeconds: 8 },
      lead,
    )
  },

  async answer(turn, input) {
    const command = await numberPromptCommand(turn, input, signInAnotherWay)
    if (command) return command
    if (input.kind === 'none') return turn.retry('noInput', help(turn), (lead) => turn.goTo('cannotIdentify', lead))
    const keyed = input.kind === 'keys' ? digitsFrom(input) : null
    if (!keyed || !plausiblePin.test(keyed)) {
      return turn.retry('badInput', help(turn), (lead) => turn.goTo('cannotIdentify', lead))
    }

    // The reference is spent whatever the result: a new try starts from a newly keyed number.
    const reference = turn.flow.keyedIdentifier ?? { kind: 'none' as const }
    turn.flow.keyedIdentifier = null
    // At most three PINs per call, counted on the call's record: going back to sign in through another menu gives
    // no fresh tries, and neither do webhooks that arrive at once.
    if (!(await turn.services.calls.takePinAttempt(turn.callSid, maxSignInTriesPerCall))) return turn.goTo('cannotIdentify')
    const identifier = await turn.services.calls.identifierFor(reference)
    // Across calls too: by the number calling and by the account keyed, counted where every process counts.
    const limited = await turn.services.attemptLimits.attempt([
      { limit: 'pinCaller', key: turn.callerNumber },
      { limit: 'pinIdentifier', key: identifier.replace(/\D/g, '') },
    ])
    if (!limited.allowed) return turn.goTo('cannotIdentify', [turn.t('ivr:tooManyAttempts')])
    const result = await turn.services.identity.signInWithPin(identifier, keyed)

    if (result.outcome === 'signed_in') {
      turn.flow.participantId = result.participantId
      turn.flow.signInFailures = 0
      turn.changes.participantId = result.participantId
      return startWithCases(turn, [turn.t('ivr:pin.signedIn')])
    }
    if (result.outcome === 'locked') {
      const until = spokenDateTime(result.lockedUntil, turn.language)
      return turn.goTo('cannotIdentify', [turn.t('ivr:pin.locked', { time: until })])
    }
    turn.flow.signInFailures += 1
    if (turn.flow.signInFailures >= maxSignInTriesPerCall) return turn.goTo('cannotIdentify', [turn.t('ivr:pin.noMatch')])
    return tryAgainAfterWrongPin(turn, [turn.t('ivr:pin.noMatch'), turn.t('ivr:pin.tryAgain')])
  },
}
