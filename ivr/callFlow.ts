import { caseAnswers } from './caseAnswers'
import type { AnswerName, StepName } from './flowState'
import { generalAnswers } from './generalAnswers'
import { anythingElse } from './steps/anythingElse'
import { callbackNumber, callbackOtherNumber } from './steps/callbackNumber'
import { callbackStatus, pendingCallbacks } from './steps/callbackStatus'
import { callbackTopic } from './steps/callbackTopic'
import { callbackWindow } from './steps/callbackWindow'
import { cannotIdentify } from './steps/cannotIdentify'
import { caseChoice } from './steps/caseChoice'
import { generalMenu } from './steps/generalMenu'
import { identify } from './steps/identify'
import { mainMenu } from './steps/mainMenu'
import { paymentOptions } from './steps/paymentOptions'
import { pin } from './steps/pin'
import { afterDial, person, personUnavailable } from './steps/person'
import { welcome } from './steps/welcome'
import type { Answer, Step } from './turn'

// The whole phone line in one place. Each step lists where it may lead and the answers it may give; a move the
// tree does not list is refused at run time, so this table cannot drift from what the steps really do.
//
//  welcome ─► identify ─► pin ─┬─► caseChoice ─► mainMenu ─┬─ 1 balance and last payment
//   (2: español)  │ *        │  └─► mainMenu              ├─ 2 recent payments / money sent to you
//                 ▼          │ 3 wrong tries, or locked   ├─ 3 next payment due / next expected
//            generalMenu ◄───┤                            ├─ 4 next steps
//             1 office hours └─► cannotIdentify ─┬ 1 callback  ├─ 5 paymentOptions (each way to pay)
//             2 paymentOptions                   ├ 2 person    ├─ 6 callback ─► number ─► window ─► topic ─► anythingElse
//                                                │             │    (requests pending: callbackStatus first, 1 ─► number · * back)
//             3 how to apply                     └ 3 general   ├─ 7 (or 0) person ─► Dial ─► afterDial ─► personUnavailable
//             4 what we do · 0 person                          ├─ 8 generalMenu · 9 repeat
//             * sign in / back to the case                     └─ * another case (caseChoice)
//  person, outside office hours: the next opening, then 1 callback · * back.

export interface FlowNode {
  step: Step
  leadsTo: readonly StepName[]
  answers?: readonly AnswerName[]
}

const callbackStart = ['callbackNumber', 'callbackOtherNumber'] as const
const menus = ['mainMenu', 'generalMenu'] as const

export const callFlow: Record<StepName, FlowNode> = {
  welcome: { step: welcome, leadsTo: ['identify'] },
  identify: { step: identify, leadsTo: ['pin', 'generalMenu'] },
  pin: { step: pin, leadsTo: ['identify', 'caseChoice', 'mainMenu', 'generalMenu', 'cannotIdentify'] },
  cannotIdentify: { step: cannotIdentify, leadsTo: [...callbackStart, 'person', 'generalMenu'] },
  caseChoice: { step: caseChoice, leadsTo: ['mainMenu', 'person'] },
  mainMenu: {
    step: mainMenu,
    leadsTo: ['paymentOptions', 'callbackStatus', ...callbackStart, 'person', 'generalMenu', 'caseChoice'],
    answers: ['balance', 'recentPayments', 'nextPayment', 'nextSteps'],
  },
  callbackStatus: { step: callbackStatus, leadsTo: [...callbackStart, 'mainMenu'], answers: ['pendingCallbacks'] },
  paymentOptions: {
    step: paymentOptions,
    leadsTo: [...menus],
    answers: ['payOnline', 'payMoneyGram', 'payNearMe', 'payByMail', 'payPal', 'payWithholding'],
  },
  generalMenu: {
    step: generalMenu,
    leadsTo: ['paymentOptions', 'person', 'mainMenu', 'identify'],
    answers: ['officeHours', 'howToApply', 'whatWeDo'],
  },
  callbackNumber: { step: callbackNumber, leadsTo: ['callbackWindow', 'callbackOtherNumber', ...menus] },
  callbackOtherNumber: { step: callbackOtherNumber, leadsTo: ['callbackWindow', ...menus] },
  callbackWindow: { step: callbackWindow, leadsTo: ['callbackTopic', ...menus] },
  callbackTopic: { step: callbackTopic, leadsTo: ['anythingElse', 'callbackWindow', ...menus] },
  person: { step: person, leadsTo: ['afterDial', ...callbackStart, ...menus] },
  afterDial: { step: afterDial, leadsTo: ['personUnavailable'] },
  personUnavailable: { step: personUnavailable, leadsTo: [...callbackStart, ...menus] },
  anythingElse: { step: anythingElse, leadsTo: [...menus] },
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
