import { spokenHours } from '../agencyFacts'
import { stepPath } from '../paths'
import { spokenWhen } from '../spokenFormats'
import type { Step, Turn } from '../turn'
import { newResponse, sayLines } from '../voice'
import { type MenuChoice, menuStep } from './menu'
import { goHome, startCallback } from './navigation'

// "Speak to a person". In office hours the call is put through to the agent line; outside them, or when nobody
// picks up, the caller hears when people answer next and is offered a callback, so no one is left ringing.

function otherWays(turn: Turn): MenuChoice[] {
  return [{ key: '1', label: turn.t('ivr:person.callback'), phrases: 'ivr:person.callbackPhrases', choose: (c) => startCallback(c) }]
}

const back = () => ({ go: (c: Turn) => goHome(c) })
const goodbye = async (turn: Turn, lead: readonly string[]) => turn.end([...lead, turn.t('ivr:fallback.goodbye')])

const officeClosed = menuStep({
  step: 'person',
  intro(turn) {
    const office = turn.services.callbacks.officeStatus(turn.now)
    return [
      turn.t('ivr:person.closed', { hours: spokenHours(turn.settings.agency.phoneHours, turn) }),
      turn.t('ivr:person.opensAt', { time: spokenWhen(office.nextOpenAt, turn.now, turn.language, turn.t) }),
    ]
  },
  choices: otherWays,
  back,
  offersPerson: false,
  fallback: goodbye,
})

export const person: Step = {
  ask(turn, lead) {
    if (!turn.services.callbacks.officeStatus(turn.now).open) return officeClosed.ask(turn, lead)
    turn.changes.outcome = 'transferred'
    // Twilio posts the result of the Dial to afterDial once the agent's leg ends or nobody answers.
    turn.flow.awaiting = 'afterDial'
    const response = newResponse()
    sayLines(response, turn.language, [...lead, turn.t('ivr:person.connecting')])
    response.dial({ action: stepPath('afterDial'), method: 'POST', timeout: 30 }).number(turn.settings.agentLineNumber)
    return response
  },
  answer: (turn, input) => officeClosed.answer(turn, input),
}

export const afterDial: Step = {
  ask: (turn, lead) => turn.goTo('personUnavailable', lead),
  async answer(turn) {
    // The path shows the transfer came back, and how it ended is in the outcome.
    turn.changes.reached.push('afterDial')
    if (turn.dialStatus === 'completed') return turn.end([turn.t('ivr:goodbye')])
    // Busy, no answer or failed: the caller was not transferred after all.
    turn.changes.outcome = 'in_progress'
    return turn.goTo('personUnavailable')
  },
}

export const personUnavailable = menuStep({
  step: 'personUnavailable',
  intro: (turn) => [turn.t('ivr:person.busy')],
  choices: otherWays,
  back,
  offersPerson: false,
  fallback: goodbye,
})
