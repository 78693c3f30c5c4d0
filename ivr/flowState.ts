import { z } from 'zod'

// What the phone line remembers between two webhooks of one call, stored with the call (server/calls) under its
// CallSid. It holds internal ids and counters only: never the PIN, never the digits a caller keyed for a PAR ID or
// case number (the PIN step works from a reference to the record those digits named).

export const stepNames = [
  'welcome',
  'identify',
  'pin',
  'cannotIdentify',
  'caseChoice',
  'mainMenu',
  'moreOptions',
  'afterAnswer',
  'callbackStatus',
  'paymentOptions',
  'generalMenu',
  'callbackNumber',
  'callbackOtherNumber',
  'callbackWindow',
  'callbackTopic',
  'person',
  'afterDial',
  'personUnavailable',
  'anythingElse',
] as const
export type StepName = (typeof stepNames)[number]

/** Things the caller can ask for in a menu and hear an answer to; recorded in the call's path like steps. */
export const answerNames = [
  'balance',
  'recentPayments',
  'nextPayment',
  'nextSteps',
  'pendingCallbacks',
  'officeHours',
  'howToApply',
  'whatWeDo',
  'payOnline',
  'payMoneyGram',
  'payNearMe',
  'payByMail',
  'payPal',
  'payWithholding',
] as const
export type AnswerName = (typeof answerNames)[number]

const keyedIdentifierReference = z.union([
  z.object({ kind: z.enum(['participant', 'case']), id: z.number().int().positive() }),
  z.object({ kind: z.literal('none') }),
])

export const flowStateSchema = z.object({
  /** The step whose question is open: the only step whose path may answer it. */
  awaiting: z.enum(stepNames),
  language: z.enum(['en', 'es']),
  /** Silences and wrong keys at the open question: the first gets help, the second the fallback. */
  tries: z.number().int().min(0),
  /** Webhooks answered so far; the call ends politely at the limit so that nothing loops forever. */
  turns: z.number().int().min(0),
  signInFailures: z.number().int().min(0),
  keyedIdentifier: keyedIdentifierReference.nullable(),
  participantId: z.number().int().positive().nullable(),
  /**
   * The one parent whose number this caller ID is, while the line asks this caller for the PIN only; null for an
   * unknown or shared number, and from the moment the caller chooses to key a PAR ID instead.
   */
  recognizedCaller: z.number().int().positive().nullable().default(null),
  /** Cases offered in the case choice, in the order their keys were read. */
  caseIds: z.array(z.number().int().positive()),
  caseId: z.number().int().positive().nullable(),
  /** Where "go back" leads from a menu reached from two places (how to pay). */
  backTo: z.enum(stepNames).nullable(),
  /** The last answer heard, for "repeat". */
  lastAnswer: z.enum(answerNames).nullable(),
  /** The menu the last answer was asked for in: "2 for the menu" after an answer returns there. */
  answeredIn: z.enum(stepNames).nullable().default(null),
  /** Whether the caller has heard the tip about the commands every menu shares (0, star, 9): once a call. */
  heardCommands: z.boolean().default(false),
  /** Answers heard, in order: the representative sees them with a callback request. */
  heard: z.array(z.enum(answerNames)),
  callback: z.object({
    phone: z.string().nullable(),
    window: z.enum(['asap', 'morning', 'afternoon']).nullable(),
  }),
})

export type FlowState = z.infer<typeof flowStateSchema>

export function initialFlowState(): FlowState {
  return {
    awaiting: 'welcome',
    language: 'en',
    tries: 0,
    turns: 0,
    signInFailures: 0,
    keyedIdentifier: null,
    participantId: null,
    recognizedCaller: null,
    caseIds: [],
    caseId: null,
    backTo: null,
    lastAnswer: null,
    answeredIn: null,
    heardCommands: false,
    heard: [],
    callback: { phone: null, window: null },
  }
}

/** The stored state, or a fresh one when there is none (a new call) or it no longer parses (after a deploy). */
export function readFlowState(stored: unknown): FlowState {
  const parsed = flowStateSchema.safeParse(stored)
  return parsed.success ? parsed.data : initialFlowState()
}

/** Webhooks one call may make: a thorough caller uses about forty; past this the line says goodbye. */
export const maxTurnsPerCall = 80
