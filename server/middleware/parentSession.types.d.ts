// What a signed-in parent's session holds, and what the session-limit middleware tells the layout.

declare module 'express-session' {
  interface SessionData {
    participantId?: number
    /** ISO instants from the app's clock. */
    signedInAt?: string
    lastSeenAt?: string
  }
}

declare global {
  namespace Express {
    interface Locals {
      /** True on every page a signed-in parent sees: the layout adds the account links and timeout warning. */
      signedIn?: boolean
      /**
       * Seconds the page's timeout warning counts from, how long before the end it opens, and where its script asks,
       * stays signed in, signs out and goes when time is up (the portal's or the console's own).
       */
      sessionTimeout?: {
        idleSeconds: number
        warningSeconds: number
        statusUrl: string
        endedUrl: string
        stayUrl: string
        signOutUrl: string
      }
    }
  }
}

export {}
