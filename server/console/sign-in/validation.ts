import { z } from 'zod'

import { formText } from '../../web/forms'

export const staffSignInFields = ['username', 'password'] as const

export const staffSignInSchema = z.object({
  username: formText(z.string().trim().min(1, 'console:signIn.errors.usernameRequired').max(100, 'console:signIn.errors.usernameRequired')),
  password: formText(z.string().min(1, 'console:signIn.errors.passwordRequired').max(200, 'console:signIn.errors.passwordRequired')),
})
