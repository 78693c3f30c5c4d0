import type { i18n } from 'i18next'

import type { Clock } from '../server/clock'
import { type Language, translatorFor } from '../server/i18n'
import type { CallerInput } from './callerInput'
import { answers, callFlow, checkAnswer, checkMove } from './callFlow'
import { type AnswerName, maxTurnsPerCall, readFlowState, type StepName } from './flowState'
import type { PhoneServices } from './phoneServices'
import type { PhoneSettings, Turn, TurnChanges } from './turn'
import { farewell, type VoiceResponse } from './voice'

// One webhook, start to finish: load the call by CallSid, let the step that asked the open question hear the
// answer, save what changed, and hand back the TwiML. A request for a step other than the one waiting (a replay, a
// duplicate, a late retry) hears the open question again and changes nothing else.

export interface TurnRequest {
  callSid: string
  callerNumber: string | null
  /** 'voice' for the incoming-call webhook, otherwise the step named by the request's path. */
  step: StepName | 'voice'
  input: CallerInput
  dialStatus: string | null
}

export interface RunnerContext {
  services: PhoneServices
  i18n: i18n
  clock: Clock
  settings: PhoneSettings
}

/** Answers kept for the callback context: enough for the representative, bounded for a long call. */
const heardKept = 20

export async function runTurn(request: TurnRequest, context: RunnerContext): Promise<VoiceResponse> {
  const { services } = context
  // The incoming-call webhook nearly always opens a new call: its record is written and read in one statement.
  const expect = request.step === 'voice' ? 'new' : 'known'
  const call = await services.calls.answer(request.callSid, { fromNumber: request.callerNumber, language: 'en' }, expect)
  const flow = readFlowState(call.flow)
  const translate = (language: Language) => translatorFor(context.i18n, language)
  // Twilio may post once more after the status callback closed the call; there is nobody left to talk to.
  if (call.endedAt) return farewell(flow.language, [])

  flow.turns += 1
  const changes: TurnChanges = { reached: [] }
  let response: VoiceResponse

  if (flow.turns > maxTurnsPerCall) {
    response = farewell(flow.language, [translate(flow.language)('ivr:tooLong')])
  } else {
    const enter = (step: StepName) => {
      checkMove(flow.awaiting, step)
      if (step !== flow.awaiting) flow.lastAnswer = null
      flow.awaiting = step
      flow.tries = 0
      changes.reached.push(step)
    }
    // An answer is checked against the menu it was asked for in: after an answer, the afterAnswer step repeats it.
    const speak = async (answer: AnswerName): Promise<readonly string[]> => {
      checkAnswer(flow.awaiting === 'afterAnswer' && flow.answeredIn ? flow.answeredIn : flow.awaiting, answer)
      const lines = await answers[answer](turn)
      flow.lastAnswer = answer
      flow.tries = 0
      flow.heard = [...flow.heard, answer].slice(-heardKept)
      changes.heardAnswer = true
      changes.reached.push(answer)
      return lines
    }
    const turn: Turn = {
      callSid: request.callSid,
      callerNumber: request.callerNumber,
      now: context.clock.now(),
      dialStatus: request.dialStatus,
      flow,
      services,
      settings: context.settings,
      changes,
      get path() {
        return [...call.path, ...changes.reached]
      },
      get language() {
        return flow.language
      },
      get t() {
        return translate(flow.language)
      },
      async goTo(step, lead = []) {
        enter(step)
        return callFlow[step].step.ask(turn, lead)
      },
      async tellAt(step, answer) {
        enter(step)
        return turn.askAgain(await speak(answer))
      },
      async askAgain(lead = []) {
        return callFlow[flow.awaiting].step.ask(turn, lead)
      },
      async retry(problem, help, fallback) {
        if (flow.tries >= 1) return fallback([turn.t(`ivr:problems.still.${problem}`)])
        flow.tries += 1
        return turn.askAgain([turn.t(`ivr:problems.${problem}`), ...help])
      },
      async tell(answer) {
        const askedIn = flow.awaiting
        checkAnswer(askedIn, answer)
        enter('afterAnswer')
        flow.answeredIn = askedIn
        return turn.askAgain(await speak(answer))
      },
      async repeatAnswer() {
        if (!flow.lastAnswer) return turn.askAgain()
        return turn.askAgain(await speak(flow.lastAnswer))
      },
      end(lines) {
        return farewell(flow.language, lines)
      },
    }

    if (request.step === 'voice') response = flow.turns === 1 ? await turn.goTo('welcome') : await turn.askAgain()
    else if (request.step !== flow.awaiting) response = await turn.askAgain()
    else response = await callFlow[flow.awaiting].step.answer(turn, request.input)
  }

  await services.calls.record(call, {
    flow,
    language: flow.language,
    reachedSteps: changes.reached,
    outcome: changes.outcome,
    heardAnswer: changes.heardAnswer,
    participantId: changes.participantId,
  })
  return response
}
