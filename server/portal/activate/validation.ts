import { z } from 'zod'

import { passwordProblem, pinProblem, usernameProblem } from '../../identity/credentialRules'
import { formText } from '../../web/forms'
import { identityFactFields, identityFactsSchema } from '../identityFacts'

// The same rules the identity service applies, checked here too so that every problem on the page is listed at
// once; the service checks again and has the last word.

export const activationFields = [...identityFactFields, 'username', 'password', 'passwordConfirm', 'pin', 'pinConfirm'] as const
export const secretFields = ['password', 'passwordConfirm', 'pin', 'pinConfirm'] as const

const key = (name: string) => `portal:activate.errors.${name}`

export const activationSchema = z
  .object({
    username: formText(z.string().trim().min(1, key('usernameRequired'))),
    password: formText(z.string().min(1, key('passwordRequired'))),
    passwordConfirm: formText(z.string()),
    pin: formText(z.string().trim().min(1, key('pinRequired'))),
    pinConfirm: formText(z.string().trim()),
  })
  .superRefine((form, context) => {
    const problem = (path: string, message: string | null) => {
      if (message) context.addIssue({ code: 'custom', path: [path], message })
    }
    problem('username', usernameProblem(form.username))
    problem('password', passwordProblem(form.password, form.username))
    if (form.passwordConfirm !== form.password) problem('passwordConfirm', key('passwordsDiffer'))
    problem('pin', pinProblem(form.pin))
    if (form.pinConfirm !== form.pin) problem('pinConfirm', key('pinsDiffer'))
  })

/** Facts and chosen credentials together, so that every problem shows on one page. */
export const activationFormSchema = z.unknown().transform((body, context) => {
  const facts = identityFactsSchema.safeParse(body)
  const credentials = activationSchema.safeParse(body)
  for (const issue of [...(facts.error?.issues ?? []), ...(credentials.error?.issues ?? [])]) {
    context.addIssue({ code: 'custom', path: issue.path, message: issue.message })
  }
  if (!facts.success || !credentials.success) return z.NEVER
  return { facts: facts.data, credentials: credentials.data }
})
