import type { TFunction } from 'i18next'

import type { Language } from '../../i18n'

// What our middleware adds to every request and response; only middleware writes these.
declare global {
  namespace Express {
    interface Request {
      language: Language
      t: TFunction
    }
    interface Locals {
      cspNonce: string
      language: Language
      otherLanguage: Language
      otherLanguageUrl: string
      currentPath: string
      t: TFunction
      csrfToken?: () => string
    }
  }
}

export {}
