import { type CallerInput, phrasesOf, saidAnyOf } from '../callerInput'
import type { StepName } from '../flowState'
import { stepPath } from '../paths'
import type { Step, Turn } from '../turn'
import { ask, newResponse, type VoiceResponse } from '../voice'

// Every menu of the line works the same way: one key or a few words per choice, "press 9 to hear this again",
// help after the first silence or wrong key, and a fallback after the second.

export interface MenuChoice {
  /** '0'-'9' or '*'. */
  key: string
  /** The spoken label, e.g. "For your balance and last payment" (already translated). */
  label: string
  /** Locale key of the comma-separated words a caller may say instead; the key's number said aloud always works. */
  phrases?: string
  choose(turn: Turn): Promise<VoiceResponse>
  /** Works but is not read out: the operator key 0, which callers press by habit. */
  hidden?: boolean
}

export interface MenuDefinition {
  step: StepName
  /** Said before the choices (e.g. "Our office is closed"). */
  intro?(turn: Turn): readonly string[] | Promise<readonly string[]>
  choices(turn: Turn): readonly MenuChoice[] | Promise<readonly MenuChoice[]>
  /** Where a caller who twice gives no usable answer is taken. */
  fallback(turn: Turn): Promise<VoiceResponse>
}

/** "star" or "asterisco" for *, the digit itself otherwise. */
export function spokenKey(turn: Turn, key: string): string {
  return key === '*' ? turn.t('ivr:keys.star') : key
}

export function choiceLine(turn: Turn, choice: Pick<MenuChoice, 'key' | 'label'>): string {
  return turn.t('ivr:menu.press', { choice: choice.label, key: spokenKey(turn, choice.key) })
}

/** Choice 9 of every menu: the last answer again if the caller just heard one, otherwise the menu again. */
export function repeatChoice(turn: Turn): MenuChoice {
  return {
    key: '9',
    label: turn.t('ivr:menu.repeat'),
    phrases: 'ivr:menu.repeatPhrases',
    choose: (current) => (current.flow.lastAnswer ? current.tell(current.flow.lastAnswer) : current.askAgain()),
  }
}

function matchChoice(turn: Turn, choices: readonly MenuChoice[], input: CallerInput): MenuChoice | undefined {
  if (input.kind === 'keys') return choices.find((c) => c.key === input.digits.slice(0, 1))
  if (input.kind !== 'speech') return undefined
  const byWords = choices.find((c) => c.phrases && saidAnyOf(input.text, phrasesOf(turn.t(c.phrases))))
  if (byWords) return byWords
  // "one", "uno", "option two": the key's number said aloud.
  return choices.find((c) => c.key !== '*' && saidAnyOf(input.text, phrasesOf(turn.t(`ivr:keys.words.${c.key}`))))
}

export function menuStep(menu: MenuDefinition): Step {
  return {
    async ask(turn, lead) {
      const choices = await menu.choices(turn)
      const intro = menu.intro ? await menu.intro(turn) : []
      const hints = choices.flatMap((c) => (c.phrases ? phrasesOf(turn.t(c.phrases)) : []))
      return ask(
        newResponse(),
        turn.language,
        {
          action: stepPath(menu.step),
          lines: [...intro, ...choices.filter((c) => !c.hidden).map((c) => choiceLine(turn, c))],
          input: 'keys-or-speech',
          numDigits: 1,
          hints,
        },
        lead,
      )
    },

    async answer(turn, input) {
      const choices = await menu.choices(turn)
      const chosen = matchChoice(turn, choices, input)
      if (chosen) return chosen.choose(turn)
      return turn.retry(input.kind === 'none' ? 'noInput' : 'badInput', [turn.t('ivr:menu.help')], () => menu.fallback(turn))
    },
  }
}
