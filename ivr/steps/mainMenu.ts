import { chosenCase } from '../callerCase'
import { spokenEnding } from '../spokenFormats'
import type { Turn } from '../turn'
import { askForCallback } from './callbackStatus'
import { type MenuChoice, menuStep } from './menu'
import { commandsTipOnce, fallBackToPerson } from './navigation'

// The signed-in caller's first menu for the case they chose: short, with what callers ask most first (the balance
// with the last payment, then the next payment or payout), everything else one key away under "more options". A
// caller may also just say what they want: the choices of "more options" are understood here by voice too.

export async function isReceiving(turn: Turn): Promise<boolean> {
  return (await chosenCase(turn)).viewer === 'receiving'
}

/** How to pay: for a parent who pays on this case only, never offered to one who receives. */
export function howToPayChoice(turn: Turn, key: string): MenuChoice {
  return {
    key,
    label: turn.t('ivr:mainMenu.howToPay'),
    phrases: 'ivr:generalMenu.howToPayPhrases',
    choose(current) {
      current.flow.backTo = current.flow.awaiting
      return current.goTo('paymentOptions')
    },
  }
}

/**
 * The choices of "more options", keyed there and said anywhere in the case menus. Keys run 1, 2, 3… without a gap: a
 * receiving parent, who is not offered how to pay, hears the same order with the numbers closed up, because a menu
 * that skips a number sounds as if the caller missed one.
 */
export async function moreOptionsChoices(turn: Turn): Promise<MenuChoice[]> {
  const receiving = await isReceiving(turn)
  const choices: Omit<MenuChoice, 'key'>[] = [
    {
      label: turn.t(receiving ? 'ivr:mainMenu.recentSent' : 'ivr:mainMenu.recentPaid'),
      phrases: 'ivr:mainMenu.recentPhrases',
      choose: (c) => c.tell('recentPayments'),
    },
    {
      // A receiving parent's case may carry the other parent's license steps; theirs are not "your license".
      label: turn.t(receiving ? 'ivr:mainMenu.nextStepsReceiving' : 'ivr:mainMenu.nextSteps'),
      phrases: 'ivr:mainMenu.nextStepsPhrases',
      choose: (c) => c.tell('nextSteps'),
    },
    ...(receiving ? [] : [howToPayChoice(turn, '')]),
    { label: turn.t('ivr:mainMenu.callback'), phrases: 'ivr:person.callbackPhrases', choose: (c) => askForCallback(c) },
    { label: turn.t('ivr:mainMenu.general'), phrases: 'ivr:mainMenu.generalPhrases', choose: (c) => c.goTo('generalMenu') },
    ...(turn.flow.caseIds.length > 1
      ? [{ label: turn.t('ivr:mainMenu.otherCase'), phrases: 'ivr:mainMenu.otherCasePhrases', choose: (c: Turn) => c.goTo('caseChoice') }]
      : []),
  ]
  return choices.map((choice, index) => ({ ...choice, key: String(index + 1) }))
}

export const mainMenu = menuStep({
  step: 'mainMenu',
  async intro(turn) {
    const summary = await chosenCase(turn)
    return [
      turn.t('ivr:mainMenu.intro', { digits: spokenEnding(summary.caseNumber) }),
      ...(summary.viewer === 'receiving' ? [turn.t('ivr:mainMenu.forReceiving')] : []),
    ]
  },
  async choices(turn) {
    const receiving = await isReceiving(turn)
    const more = await moreOptionsChoices(turn)
    return [
      { key: '1', label: turn.t('ivr:mainMenu.balance'), phrases: 'ivr:mainMenu.balancePhrases', choose: (c) => c.tell('balance') },
      {
        key: '2',
        label: turn.t(receiving ? 'ivr:mainMenu.nextExpected' : 'ivr:mainMenu.nextDue'),
        phrases: 'ivr:mainMenu.nextPhrases',
        choose: (c) => c.tell('nextPayment'),
      },
      { key: '3', label: turn.t('ivr:mainMenu.more'), phrases: 'ivr:mainMenu.morePhrases', choose: (c) => c.goTo('moreOptions') },
      // Said, not keyed: "recent payments", "call me back" work here as they do under "more options".
      ...more.map((choice) => ({ ...choice, key: '', hidden: true })),
    ]
  },
  outro: commandsTipOnce,
  // Star goes back to the choice of cases; with one case there is nothing to go back to, and star says so.
  back: (turn) => (turn.flow.caseIds.length > 1 ? { label: turn.t('ivr:mainMenu.otherCase'), go: (c) => c.goTo('caseChoice') } : null),
  fallback: fallBackToPerson,
})

export const moreOptions = menuStep({
  step: 'moreOptions',
  intro: (turn) => [turn.t('ivr:moreOptions.intro')],
  choices: moreOptionsChoices,
  back: (turn) => ({ label: turn.t('ivr:moreOptions.back'), go: (c) => c.goTo('mainMenu') }),
  fallback: (turn, lead) => turn.goTo('mainMenu', [...lead, turn.t('ivr:fallback.toMainMenu')]),
})
