import twilio from 'twilio'
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse'

import type { Language } from '../server/i18n'

// How the line sounds in each language: one voice per language, and speech recognition listening for the same
// language, so a Spanish caller is never answered in an English accent nor misheard as English.

export type { VoiceResponse }

export const voices = {
  en: { voice: 'Polly.Joanna', language: 'en-US' },
  es: { voice: 'Polly.Lupe', language: 'es-US' },
} as const satisfies Record<
  Language,
  { voice: VoiceResponse.SayAttributes['voice']; language: VoiceResponse.SayAttributes['language'] & VoiceResponse.GatherAttributes['language'] }
>

export function newResponse(): VoiceResponse {
  return new twilio.twiml.VoiceResponse()
}

type Speaker = Pick<VoiceResponse, 'say'> | Pick<VoiceResponse.Gather, 'say'>

export function sayLines(target: Speaker, language: Language, lines: readonly string[]): void {
  for (const line of lines) {
    // A sentence ending in "p.m." gains a second period from its template; one is enough for the voice.
    if (line.trim()) target.say(voices[language], line.replace(/\.\.(?=\s|$)/g, '.'))
  }
}

export interface Question {
  /** The step's own path: the caller's answer (or silence) comes back there, never with anything in the URL. */
  action: string
  lines: readonly string[]
  /** A PIN is keyed only: spoken digits would travel through the speech recognizer. */
  input: 'keys' | 'keys-or-speech'
  /** One key answers a menu at once; free-length numbers end with the pound key. */
  numDigits?: number
  hints?: readonly string[]
  timeoutSeconds?: number
}

/**
 * Says `lead` (an answer the caller asked for), then asks the question inside a Gather so the caller may answer
 * before the prompt ends. If nothing is keyed or said, the Redirect brings the silence to the same step, which
 * reprompts or falls back: never dead air.
 */
export function ask(response: VoiceResponse, language: Language, question: Question, lead: readonly string[] = []): VoiceResponse {
  const gather = response.gather({
    action: question.action,
    method: 'POST',
    input: question.input === 'keys' ? ['dtmf'] : ['dtmf', 'speech'],
    language: voices[language].language,
    timeout: question.timeoutSeconds ?? 6,
    ...(question.numDigits ? { numDigits: question.numDigits } : { finishOnKey: '#' }),
    ...(question.input === 'keys-or-speech' ? { speechTimeout: 'auto' } : {}),
    ...(question.input === 'keys-or-speech' && question.hints?.length ? { hints: question.hints.join(', ') } : {}),
  })
  sayLines(gather, language, [...lead, ...question.lines])
  response.redirect({ method: 'POST' }, question.action)
  return response
}

/** Last words, then the line hangs up: for goodbyes and for the per-call step limit. */
export function farewell(language: Language, lines: readonly string[]): VoiceResponse {
  const response = newResponse()
  sayLines(response, language, lines)
  response.hangup()
  return response
}
