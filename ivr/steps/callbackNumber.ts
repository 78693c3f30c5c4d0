import { checkUsPhone } from '../../server/callbacks/callbackRequest'
import { digitsFrom } from '../callerInput'
import { stepPath } from '../paths'
import { spokenPhoneNumber } from '../spokenFormats'
import type { Step } from '../turn'
import { ask, newResponse } from '../voice'
import { menuStep, numberPromptCommand } from './menu'
import { fallBackHome, goHome, usableCallerNumber } from './navigation'

// A callback starts with the number to call: the caller ID, confirmed by ear, or another number keyed in. The
// number is checked with the same rule the callback queue applies, so a request the line accepts is one the queue
// can take.

export const callbackNumber = menuStep({
  step: 'callbackNumber',
  intro: (turn) => [turn.t('ivr:callback.confirmNumber', { number: spokenPhoneNumber(usableCallerNumber(turn) ?? '') })],
  choices: (turn) => [
    {
      key: '1',
      label: turn.t('ivr:callback.useThisNumber'),
      phrases: 'ivr:callback.useThisNumberPhrases',
      choose(current) {
        current.flow.callback.phone = usableCallerNumber(current)
        return current.goTo('callbackWindow')
      },
    },
    { key: '2', label: turn.t('ivr:callback.useAnotherNumber'), phrases: 'ivr:callback.useAnotherNumberPhrases', choose: (c) => c.goTo('callbackOtherNumber') },
  ],
  back: () => ({ go: (c) => goHome(c) }),
  fallback: (turn, lead) => fallBackHome(turn, lead, [turn.t('ivr:callback.notFiled')]),
})

export const callbackOtherNumber: Step = {
  ask(turn, lead) {
    return ask(
      newResponse(),
      turn.language,
      { action: stepPath('callbackOtherNumber'), lines: [turn.t('ivr:callback.enterNumber')], input: 'keys-or-speech', timeoutSeconds: 8 },
      lead,
    )
  },

  async answer(turn, input) {
    const help = [turn.t('ivr:callback.numberHelp')]
    const command = await numberPromptCommand(turn, input, (c) => goHome(c))
    if (command) return command
    const notFiled = (lead: readonly string[]) => fallBackHome(turn, lead, [turn.t('ivr:callback.notFiled')])
    if (input.kind === 'none') return turn.retry('noInput', help, notFiled)
    const digits = digitsFrom(input)
    const check = digits ? checkUsPhone(digits) : null
    if (!check?.ok) return turn.retry('badInput', help, notFiled)
    turn.flow.callback.phone = check.e164
    return turn.goTo('callbackWindow', [turn.t('ivr:callback.numberIs', { number: spokenPhoneNumber(check.e164) })])
  },
}
