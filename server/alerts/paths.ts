// Twilio's webhooks for texts: what a parent texts back, and what became of each text we sent. Mounted before
// sessions and CSRF, like the phone line's: Twilio's signature proves where a request came from.
export const textWebhookPaths = {
  mount: '/texts',
  inbound: '/texts/inbound',
  status: '/texts/status',
} as const
