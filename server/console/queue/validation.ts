import { z } from 'zod'

import { callbackLanguages, callbackTopics } from '../../callbacks/callbackRequest'
import { formText } from '../../portal/forms'

// The queue's filters arrive in the query string; an empty choice means "all". Anything else than the listed
// values (a hand-edited URL) gets a message, never a 500.

export const queueFilterFields = ['language', 'topic'] as const

const choice = <T extends readonly [string, ...string[]]>(values: T, messageKey: string) =>
  formText(z.union([z.literal(''), z.enum(values, { message: messageKey })], { message: messageKey }))

export const queueFilterSchema = z.object({
  language: choice(callbackLanguages, 'callbacks:errors.languageUnknown'),
  topic: choice(callbackTopics, 'callbacks:errors.topicUnknown'),
})

export type QueueFilterForm = z.infer<typeof queueFilterSchema>

/** The filters as the service takes them: undefined for "all". */
export function serviceFilters(form: QueueFilterForm): { language?: string; topic?: string } {
  return { language: form.language || undefined, topic: form.topic || undefined }
}
