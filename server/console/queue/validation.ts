import { z } from 'zod'

import { callbackLanguages, callbackTopics } from '../../callbacks/callbackRequest'
import { formText } from '../../web/forms'
import { workItemKinds, workQueueErrorKeys } from '../../queue/workQueue'

// The queue's filters arrive in the query string; an empty choice means "all". Anything else than the listed
// values (a hand-edited URL) gets a message, never a 500.

export const queueFilterFields = ['kind', 'language', 'topic'] as const

const choice = <T extends readonly [string, ...string[]]>(values: T, messageKey: string) =>
  formText(z.union([z.literal(''), z.enum(values, { message: messageKey })], { message: messageKey }))

export const queueFilterSchema = z.object({
  kind: choice(workItemKinds, workQueueErrorKeys.kindUnknown),
  language: choice(callbackLanguages, workQueueErrorKeys.languageUnknown),
  topic: choice(callbackTopics, workQueueErrorKeys.topicUnknown),
})

export type QueueFilterForm = z.infer<typeof queueFilterSchema>

/** The filters as the service takes them: undefined for "all". */
export function serviceFilters(form: QueueFilterForm): { kind?: string; language?: string; topic?: string } {
  return { kind: form.kind || undefined, language: form.language || undefined, topic: form.topic || undefined }
}
