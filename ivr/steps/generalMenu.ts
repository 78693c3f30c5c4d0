import { chosenCase, isSignedIn } from '../callerCase'
import type { Turn } from '../turn'
import { type MenuChoice, menuStep } from './menu'
import { commandsTipOnce, fallBackToPerson } from './navigation'

// General information, for callers who do not sign in and for signed-in callers who ask: office hours and
// address, how to pay, how to apply, what the agency can and cannot do. Star signs in, or goes back to the case.

/** How to pay is for anyone who may pay; a signed-in parent who receives on the case they chose is not offered it. */
async function offersHowToPay(turn: Turn): Promise<boolean> {
  if (!isSignedIn(turn) || turn.flow.caseId === null) return true
  return (await chosenCase(turn)).viewer !== 'receiving'
}

const withCase = (turn: Turn) => isSignedIn(turn) && turn.flow.caseId !== null

export const generalMenu = menuStep({
  step: 'generalMenu',
  intro: (turn) => [turn.t('ivr:generalMenu.intro')],
  // Keys run 1, 2, 3… without a gap, whatever is offered: a menu that skips a number sounds as if one was missed.
  async choices(turn) {
    const choices: Omit<MenuChoice, 'key'>[] = [
      { label: turn.t('ivr:generalMenu.officeHours'), phrases: 'ivr:generalMenu.officeHoursPhrases', choose: (c) => c.tell('officeHours') },
    ]
    if (await offersHowToPay(turn)) {
      choices.push({
        label: turn.t('ivr:generalMenu.howToPay'),
        phrases: 'ivr:generalMenu.howToPayPhrases',
        choose(current) {
          current.flow.backTo = 'generalMenu'
          return current.goTo('paymentOptions')
        },
      })
    }
    choices.push(
      { label: turn.t('ivr:generalMenu.howToApply'), phrases: 'ivr:generalMenu.howToApplyPhrases', choose: (c) => c.tell('howToApply') },
      { label: turn.t('ivr:generalMenu.whatWeDo'), phrases: 'ivr:generalMenu.whatWeDoPhrases', choose: (c) => c.tell('whatWeDo') },
    )
    const keyed: MenuChoice[] = choices.map((choice, index) => ({ ...choice, key: String(index + 1) }))
    // Signing in is also understood by voice ("my case") when star means "back to the case".
    if (!withCase(turn)) {
      keyed.push({ key: '', label: '', phrases: 'ivr:generalMenu.signInPhrases', hidden: true, choose: (c) => c.goTo('identify') })
    }
    return keyed
  },
  back: (turn) =>
    withCase(turn)
      ? { label: turn.t('ivr:generalMenu.backToCase'), go: (c) => c.goTo('mainMenu') }
      : { label: turn.t('ivr:generalMenu.signIn'), go: (c) => c.goTo('identify') },
  outro: commandsTipOnce,
  fallback: fallBackToPerson,
})
