import { z } from 'zod'

import { callbackLanguages, callbackTopics, checkCallbackDetails, checkUsPhone } from '../../callbacks/callbackRequest'
import { callbackWindows } from '../../callbacks/serviceLevel'
import { formText } from '../../web/forms'

// A callback request from the web: which case (or none), what about, which number, when, and in which language.
// The phone number is checked by the callbacks domain's own rule (libphonenumber-js, US numbers only), so the web
// form and the phone line accept exactly the same numbers.

export const callbackFields = ['caseId', 'topic', 'details', 'phone', 'window', 'language'] as const

const key = (name: string) => `portal:callbacks.errors.${name}`

export function callbackRequestSchema(caseIds: readonly number[]) {
  return z.object({
    caseId: formText(z.string().trim()).transform((value, context) => {
      if (value === 'none') return null
      const id = Number(value)
      if (!caseIds.includes(id)) context.addIssue({ code: 'custom', message: key('caseRequired') })
      return id
    }),
    topic: formText(z.enum(callbackTopics, { error: 'callbacks:errors.topicUnknown' })),
    // Optional; checked by the domain's own rule, so the web and any other channel bound it the same way.
    details: formText(z.string()).transform((typed, context) => {
      const check = checkCallbackDetails(typed)
      if (!check.ok) {
        context.addIssue({ code: 'custom', message: check.messageKey, params: check.params })
        return null
      }
      return check.details
    }),
    phone: formText(z.string().trim()).transform((typed, context) => {
      const check = checkUsPhone(typed)
      if (!check.ok) {
        context.addIssue({ code: 'custom', message: check.messageKey })
        return ''
      }
      return check.e164
    }),
    window: formText(z.enum(callbackWindows, { error: 'callbacks:errors.windowUnknown' })),
    language: formText(z.enum(callbackLanguages, { error: 'callbacks:errors.languageUnknown' })),
  })
}

/** The domain names its fields its own way; these are the form's. */
export const serviceFieldToFormField: Record<string, (typeof callbackFields)[number]> = {
  caseId: 'caseId',
  participantId: 'caseId',
  principal: 'caseId',
  topic: 'topic',
  details: 'details',
  phone: 'phone',
  preferredWindow: 'window',
  language: 'language',
}
