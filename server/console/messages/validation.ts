import { z } from 'zod'

import { formText } from '../../web/forms'

// The representative's reply: the body is checked by the messages domain (the same rules as a parent's message);
// this only asks whether the reply closes the message or keeps it open.

export const replyFields = ['body', 'close'] as const

export const replyChoiceSchema = z.object({
  close: formText(z.enum(['yes', 'no'], { message: 'console:message.errors.closeRequired' })),
})
