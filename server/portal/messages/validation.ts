import { z } from 'zod'

import { callbackTopics } from '../../callbacks/callbackRequest'
import { formText } from '../../web/forms'

// A new message from the web: which case (or none), what about, and the text. The text's own rules (not empty, not
// too long, no control characters) are the messages domain's, so the web and any later channel refuse the same.

export const newMessageFields = ['caseId', 'topic', 'body'] as const

export function newMessageSchema(caseIds: readonly number[]) {
  return z.object({
    caseId: formText(z.string().trim()).transform((value, context) => {
      if (value === 'none') return null
      const id = Number(value)
      if (!caseIds.includes(id)) context.addIssue({ code: 'custom', message: 'messages:errors.caseRequired' })
      return id
    }),
    topic: formText(z.enum(callbackTopics, { error: 'messages:errors.topicUnknown' })),
    body: formText(z.string()),
  })
}
