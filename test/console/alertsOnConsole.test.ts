import { enqueueAlert } from '../../server/alerts/alertOutbox'
import { consolePaths, consolePathTo } from '../../server/console/paths'
import { htmlErrors } from '../browser/browserHarness'
import { createPortalTestApp, escaped, type Language, participantIdOf, persona, type PortalTestApp, text, withStatus } from '../portal/portalTestApp'
import { bilingualRep, staffAgent, supervisor } from './consoleTestApp'

// Issue 14, staff: the request page lists what was sent to the parent lately (what it was about, by which channel,
// what became of it, when), never its words or where it went; the supervisor sees, for a period, how many alerts were
// sent, delivered, not delivered and stopped. Both languages.

let testApp: PortalTestApp
let callbackId: number
const who = persona('current-payer')

beforeAll(async () => {
  testApp = await createPortalTestApp({ start: '2026-03-11T19:00:00Z' })
  const participantId = await participantIdOf(testApp, who)
  const db = testApp.database.db
  const alert = async (kind: 'payment_posted' | 'payment_due_soon' | 'caseworker_reply', channel: 'text' | 'email', at: string, key: string) =>
    enqueueAlert(db, { participantId, channel, kind, language: 'en', destination: channel === 'text' ? '+19165550177' : 'private.address@example.com', details: { caseEnding: '0417' }, dedupeKey: key }, new Date(at))
  await alert('payment_posted', 'text', '2026-03-09T18:00:00Z', 'k1')
  await alert('payment_posted', 'email', '2026-03-09T18:00:01Z', 'k2')
  await alert('payment_due_soon', 'text', '2026-03-10T18:00:00Z', 'k3')
  await alert('payment_due_soon', 'email', '2026-03-10T18:00:01Z', 'k4')
  await alert('caseworker_reply', 'text', '2026-03-11T18:00:00Z', 'k5')
  await alert('caseworker_reply', 'text', '2026-01-05T18:00:00Z', 'outside')
  const set = (key: string, values: Record<string, string | null>) => db.updateTable('alert_outbox').set(values).where('dedupe_key', '=', key).execute()
  await set('k1', { status: 'sent', sent_at: '2026-03-09T18:00:05Z', delivery_status: 'delivered' })
  await set('k2', { status: 'sent', sent_at: '2026-03-09T18:00:06Z' })
  await set('k3', { status: 'sent', sent_at: '2026-03-10T18:00:05Z', delivery_status: 'undelivered' })
  await set('k4', { status: 'failed', last_error: 'refused' })
  await set('outside', { status: 'stopped' })
  await set('k5', { status: 'stopped' })
  const caseId = (await db.selectFrom('case_roles').select('case_id').where('participant_id', '=', participantId).executeTakeFirstOrThrow()).case_id
  const stamp = '2026-03-11T18:30:00.000Z'
  callbackId = (await db.insertInto('callbacks').values({
    confirmation_code: 'ACD347', case_id: caseId, participant_id: participantId, phone: '+19165550101', language: 'en', topic: 'payments',
    preferred_window: 'asap', channel: 'web', call_sid: null, phone_context: null, details: null, due_by: '2026-03-16T23:00:00.000Z',
    status: 'open', claimed_by: null, claimed_at: null, next_attempt_after: null, created_at: stamp, updated_at: stamp, closed_at: null,
  }).returning('id').executeTakeFirstOrThrow()).id
})
afterAll(() => testApp.close())

describe.each<Language>(['en', 'es'])('in %s', (language) => {
  it('the request page lists the alerts sent to the parent, newest first, without their words or destinations', async () => {
    const agent = await staffAgent(testApp.app, bilingualRep, language)
    const html = withStatus(await agent.get(`${consolePathTo('callback', { callbackId })}?lng=${language}`), 200).text
    const section = html.slice(html.indexOf('id="alerts-sent-heading"'))
    expect(section).toContain(escaped(text(language, 'console:alertsSent.heading')))
    const rows = [...section.matchAll(/<tr>\s*<th scope="row"[^>]*>[^<]*<\/th>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/g)].map((m) => [m[1], m[2], m[3]])
    const label = (group: string, key: string) => escaped(text(language, `console:alertsSent.${group}.${key}`))
    expect(rows.slice(0, 6)).toEqual([
      [label('kinds', 'caseworker_reply'), label('channels', 'text'), label('outcomes', 'stopped')],
      [label('kinds', 'payment_due_soon'), label('channels', 'email'), label('outcomes', 'failed')],
      [label('kinds', 'payment_due_soon'), label('channels', 'text'), label('outcomes', 'failed')],
      [label('kinds', 'payment_posted'), label('channels', 'email'), label('outcomes', 'sent')],
      [label('kinds', 'payment_posted'), label('channels', 'text'), label('outcomes', 'delivered')],
      [label('kinds', 'caseworker_reply'), label('channels', 'text'), label('outcomes', 'stopped')],
    ])
    expect(html).not.toContain('private.address@example.com')
    expect(html).not.toContain('+19165550177')
    expect(html).not.toContain('0417 ')
    expect(await htmlErrors(html)).toEqual([])
  })

  it('the supervisor sees the period’s alerts by channel: sent, delivered, not delivered, stopped, waiting', async () => {
    const agent = await staffAgent(testApp.app, supervisor, language)
    const html = withStatus(await agent.get(`${consolePaths.dashboard}?from=2026-03-01&to=2026-03-11&lng=${language}`), 200).text
    const section = html.slice(html.indexOf('id="alert-delivery-heading"'))
    expect(section).toContain(escaped(text(language, 'supervisor:alerts.heading')))
    const row = (channel: 'text' | 'email') => {
      const match = new RegExp(`<th scope="row"[^>]*>${escaped(text(language, `supervisor:alerts.channels.${channel}`))}</th>((?:\\s*<td[^>]*>[^<]*</td>)+)`).exec(section)
      return [...(match?.[1] ?? '').matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1])
    }
    // raised, sent, delivered, not delivered, stopped, waiting; the January alert is outside the period.
    expect(row('text')).toEqual(['3', '2', '1', '1', '1', '0'])
    expect(row('email')).toEqual(['2', '1', '0', '1', '0', '0'])
    expect(await htmlErrors(html)).toEqual([])
  })
})
