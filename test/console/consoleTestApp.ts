import request from 'supertest'

import { consolePaths } from '../../server/console/paths'
import { staffCatalog, type StaffDefinition } from '../../server/demo/staffCatalog'
import type { TestApp } from '../helpers/testApp'
import { type Agent, csrfTokenIn, type Language } from '../portal/portalTestApp'

// Console tests drive the real app over the demo data (createPortalTestApp) as a signed-in staff member.

export function staffMember(username: string): StaffDefinition {
  const found = staffCatalog.find((s) => s.username === username)
  if (!found) throw new Error(`no demo staff member ${username}`)
  return found
}

/** The bilingual representative, the English-only one, and the supervisor of the demo data. */
export const bilingualRep = staffMember('rep.garcia')
export const englishRep = staffMember('rep.nguyen')
export const supervisor = staffMember('sup.thompson')

/** A browser-like agent in a language, signed in to the console as the staff member. */
export async function staffAgent(app: TestApp['app'], who: StaffDefinition, language: Language = 'en'): Promise<Agent> {
  const agent = request.agent(app)
  const form = await agent.get(`${consolePaths.signIn}?lng=${language}`).expect(200)
  await agent
    .post(consolePaths.signIn)
    .type('form')
    .send({ _csrf: csrfTokenIn(form.text), username: who.username, password: who.password })
    .expect(303)
    .expect('Location', consolePaths.queue)
  return agent
}

/** Posts a console form the way a browser would: the token from a page the staff member has open. */
export async function postFrom(agent: Agent, pagePath: string, action: string, fields: Record<string, string> = {}) {
  const page = await agent.get(pagePath)
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfTokenIn(page.text), ...fields })
}
