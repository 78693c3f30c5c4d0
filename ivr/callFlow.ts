import { caseAnswers } from './caseAnswers'
import type { AnswerName, StepName } from './flowState'
import { generalAnswers } from './generalAnswers'
import { afterAnswer } from './steps/afterAnswer'
import { anythingElse } from './steps/anythingElse'
import { callbackNumber, callbackOtherNumber } from './steps/callbackNumber'
import { callbackStatus, pendingCallbacks } from './steps/callbackStatus'
import { callbackTopic } from './steps/callbackTopic'
import { callbackWindow } from './steps/callbackWindow'
import { cannotIdentify } from './steps/cannotIdentify'
import { caseChoice } from './steps/caseChoice'
import { generalMenu } from './steps/generalMenu'
import { identify } from './steps/identify'
import { mainMenu, moreOptions } from './steps/mainMenu'
import { paymentOptions } from './steps/paymentOptions'
import { pin } from './steps/pin'
import { afterDial, person, personUnavailable } from './steps/person'
import { welcome } from './steps/welcome'
import type { Answer, Step } from './turn'

// The whole phone line in one place. Each step lists where it may lead and the answers it may give; a move the
// tree does not list is refused at run time, so this table cannot drift from what the steps really do.
//
// In every menu, in both languages, by key or by voice: 0 ("agent", "una persona") a person · * back · 9 repeat.
// After every answer: 1 hear it again · 2 the menu it came from (afterAnswer). Two misses at a prompt: the caller
// hears where they are taken (a person, the menu, general information), never a silent jump.
//
//  A caller ID that belongs to one parent: welcome (in that parent's language) ─► pin, star there ─► identify.
//
//  welcome ─► identify ─► pin ─┬─► caseChoice ─► mainMenu ─┬─ 1 balance and last payment
//   (2: español)  │ *        │  └─► mainMenu              ├─ 2 next payment due / next payout
//                 ▼          │ 3 wrong tries, or locked   └─ 3 moreOptions ─┬─ 1 recent payments / money sent to you
//            generalMenu ◄───┤                                              ├─ 2 next steps
//             1 office hours └─► cannotIdentify ─┬ 1 callback               ├─ 3 paymentOptions (paying parents only)
//             2 paymentOptions (not to a         └ 2 general                ├─ 4 callback ─► number ─► window ─► topic
//               receiving parent)                                           │    ─► anythingElse (requests pending:
//             3 how to apply                                                │    callbackStatus first, 1 ─► number)
//             4 what we do                                                  ├─ 5 generalMenu
//             * sign in / back to the case                                  └─ 6 another case (caseChoice)
//  person: in office hours Dial ─► afterDial ─► personUnavailable; outside them the next opening, then 1 callback.

export interface FlowNode {
  step: Step
  leadsTo: readonly StepName[]
  answers?: readonly AnswerName[]
}

const callbackStart = ['callbackNumber', 'callbackOtherNumber'] as const
const menus = ['mainMenu', 'generalMenu'] as const
/** Where a menu that gives answers may lead besides its own moves: the short question after an answer. */
const answering = ['afterAnswer'] as const
/** 0 and "a person" work at every prompt. */
const anyPrompt = ['person'] as const
const caseMenuMoves = ['paymentOptions', 'callbackStatus', ...callbackStart, 'generalMenu', 'caseChoice'] as const

export const callFlow: Record<StepName, FlowNode> = {
  welcome: { step: welcome, leadsTo: ['identify', 'pin', ...anyPrompt] },
  identify: { step: identify, leadsTo: ['pin', 'generalMenu', ...anyPrompt] },
  pin: { step: pin, leadsTo: ['identify', 'caseChoice', 'mainMenu', 'generalMenu', 'cannotIdentify', ...anyPrompt] },
  cannotIdentify: { step: cannotIdentify, leadsTo: [...callbackStart, 'generalMenu', ...anyPrompt] },
  caseChoice: { step: caseChoice, leadsTo: ['mainMenu', ...anyPrompt] },
  mainMenu: {
    step: mainMenu,
    leadsTo: ['moreOptions', ...caseMenuMoves, ...answering, ...anyPrompt],
    answers: ['balance', 'nextPayment', 'recentPayments', 'nextSteps'],
  },
  moreOptions: {
    step: moreOptions,
    leadsTo: ['mainMenu', ...caseMenuMoves, ...answering, ...anyPrompt],
    answers: ['recentPayments', 'nextSteps'],
  },
  afterAnswer: { step: afterAnswer, leadsTo: ['mainMenu', 'moreOptions', 'generalMenu', 'paymentOptions', ...anyPrompt] },
  callbackStatus: { step: callbackStatus, leadsTo: [...callbackStart, 'mainMenu', ...anyPrompt], answers: ['pendingCallbacks'] },
  paymentOptions: {
    step: paymentOptions,
    leadsTo: [...menus, 'moreOptions', ...answering, ...anyPrompt],
    answers: ['payOnline', 'payMoneyGram', 'payNearMe', 'payByMail', 'payPal', 'payWithholding'],
  },
  generalMenu: {
    step: generalMenu,
    leadsTo: ['paymentOptions', 'mainMenu', 'identify', ...answering, ...anyPrompt],
    answers: ['officeHours', 'howToApply', 'whatWeDo'],
  },
  callbackNumber: { step: callbackNumber, leadsTo: ['callbackWindow', 'callbackOtherNumber', ...menus, ...anyPrompt] },
  callbackOtherNumber: { step: callbackOtherNumber, leadsTo: ['callbackWindow', ...menus, ...anyPrompt] },
  callbackWindow: { step: callbackWindow, leadsTo: ['callbackTopic', ...menus, ...anyPrompt] },
  callbackTopic: { step: callbackTopic, leadsTo: ['anythingElse', 'callbackWindow', ...menus, ...anyPrompt] },
  person: { step: person, leadsTo: ['afterDial', ...callbackStart, ...menus] },
  afterDial: { step: afterDial, leadsTo: ['personUnavailable'] },
  personUnavailable: { step: personUnavailable, leadsTo: [...callbackStart, ...menus, ...anyPrompt] },
  anythingElse: { step: anythingElse, leadsTo: [...menus, ...anyPrompt] },
}

export const answers: Record<AnswerName, Answer> = { ...caseAnswers, ...generalAnswers, pendingCallbacks }

export class MoveNotInCallFlow extends Error {
  constructor(from: StepName, to: string) {
    super(`the call flow does not lead from ${from} to ${to}`)
  }
}

export function checkMove(from: StepName, to: StepName): void {
  if (from !== to && !callFlow[from].leadsTo.includes(to)) throw new MoveNotInCallFlow(from, to)
}

export function checkAnswer(from: StepName, answer: AnswerName): void {
  if (!callFlow[from].answers?.includes(answer)) throw new MoveNotInCallFlow(from, answer)
}
