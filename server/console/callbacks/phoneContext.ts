import type { TFunction } from 'i18next'

import type { JsonObject } from '../../callbacks/callbackRequest'

// What the phone line stored with a request it took (ivr/steps/callbackTopic.ts): the steps the caller went
// through, the answers they heard, and whether they proved who they are. Worded for the representative, so they
// do not ask the caller again what the line already told them.

export interface PhoneContextView {
  identified: boolean
  /** Menus and answers in the order the caller reached them. */
  steps: string[]
  heard: string[]
}

const names = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

export function phoneContextView(t: TFunction, context: JsonObject | null): PhoneContextView | null {
  if (!context) return null
  // A name a later version of the phone line adds is shown as it is rather than dropped.
  const word = (name: string) => t(`console:phoneContext.names.${name}`, { defaultValue: name })
  return {
    identified: context.identified === true,
    steps: names(context.path).map(word),
    heard: names(context.heard).map(word),
  }
}
