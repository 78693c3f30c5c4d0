import { digitsFrom, phrasesOf, saidAnyOf } from '../callerInput'
import { stepPath } from '../paths'
import type { Step, Turn } from '../turn'
import { ask, newResponse } from '../voice'
import { numberPromptCommand } from './menu'

// First half of signing in: the PAR ID or the case number, keyed or said. The digits are not kept: the call state
// holds only which record they named (server/calls), and the PIN step signs in against that. A caller without the
// number presses star, or stays silent twice, and reaches the general menu; 0 or "agent" reaches a person.

/** PAR IDs are 10 digits and case numbers 12; anything far from that is a slip of the finger, not a guess. */
const plausibleIdentifier = /^\d{6,15}$/

function help(turn: Turn) {
  return [turn.t('ivr:identify.help')]
}

export const identify: Step = {
  ask(turn, lead) {
    return ask(
      newResponse(),
      turn.language,
      {
        action: stepPath('identify'),
        lines: [turn.t('ivr:identify.ask')],
        input: 'keys-or-speech',
        hints: phrasesOf(turn.t('ivr:identify.generalPhrases')),
        timeoutSeconds: 8,
      },
      lead,
    )
  },

  async answer(turn, input) {
    if (input.kind === 'speech' && saidAnyOf(input.text, phrasesOf(turn.t('ivr:identify.generalPhrases')))) return turn.goTo('generalMenu')
    const command = await numberPromptCommand(turn, input, (c) => c.goTo('generalMenu'))
    if (command) return command
    const toGeneral = (lead: readonly string[]) => turn.goTo('generalMenu', [...lead, turn.t('ivr:fallback.toGeneral')])
    if (input.kind === 'none') return turn.retry('noInput', help(turn), toGeneral)

    const digits = digitsFrom(input)
    if (!digits || !plausibleIdentifier.test(digits)) return turn.retry('badInput', [turn.t('ivr:identify.badNumber'), ...help(turn)], toGeneral)
    turn.flow.keyedIdentifier = await turn.services.calls.referenceForKeyedIdentifier(digits)
    return turn.goTo('pin')
  },
}
