import { phrasesOf, saidAnyOf } from '../callerInput'
import { stepPath } from '../paths'
import type { Step, Turn } from '../turn'
import { newResponse, sayLines, voices } from '../voice'

// The greeting and the choice of language. English unless the caller presses 2 or says "español"; the offer of
// Spanish is spoken in Spanish, by the Spanish voice, so a caller who speaks no English still understands it.

function bothOffers(turn: Turn) {
  const english = turn.t('ivr:welcome.offerThisLanguage', { lng: 'en' })
  const spanish = turn.t('ivr:welcome.offerThisLanguage', { lng: 'es' })
  return { english, spanish }
}

function chooseSpanish(turn: Turn) {
  turn.flow.language = 'es'
  return turn.goTo('identify')
}

export const welcome: Step = {
  ask(turn, lead) {
    const response = newResponse()
    const { english, spanish } = bothOffers(turn)
    const gather = response.gather({
      action: stepPath('welcome'),
      method: 'POST',
      input: ['dtmf', 'speech'],
      // Listening in English, whose recognizer writes "español" as "Espanol" or "Spanish"; both are in the hints.
      language: voices.en.language,
      numDigits: 1,
      timeout: 4,
      speechTimeout: 'auto',
      hints: [...phrasesOf(turn.t('ivr:welcome.phrases', { lng: 'en' })), ...phrasesOf(turn.t('ivr:welcome.phrases', { lng: 'es' }))].join(', '),
    })
    sayLines(gather, 'en', [...lead, turn.t('ivr:welcome.greeting', { lng: 'en' }), english])
    sayLines(gather, 'es', [spanish])
    response.redirect({ method: 'POST' }, stepPath('welcome'))
    return response
  },

  async answer(turn, input) {
    const saidSpanish = input.kind === 'speech' && saidAnyOf(input.text, phrasesOf(turn.t('ivr:welcome.phrases', { lng: 'es' })))
    const saidEnglish = input.kind === 'speech' && saidAnyOf(input.text, phrasesOf(turn.t('ivr:welcome.phrases', { lng: 'en' })))
    if ((input.kind === 'keys' && input.digits.startsWith('2')) || saidSpanish) return chooseSpanish(turn)
    // Silence keeps English: the line's default, so a caller who waits is never stuck at the greeting.
    if ((input.kind === 'keys' && input.digits.startsWith('1')) || saidEnglish || input.kind === 'none') return turn.goTo('identify')
    // The operator key works here too, as in every menu; the call goes on in English.
    if (input.kind === 'keys' && input.digits === '0') return turn.goTo('person')
    return turn.retry('badInput', [], (lead) => turn.goTo('identify', lead))
  },
}
