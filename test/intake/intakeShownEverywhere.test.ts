import request from 'supertest'

import { spokenMoney } from '../../ivr/spokenFormats'
import { createI18n, translatorFor } from '../../server/i18n'
import { formatMoney } from '../../server/templates'
import { SimulatedCall } from '../ivr/helpers/simulatedCall'
import { createPortalTestApp, escaped, persona, type PortalTestApp, signedInAgent, withStatus } from '../portal/portalTestApp'

// Issue 14: what the case system sends is what every page and call shows from then on. Derek (a demo persona) has a
// suspended driver's license and a child support order of $520 a month; the case system reports the license released
// a payment and a new order from next month, through the intake API, and his case page and the phone line both say so.

const token = 'intake-shown-test-token-0123456789abcdef'
const t = translatorFor(createI18n(), 'en')
let testApp: PortalTestApp
const derek = persona('suspended-license')
const caseNumber = '340010097733'

beforeAll(async () => {
  testApp = await createPortalTestApp({ env: { INTAKE_TOKENS: `casesystem=${token}` } })
})
afterAll(() => testApp.close())

async function casePage(): Promise<string> {
  const caseId = (await testApp.database.db.selectFrom('cases').select('id').where('case_number', '=', caseNumber).executeTakeFirstOrThrow()).id
  const agent = await signedInAgent(testApp.app, derek)
  return withStatus(await agent.get(`/account/cases/${caseId}`), 200).text
}

/** What the phone line says for a choice of the main menu, after Derek's PIN. */
async function phoneAnswer(choice: 'ivr:mainMenu.nextSteps' | 'ivr:mainMenu.nextDue'): Promise<string> {
  const call = new SimulatedCall(testApp.app, testApp.config, derek.phone.callerId)
  await call.dial()
  await call.press('1')
  await call.press(derek.phone.pin)
  if (call.last.gather?.action === '/ivr/step/caseChoice') await call.press('1')
  // Next steps wait behind "more options" on a parent's menu.
  if (choice === 'ivr:mainMenu.nextSteps') await call.press(keyFor(call, 'ivr:mainMenu.more'))
  await call.press(keyFor(call, choice))
  return call.text
}

/** The key the menu just read out for a choice ("For your next payment due, press 2."). */
function keyFor(call: SimulatedCall, choice: string): string {
  const label = t(choice)
  const line = call.last.lines.map((l) => l.text).find((text) => text.startsWith(`${label}, `))
  const key = line ? /(\d)\.$/.exec(line)?.[1] : undefined
  if (!key) throw new Error(`the menu did not offer "${label}": ${call.text}`)
  return key
}

const licenseBack = t('ivr:spoken.nextSteps.licenseSuspended', { pastDue: '@' }).split('@')[0]!

it('an enforcement change and an order taken by intake show on the case page and in the phone line’s answers', async () => {
  const before = await casePage()
  expect(before).toContain(escaped(t('cases:licenseStatus.suspended')))
  expect(before).not.toContain(formatMoney('en', 61_700))
  expect(await phoneAnswer('ivr:mainMenu.nextSteps')).toContain(licenseBack)
  expect(await phoneAnswer('ivr:mainMenu.nextDue')).not.toContain(spokenMoney(61_700, 'en', t))

  const response = await request(testApp.app)
    .post('/intake/v1/documents')
    .set('Authorization', `Bearer ${token}`)
    .send({
      documents: [
        { type: 'enforcement', id: 'ENF-97733-DL-REL', caseNumber, parId: derek.phone.parId, kind: 'drivers_license', status: 'released', changedOn: '2026-03-10' },
        { type: 'order', id: 'ORD-97733-2026-04', caseNumber, kind: 'child', monthlyCents: 61_700, effectiveFrom: '2026-04-01', courtCaseNumber: '22FL04417' },
        // March paid, so the next payment the line speaks of is April's: the installment the case system charges
        // under the new order (the next payment is read from installments recorded, as for the demo data).
        { type: 'payment', id: 'PMT-97733-2026-03-11', caseNumber, postedOn: '2026-03-11', amountCents: 52_000, method: 'sdu_online' },
        { type: 'charge', id: 'CHG-97733-2026-04', caseNumber, dueOn: '2026-04-01', orderKind: 'child', amountCents: 61_700, owedTo: 'family' },
      ],
    })
  expect(response.body).toMatchObject({ taken: 4, refused: 0 })

  const after = await casePage()
  expect(after).not.toContain(escaped(t('cases:licenseStatus.suspended')))
  expect(after).toContain(escaped(t('cases:licenseStatus.released')))
  expect(after).toContain(formatMoney('en', 61_700))
  expect(await phoneAnswer('ivr:mainMenu.nextSteps')).not.toContain(licenseBack)
  expect(await phoneAnswer('ivr:mainMenu.nextDue')).toContain(spokenMoney(61_700, 'en', t))
})
