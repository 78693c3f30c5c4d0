import request from 'supertest'

import { portalPaths } from '../../server/portal/paths'
import { createPortalTestApp, persona, type PortalTestApp, signedInAgent, submitForm } from '../portal/portalTestApp'

// A password (or PIN) reset ends every other session of that parent: sessions record their principal, and the reset
// deletes that parent's rows, except the session that made the change.

describe('a reset ends the parent\'s other sessions', () => {
  let testApp: PortalTestApp
  beforeAll(async () => {
    testApp = await createPortalTestApp()
  })
  afterAll(() => testApp.close())

  const who = persona('protected-parent')
  const facts = who.activation as { caseNumber: string; ssnLastFour: string; dateOfBirth: string }
  const [year, month, day] = facts.dateOfBirth.split('-')
  const resetForm = (password: string) => ({
    identifier: who.phone.parId, ssnLast4: facts.ssnLastFour,
    dateOfBirthYear: year!, dateOfBirthMonth: String(Number(month)), dateOfBirthDay: String(Number(day)),
    password, passwordConfirm: password,
  })

  const sessionsOf = async (participantId: number) =>
    testApp.database.db.selectFrom('sessions').select('sid').where('principal', '=', `parent:${participantId}`).execute()

  it('signs out the phone and the laptop; the browser that reset keeps its session; another parent is untouched', async () => {
    const laptop = await signedInAgent(testApp.app, who)
    const phone = await signedInAgent(testApp.app, who)
    const resetter = await signedInAgent(testApp.app, who)
    const bystander = await signedInAgent(testApp.app, persona('current-payer'))
    const { id } = await testApp.database.db.selectFrom('participants').select('id').where('par_id', '=', who.phone.parId).executeTakeFirstOrThrow()
    expect(await sessionsOf(id)).toHaveLength(3)

    const reset = await submitForm(resetter, portalPaths.reset, resetForm('Brand-New-Harbor-4417'))
    expect(reset.status).toBe(303)

    for (const agent of [laptop, phone]) {
      const page = await agent.get(portalPaths.dashboard)
      expect(page.status).toBe(303)
      expect(page.headers.location).toContain(portalPaths.signIn)
    }
    await resetter.get(portalPaths.dashboard).expect(200)
    await bystander.get(portalPaths.dashboard).expect(200)
    expect(await sessionsOf(id)).toHaveLength(1)

    // From a signed-out browser (the usual "forgot my password"), every session of hers ends.
    const fresh = request.agent(testApp.app)
    expect((await submitForm(fresh, portalPaths.reset, resetForm('Another-New-Harbor-5528'))).status).toBe(303)
    expect(await sessionsOf(id)).toHaveLength(0)
    await resetter.get(portalPaths.dashboard).expect(303)
  })
})
