import { type CallerInput, phrasesOf, saidAnyOf } from '../callerInput'
import type { StepName } from '../flowState'
import { stepPath } from '../paths'
import type { Step, Turn } from '../turn'
import { ask, newResponse, type VoiceResponse } from '../voice'

// Every menu of the line works the same way: one key or a few words per choice, help after the first silence or
// wrong key, and after the second a fallback that says where it takes the caller. Three commands work in every
// menu, in both languages, by key or by voice, so a caller learns them once: 0 (or "agent", "una persona") for a
// person, star to go back, 9 to hear it again.

export interface MenuChoice {
  /** '1'-'8', or '' for a choice that is only said ("how do I pay" at the main menu), never keyed nor read out. */
  key: string
  /** The spoken label, e.g. "For your balance and last payment" (already translated). */
  label: string
  /** Locale key of the comma-separated words a caller may say instead; the key's number said aloud always works. */
  phrases?: string
  choose(turn: Turn): Promise<VoiceResponse>
  /** Works but is not read out. */
  hidden?: boolean
  /** Locale key of words that, said with this choice's words, mean something else ("call me back" is not "back"). */
  notWhenSaid?: string
}

export interface MenuBack {
  /** Read out instead of "To go back", when going back means something more precise ("To sign in"). */
  label?: string
  /** Not read out, where another choice already says it ("2 for the menu"). */
  silent?: boolean
  go(turn: Turn): Promise<VoiceResponse>
}

export interface MenuDefinition {
  step: StepName
  /** Said before the choices (e.g. "Our office is closed"). */
  intro?(turn: Turn): readonly string[] | Promise<readonly string[]>
  choices(turn: Turn): readonly MenuChoice[] | Promise<readonly MenuChoice[]>
  /** Said after the choices (the tip about the commands every menu shares). */
  outro?(turn: Turn): readonly string[]
  /** Where star leads; a menu without one is the top of the line, and star says so. */
  back?(turn: Turn): MenuBack | null | Promise<MenuBack | null>
  /** Whether "To speak to a person, press 0" is read out (0 works in every menu all the same). */
  offersPerson?: boolean
  /**
   * Where a caller who twice gives no usable answer is taken. `lead` says the second miss ("I still didn't get
   * that"); the fallback adds where it takes the caller, so nobody is moved without a word.
   */
  fallback(turn: Turn, lead: readonly string[]): Promise<VoiceResponse>
}

/** "star" or "asterisco" for *, the digit itself otherwise. */
export function spokenKey(turn: Turn, key: string): string {
  return key === '*' ? turn.t('ivr:keys.star') : key
}

export function choiceLine(turn: Turn, choice: Pick<MenuChoice, 'key' | 'label'>): string {
  return turn.t('ivr:menu.press', { choice: choice.label, key: spokenKey(turn, choice.key) })
}

/** The three commands every menu shares, after the menu's own choices so that its own words are matched first. */
function commands(turn: Turn, back: MenuBack | null): MenuChoice[] {
  return [
    { key: '0', label: turn.t('ivr:menu.person'), phrases: 'ivr:menu.personPhrases', choose: (c) => c.goTo('person') },
    {
      key: '*',
      label: back?.label ?? turn.t('ivr:menu.back'),
      phrases: 'ivr:menu.backPhrases',
      // "Call me back" asks for a callback; in a menu without that choice it is not understood, rather than taken
      // as "back".
      notWhenSaid: 'ivr:person.callbackPhrases',
      choose: (c) => (back ? back.go(c) : c.askAgain([c.t('ivr:menu.atTop')])),
    },
    {
      key: '9',
      label: turn.t('ivr:menu.repeat'),
      phrases: 'ivr:menu.repeatPhrases',
      // The last answer again where the menu opened with one (pending callbacks), otherwise the menu again.
      choose: (c) => (c.flow.lastAnswer ? c.repeatAnswer() : c.askAgain()),
    },
  ]
}

function matchChoice(turn: Turn, choices: readonly MenuChoice[], input: CallerInput): MenuChoice | undefined {
  if (input.kind === 'keys') return choices.find((c) => c.key !== '' && c.key === input.digits.slice(0, 1))
  if (input.kind !== 'speech') return undefined
  const byWords = choices.find(
    (c) =>
      c.phrases &&
      saidAnyOf(input.text, phrasesOf(turn.t(c.phrases))) &&
      !(c.notWhenSaid && saidAnyOf(input.text, phrasesOf(turn.t(c.notWhenSaid)))),
  )
  if (byWords) return byWords
  // "one", "uno", "option two", "zero": the key's number said aloud.
  return choices.find((c) => /^\d$/.test(c.key) && saidAnyOf(input.text, phrasesOf(turn.t(`ivr:keys.words.${c.key}`))))
}

export function menuStep(menu: MenuDefinition): Step {
  async function allChoices(turn: Turn) {
    const own = await menu.choices(turn)
    const back = menu.back ? await menu.back(turn) : null
    return { own, back, all: [...own, ...commands(turn, back)] }
  }

  return {
    async ask(turn, lead) {
      const { own, back, all } = await allChoices(turn)
      const intro = menu.intro ? await menu.intro(turn) : []
      const read = own.filter((c) => !c.hidden && c.key !== '')
      const person = menu.offersPerson === false ? [] : [choiceLine(turn, { key: '0', label: turn.t('ivr:menu.person') })]
      const goBack = back && !back.silent ? [choiceLine(turn, { key: '*', label: back.label ?? turn.t('ivr:menu.back') })] : []
      return ask(
        newResponse(),
        turn.language,
        {
          action: stepPath(menu.step),
          lines: [...intro, ...read.map((c) => choiceLine(turn, c)), ...person, ...goBack, ...(menu.outro?.(turn) ?? [])],
          input: 'keys-or-speech',
          numDigits: 1,
          hints: all.flatMap((c) => (c.phrases ? phrasesOf(turn.t(c.phrases)) : [])),
        },
        lead,
      )
    },

    async answer(turn, input) {
      const { all } = await allChoices(turn)
      const chosen = matchChoice(turn, all, input)
      if (chosen) return chosen.choose(turn)
      return turn.retry(input.kind === 'none' ? 'noInput' : 'badInput', [turn.t('ivr:menu.help')], (lead) => menu.fallback(turn, lead))
    },
  }
}

/**
 * The same commands at a prompt for a number (PAR ID, PIN, phone number): a lone 0, star or 9 cannot be such a
 * number, so they mean what they mean in a menu; so do the words for a person. Null when the input is a number.
 */
export async function numberPromptCommand(
  turn: Turn,
  input: CallerInput,
  back: (turn: Turn) => Promise<VoiceResponse>,
): Promise<VoiceResponse | null> {
  const keyed = input.kind === 'keys' ? input.digits.replace(/#$/, '') : null
  const said = input.kind === 'speech' ? input.text : null
  if (keyed === '0' || (said !== null && saidAnyOf(said, phrasesOf(turn.t('ivr:menu.personPhrases'))))) return turn.goTo('person')
  if (keyed?.startsWith('*') || (said !== null && saidAnyOf(said, phrasesOf(turn.t('ivr:menu.backPhrases'))))) return back(turn)
  if (keyed === '9' || (said !== null && saidAnyOf(said, phrasesOf(turn.t('ivr:menu.repeatPhrases'))))) return turn.askAgain()
  return null
}
