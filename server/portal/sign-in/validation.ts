import { z } from 'zod'

import { formText } from '../../web/forms'

export const signInFields = ['username', 'password'] as const

export const signInSchema = z.object({
  username: formText(z.string().trim().min(1, 'portal:signIn.errors.usernameRequired').max(100, 'portal:signIn.errors.usernameRequired')),
  password: formText(z.string().min(1, 'portal:signIn.errors.passwordRequired').max(200, 'portal:signIn.errors.passwordRequired')),
})
