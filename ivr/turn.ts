import type { TFunction } from 'i18next'

import type { AgencyDirectory } from '../server/agency/agencyDirectory'
import type { CallOutcome } from '../server/calls/phoneCall'
import type { Language } from '../server/i18n'
import type { CallerInput } from './callerInput'
import type { AnswerName, FlowState, StepName } from './flowState'
import type { PhoneServices } from './phoneServices'
import type { VoiceResponse } from './voice'

// One webhook of a call. A step reads the caller's input and the call's state from the turn and answers with the
// TwiML the caller hears next; moving to another step goes through the turn, so the call flow (callFlow.ts) can
// check that the move is one its tree allows and the call's path records it.

export interface PhoneSettings {
  /** Where "speak to a person" dials during office hours. */
  agentLineNumber: string
  /** Offices, hours and ways to pay: the same directory the web reads. */
  agency: AgencyDirectory
}

/** What a turn changes on the call record besides the flow state. */
export interface TurnChanges {
  outcome?: CallOutcome
  participantId?: number | null
  heardAnswer?: boolean
  reached: string[]
}

export interface Turn {
  readonly callSid: string
  /** The caller ID Twilio reports, in E.164; null when withheld. */
  readonly callerNumber: string | null
  readonly now: Date
  /** Twilio's DialCallStatus when the request reports how a transfer ended; null otherwise. */
  readonly dialStatus: string | null
  readonly flow: FlowState
  readonly services: PhoneServices
  readonly settings: PhoneSettings
  readonly changes: TurnChanges
  /** The steps and answers of the call so far, this turn's included. */
  readonly path: readonly string[]
  /** The call's language at this moment: it changes once, when the caller picks Spanish. */
  readonly language: Language
  readonly t: TFunction
  /** Moves to another step and asks its question, after `lead` (an answer or an apology). */
  goTo(step: StepName, lead?: readonly string[]): Promise<VoiceResponse>
  /** Asks the open question again, after `lead`. */
  askAgain(lead?: readonly string[]): Promise<VoiceResponse>
  /**
   * Silence or a wrong answer at the open question. The first time the caller hears the problem and the help, then
   * the question again; the second time the step's fallback takes over, after `lead` ("I still didn't get that"),
   * and says where it takes the caller, so no caller is asked forever nor moved without a word.
   */
  retry(
    problem: 'noInput' | 'badInput',
    help: readonly string[],
    fallback: (lead: readonly string[]) => Promise<VoiceResponse>,
  ): Promise<VoiceResponse>
  /**
   * Moves to another step and speaks an answer there, then that step's question: for a menu that opens with what
   * the caller came to hear, so the answer counts as heard and "repeat" says it again without the menu's intro.
   */
  tellAt(step: StepName, answer: AnswerName): Promise<VoiceResponse>
  /**
   * Speaks an answer the caller asked for in the open menu, then asks only "1 to hear it again, 2 for the menu"
   * (the afterAnswer step) instead of reading the whole menu again.
   */
  tell(answer: AnswerName): Promise<VoiceResponse>
  /** The last answer once more, then the open question again. */
  repeatAnswer(): Promise<VoiceResponse>
  /** Last words and hang up. */
  end(lines: readonly string[]): VoiceResponse
}

export interface Step {
  /** What the caller hears on reaching this step: `lead`, then the step's question. */
  ask(turn: Turn, lead: readonly string[]): VoiceResponse | Promise<VoiceResponse>
  /** The caller's reply to this step's question (keys, speech or silence). */
  answer(turn: Turn, input: CallerInput): Promise<VoiceResponse>
}

/** The lines an answer speaks; case answers read the case-inquiry service, general answers the locale files. */
export type Answer = (turn: Turn) => Promise<readonly string[]>
