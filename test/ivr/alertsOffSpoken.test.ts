import { type Clock, fixedClock } from '../../server/clock'
import { createI18n, translatorFor } from '../../server/i18n'
import { persona, signedIn } from './helpers/callSteps'
import { createPhoneTestApp, officeOpen, type PhoneTestApp } from './helpers/phoneTestApp'

// Issue 14: a signed-in caller who gets no text or email alerts hears, once, that they can turn them on online; a
// caller whose alerts are on hears nothing of it, and where the office sends no alerts at all nobody is told to turn
// them on.

const i18n = createI18n()
const clock: Clock = { now: () => fixedClock(officeOpen).now() }
let phone: PhoneTestApp
let noChannels: PhoneTestApp
beforeAll(async () => {
  // An SMTP relay in the configuration turns email alerts on; nothing is sent in these calls.
  phone = await createPhoneTestApp({ clock, env: { SMTP_URL: 'smtp://127.0.0.1:2599' } })
  noChannels = await createPhoneTestApp({ clock })
})
afterAll(async () => {
  await phone.close()
  await noChannels.close()
})

async function confirmEmail(participantId: number) {
  const now = clock.now().toISOString()
  await phone.database.db
    .insertInto('alert_destinations')
    .values({
      participant_id: participantId, channel: 'email', destination: 'parent@example.com', language: 'en', secret_hash: null,
      secret_expires_at: null, consent_words: 'consent', consent_at: now, confirmed_at: now, updated_at: now,
    })
    .execute()
}

describe.each(['en', 'es'] as const)('in %s', (language) => {
  const t = translatorFor(i18n, language)
  const personaId = language === 'en' ? 'current-payer' : 'spanish-speaker'

  it('tells a caller with no alerts that they can turn them on online, once, and stops once they are on', async () => {
    const call = await signedIn(phone, persona(personaId), language)
    const said = call.everything.split(t('ivr:alerts.off')).length - 1
    expect(said).toBe(1)

    await confirmEmail(await phone.participantIdOf(persona(personaId).phone.parId))
    const again = await signedIn(phone, persona(personaId), language)
    expect(again.everything).not.toContain(t('ivr:alerts.off'))
  })
})

it('says it to a caller who turned every kind of alert off', async () => {
  const who = persona('both-roles')
  const participantId = await phone.participantIdOf(who.phone.parId)
  await confirmEmail(participantId)
  await phone.services.alertSettings.setChoices(participantId, new Set())
  const call = await signedIn(phone, who)
  expect(call.everything).toContain(translatorFor(i18n, 'en')('ivr:alerts.off'))
})

it('says nothing of alerts where the office sends none', async () => {
  const call = await signedIn(noChannels, persona('current-payer'))
  expect(call.everything).not.toContain(translatorFor(i18n, 'en')('ivr:alerts.off'))
})
