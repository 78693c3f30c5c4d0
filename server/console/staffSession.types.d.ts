// What a signed-in staff member's session holds. A session belongs to a parent or to a staff member, never both:
// each sign-in starts a fresh session (staffSession.ts, parentSession.ts).

declare module 'express-session' {
  interface SessionData {
    staffId?: number
    staffRole?: 'rep' | 'supervisor'
    staffName?: string
    /** The languages the representative speaks, for the queue's default filter. */
    staffLanguages?: string[]
    /** A one-time message for the next console page ("You took request K7M 4PQ"). */
    consoleNotice?: {
      key: string
      /** An instant to show in the reader's language and the agency's time zone is `{ dateTime: iso }`. */
      params?: Record<string, string | number | { dateTime: string }>
      kind: 'success' | 'info' | 'warning'
    }
  }
}

declare global {
  namespace Express {
    interface Locals {
      /** The signed-in staff member, on every console page behind sign-in. */
      staff?: { staffId: number; role: 'rep' | 'supervisor'; name: string; supervisor: boolean }
      /** The console's one-time message, translated, for the layout. */
      consoleNotice?: { text: string; kind: 'success' | 'info' | 'warning' }
    }
  }
}

export {}
