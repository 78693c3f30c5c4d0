import type { DemoPersona } from '../../../server/demo/personas'
import { demoPersonas } from '../../../server/demo/personas'
import type { PhoneTestApp } from './phoneTestApp'
import { SimulatedCall } from './simulatedCall'

// Shortcuts for the start of a call, so each test reads from the point it is about.

export function persona(id: string): DemoPersona {
  const found = demoPersonas().find((p) => p.id === id)
  if (!found) throw new Error(`no demo persona ${id}`)
  return found
}

export async function callIn(phone: PhoneTestApp, language: 'en' | 'es', from: string | null = '+19165550199') {
  const call = new SimulatedCall(phone.app, phone.config, from)
  await call.dial()
  await call.press(language === 'es' ? '2' : '1')
  return call
}

/**
 * Signed in and, for a parent with several cases, the first case chosen: the main menu is waiting. Called from the
 * parent's own number, the line recognises them and asks for the PIN only.
 */
export async function signedIn(phone: PhoneTestApp, who: DemoPersona, language: 'en' | 'es' = 'en') {
  const call = await callIn(phone, language, who.phone.callerId)
  expect(call.last.gather?.action).toBe('/ivr/step/pin')
  await call.press(who.phone.pin)
  if (call.last.gather?.action === '/ivr/step/caseChoice') await call.press('1')
  expect(call.last.gather?.action).toBe('/ivr/step/mainMenu')
  return call
}

/**
 * The key the menu just read out for a choice ("To ask for a callback, press 4."): menus number their choices without
 * gaps, so a key depends on what the caller is offered (a receiving parent is not offered how to pay).
 */
export function keyReadFor(call: SimulatedCall, choiceLabel: string): string {
  const line = call.last.lines.map((l) => l.text).find((text) => text.startsWith(`${choiceLabel}, `))
  const key = line ? /(\d)\.$/.exec(line)?.[1] : undefined
  if (!key) throw new Error(`the menu did not offer "${choiceLabel}": ${call.last.lines.map((l) => l.text).join(' ')}`)
  return key
}
