import { isSignedIn } from '../callerCase'
import { menuStep, repeatChoice } from './menu'

// General information, for callers who do not sign in and for signed-in callers who ask: office hours and
// address, how to pay, how to apply, what the agency can and cannot do, and a person.

export const generalMenu = menuStep({
  step: 'generalMenu',
  intro: (turn) => [turn.t('ivr:generalMenu.intro')],
  choices: (turn) => [
    { key: '1', label: turn.t('ivr:generalMenu.officeHours'), phrases: 'ivr:generalMenu.officeHoursPhrases', choose: (c) => c.tell('officeHours') },
    {
      key: '2',
      label: turn.t('ivr:generalMenu.howToPay'),
      phrases: 'ivr:generalMenu.howToPayPhrases',
      choose(current) {
        current.flow.backTo = 'generalMenu'
        return current.goTo('paymentOptions')
      },
    },
    { key: '3', label: turn.t('ivr:generalMenu.howToApply'), phrases: 'ivr:generalMenu.howToApplyPhrases', choose: (c) => c.tell('howToApply') },
    { key: '4', label: turn.t('ivr:generalMenu.whatWeDo'), phrases: 'ivr:generalMenu.whatWeDoPhrases', choose: (c) => c.tell('whatWeDo') },
    { key: '0', label: turn.t('ivr:menu.person'), phrases: 'ivr:menu.personPhrases', choose: (c) => c.goTo('person') },
    repeatChoice(turn),
    isSignedIn(turn) && turn.flow.caseId !== null
      ? { key: '*', label: turn.t('ivr:generalMenu.backToCase'), phrases: 'ivr:menu.backPhrases', choose: (c) => c.goTo('mainMenu') }
      : { key: '*', label: turn.t('ivr:generalMenu.signIn'), phrases: 'ivr:generalMenu.signInPhrases', choose: (c) => c.goTo('identify') },
  ],
  fallback: (turn) => turn.goTo('person'),
})
