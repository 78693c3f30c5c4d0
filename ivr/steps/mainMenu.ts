import { chosenCase } from '../callerCase'
import { spokenEnding } from '../spokenFormats'
import type { Turn } from '../turn'
import { askForCallback } from './callbackStatus'
import { type MenuChoice, menuStep, repeatChoice } from './menu'

// The signed-in caller's menu for the case they chose. A receiving parent hears about money sent to them, a paying
// parent about payments they make; the keys stay the same so instructions on letters and the web hold for both.

function receiving(turn: Turn, summaryViewer: string) {
  return summaryViewer === 'receiving' ? turn.t('ivr:mainMenu.forReceiving') : ''
}

export const mainMenu = menuStep({
  step: 'mainMenu',
  async intro(turn) {
    const summary = await chosenCase(turn)
    return [turn.t('ivr:mainMenu.intro', { digits: spokenEnding(summary.caseNumber) }), receiving(turn, summary.viewer)]
  },
  async choices(turn) {
    const summary = await chosenCase(turn)
    const isReceiving = summary.viewer === 'receiving'
    const choices: MenuChoice[] = [
      { key: '1', label: turn.t('ivr:mainMenu.balance'), phrases: 'ivr:mainMenu.balancePhrases', choose: (c) => c.tell('balance') },
      {
        key: '2',
        label: turn.t(isReceiving ? 'ivr:mainMenu.recentSent' : 'ivr:mainMenu.recentPaid'),
        phrases: 'ivr:mainMenu.recentPhrases',
        choose: (c) => c.tell('recentPayments'),
      },
      {
        key: '3',
        label: turn.t(isReceiving ? 'ivr:mainMenu.nextExpected' : 'ivr:mainMenu.nextDue'),
        phrases: 'ivr:mainMenu.nextPhrases',
        choose: (c) => c.tell('nextPayment'),
      },
      { key: '4', label: turn.t('ivr:mainMenu.nextSteps'), phrases: 'ivr:mainMenu.nextStepsPhrases', choose: (c) => c.tell('nextSteps') },
      {
        key: '5',
        label: turn.t('ivr:mainMenu.howToPay'),
        phrases: 'ivr:generalMenu.howToPayPhrases',
        choose(current) {
          current.flow.backTo = 'mainMenu'
          return current.goTo('paymentOptions')
        },
      },
      { key: '6', label: turn.t('ivr:mainMenu.callback'), phrases: 'ivr:person.callbackPhrases', choose: (c) => askForCallback(c) },
      { key: '7', label: turn.t('ivr:menu.person'), phrases: 'ivr:menu.personPhrases', choose: (c) => c.goTo('person') },
      { key: '8', label: turn.t('ivr:mainMenu.general'), phrases: 'ivr:mainMenu.generalPhrases', choose: (c) => c.goTo('generalMenu') },
      repeatChoice(turn),
    ]
    // "Go back" leads to the choice of cases; with one case there is nothing to go back to.
    if (turn.flow.caseIds.length > 1) {
      choices.push({ key: '*', label: turn.t('ivr:mainMenu.otherCase'), phrases: 'ivr:menu.backPhrases', choose: (c) => c.goTo('caseChoice') })
    }
    // The operator key callers try by habit: not read out, as 7 is.
    choices.push({ key: '0', label: '', hidden: true, choose: (c) => c.goTo('person') })
    return choices
  },
  fallback: (turn) => turn.goTo('person'),
})
