import type { Language } from '../../server/i18n'
import { phrasesOf, saidAnyOf } from '../callerInput'
import type { CallerInput } from '../callerInput'
import { stepPath } from '../paths'
import type { Step, Turn } from '../turn'
import { newResponse, sayLines, voices } from '../voice'
import { askRecognizedPin, isRecognized, recognizeCaller } from './callerRecognition'

// The greeting and the choice of language, always 1 for English and 2 for Spanish, each offer spoken in its own
// language by its own voice so a caller who speaks no English still understands it. An unknown caller hears the
// greeting in English and stays in English by waiting. A caller whose number belongs to one parent hears the
// greeting in that parent's language, stays in it by waiting, and is then asked for the PIN only.

const other = (language: Language): Language => (language === 'en' ? 'es' : 'en')

function chosenLanguage(turn: Turn, input: CallerInput): Language | null {
  const said = (language: Language) =>
    input.kind === 'speech' && saidAnyOf(input.text, phrasesOf(turn.t('ivr:welcome.phrases', { lng: language })))
  if ((input.kind === 'keys' && input.digits.startsWith('2')) || said('es')) return 'es'
  if ((input.kind === 'keys' && input.digits.startsWith('1')) || said('en')) return 'en'
  return null
}

/** The words of a shared command in either language: the greeting speaks both, so a caller may answer in either. */
function saidCommand(turn: Turn, text: string, phrasesKey: string): boolean {
  return (['en', 'es'] as const).some((language) => saidAnyOf(text, phrasesOf(turn.t(phrasesKey, { lng: language }))))
}

function welcomeCommand(turn: Turn, input: CallerInput): 'person' | 'repeat' | 'back' | null {
  if (input.kind === 'keys') return ({ '0': 'person', '9': 'repeat', '*': 'back' } as const)[input.digits.slice(0, 1)] ?? null
  if (input.kind !== 'speech') return null
  if (saidCommand(turn, input.text, 'ivr:menu.personPhrases')) return 'person'
  if (saidCommand(turn, input.text, 'ivr:menu.repeatPhrases')) return 'repeat'
  // "Call me back" is not "back"; at the greeting it is not understood, as in a menu without a callback.
  if (saidCommand(turn, input.text, 'ivr:menu.backPhrases') && !saidCommand(turn, input.text, 'ivr:person.callbackPhrases')) return 'back'
  return null
}

export const welcome: Step = {
  async ask(turn, lead) {
    const recognized = await recognizeCaller(turn)
    // The caller's own language speaks first; the other is offered after it, in its own voice.
    const first: Language = recognized ? turn.flow.language : 'en'
    const response = newResponse()
    const gather = response.gather({
      action: stepPath('welcome'),
      method: 'POST',
      input: ['dtmf', 'speech'],
      // English's recognizer writes "español" as "Espanol" or "Spanish", Spanish's "English" as "inglés": both
      // languages' words are in the hints.
      language: voices[first].language,
      numDigits: 1,
      timeout: 4,
      speechTimeout: 'auto',
      hints: [...phrasesOf(turn.t('ivr:welcome.phrases', { lng: 'en' })), ...phrasesOf(turn.t('ivr:welcome.phrases', { lng: 'es' }))].join(', '),
    })
    if (recognized) {
      sayLines(gather, first, [...lead, turn.t('ivr:welcome.greeting', { lng: first })])
      sayLines(gather, other(first), [turn.t('ivr:welcome.offerOtherLanguage', { lng: other(first) })])
    } else {
      sayLines(gather, 'en', [...lead, turn.t('ivr:welcome.greeting', { lng: 'en' }), turn.t('ivr:welcome.offerThisLanguage', { lng: 'en' })])
      sayLines(gather, 'es', [turn.t('ivr:welcome.offerThisLanguage', { lng: 'es' })])
    }
    response.redirect({ method: 'POST' }, stepPath('welcome'))
    return response
  },

  async answer(turn, input) {
    // The commands every menu shares work here too, by key or by voice in either language, and the call goes on in the
    // language it is in: 0 or "agent" a person, 9 or "repeat" the greeting again, star (nothing to go back to) says so.
    const command = welcomeCommand(turn, input)
    if (command === 'person') return turn.goTo('person')
    if (command === 'repeat') return turn.askAgain()
    if (command === 'back') return turn.askAgain([turn.t('ivr:menu.atTop')])
    const chosen = chosenLanguage(turn, input)
    // Silence keeps the language the greeting was in, so a caller who waits is never stuck here.
    if (chosen === null && input.kind !== 'none') {
      return turn.retry('badInput', [], (lead) => (isRecognized(turn) ? askRecognizedPin(turn, lead) : turn.goTo('identify', lead)))
    }
    if (chosen) turn.flow.language = chosen
    return isRecognized(turn) ? askRecognizedPin(turn) : turn.goTo('identify')
  },
}
