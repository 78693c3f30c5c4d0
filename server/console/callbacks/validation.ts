import { z } from 'zod'

import { attemptOutcomes } from '../../callbacks/callbackRecord'
import { formText } from '../../web/forms'

export const attemptFields = ['outcome', 'note'] as const

/** The same limits the callback service enforces; checked here first so the form can say so beside the field. */
export const attemptSchema = z.object({
  outcome: formText(z.enum(attemptOutcomes, { message: 'callbacks:errors.outcomeUnknown' })),
  note: formText(z.string().trim().max(2000, 'callbacks:errors.noteTooLong')),
})
