import { z } from 'zod'

import { passwordProblem, pinProblem } from '../../identity/credentialRules'
import { formText } from '../../web/forms'
import { identityFactFields, identityFactsSchema } from '../identityFacts'

// A forgotten password or PIN: the same identity facts as activation, then a new password, a new PIN, or both.

export const resetFields = [...identityFactFields, 'password', 'passwordConfirm', 'pin', 'pinConfirm'] as const
export const secretFields = ['password', 'passwordConfirm', 'pin', 'pinConfirm'] as const

const key = (name: string) => `portal:reset.errors.${name}`

const newCredentialsSchema = z
  .object({
    password: formText(z.string()),
    passwordConfirm: formText(z.string()),
    pin: formText(z.string().trim()),
    pinConfirm: formText(z.string().trim()),
  })
  .superRefine((form, context) => {
    const problem = (path: string, message: string | null) => {
      if (message) context.addIssue({ code: 'custom', path: [path], message })
    }
    if (!form.password && !form.pin) return problem('password', key('nothingChosen'))
    if (form.password) {
      problem('password', passwordProblem(form.password))
      if (form.passwordConfirm !== form.password) problem('passwordConfirm', key('passwordsDiffer'))
    }
    if (form.pin) {
      problem('pin', pinProblem(form.pin))
      if (form.pinConfirm !== form.pin) problem('pinConfirm', key('pinsDiffer'))
    }
  })

export const resetFormSchema = z.unknown().transform((body, context) => {
  const facts = identityFactsSchema.safeParse(body)
  const chosen = newCredentialsSchema.safeParse(body)
  for (const issue of [...(facts.error?.issues ?? []), ...(chosen.error?.issues ?? [])]) {
    context.addIssue({ code: 'custom', path: issue.path, message: issue.message })
  }
  if (!facts.success || !chosen.success) return z.NEVER
  return {
    facts: facts.data,
    credentials: { password: chosen.data.password || undefined, pin: chosen.data.pin || undefined },
  }
})
