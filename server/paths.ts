// Public paths of the web portal, named once. Journeys add their own `paths.ts` beside their routes.
export const publicPaths = {
  home: '/',
  signIn: '/sign-in',
  howToPay: '/how-to-pay',
  officeHours: '/contact',
} as const
