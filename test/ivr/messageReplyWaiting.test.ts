import { type Clock, fixedClock } from '../../server/clock'
import { createI18n, translatorFor } from '../../server/i18n'
import { callIn, persona, signedIn } from './helpers/callSteps'
import { createPhoneTestApp, officeOpen, type PhoneTestApp } from './helpers/phoneTestApp'

// A signed-in caller with an unread reply to a web message hears that it waits, once, right after signing in; the
// reply itself is never read aloud, and a caller who has read it (or never wrote) hears nothing of it.

const i18n = createI18n()
const clock: Clock = { now: () => fixedClock(officeOpen).now() }
let phone: PhoneTestApp
beforeAll(async () => {
  phone = await createPhoneTestApp({ clock })
})
afterAll(() => phone.close())

const secretReply = 'Your hearing moved to room 12B'

async function replyWaitingFor(personaId: string, language: 'en' | 'es') {
  const participantId = await phone.participantIdOf(persona(personaId).phone.parId)
  const thread = await phone.services.messages.startThread({ participantId, caseId: null, topic: 'court', body: 'Where is my hearing?', language })
  const staff = await phone.database.db.selectFrom('staff').select('id').where('username', '=', 'rep.garcia').executeTakeFirstOrThrow()
  await phone.services.messages.claim(thread.id, staff.id)
  await phone.services.messages.replyAsStaff({ threadId: thread.id, staffId: staff.id, body: secretReply, close: true })
  return { participantId, thread }
}

describe.each(['en', 'es'] as const)('in %s', (language) => {
  const t = translatorFor(i18n, language)
  const personaId = language === 'en' ? 'current-payer' : 'spanish-speaker'

  it('says a reply is waiting after sign-in, never what it says, and stops once it is read', async () => {
    const { participantId, thread } = await replyWaitingFor(personaId, language)
    const call = await signedIn(phone, persona(personaId), language)
    expect(call.everything).toContain(t('ivr:messages.replyWaiting'))
    expect(call.everything).not.toContain(secretReply)

    await phone.services.messages.threadForParent(participantId, thread.id)
    const again = await signedIn(phone, persona(personaId), language)
    expect(again.everything).not.toContain(t('ivr:messages.replyWaiting'))
  })
})

it('says nothing of messages to a caller who has none, or before sign-in', async () => {
  const call = await callIn(phone, 'en', persona('both-roles').phone.callerId)
  expect(call.text).not.toContain(translatorFor(i18n, 'en')('ivr:messages.replyWaiting'))
  const signed = await signedIn(phone, persona('both-roles'))
  expect(signed.everything).not.toContain(translatorFor(i18n, 'en')('ivr:messages.replyWaiting'))
})
