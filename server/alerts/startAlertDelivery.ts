import type { i18n } from 'i18next'
import { parsePhoneNumberFromString } from 'libphonenumber-js'

import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Logger } from '../logger'
import { publicPaths } from '../paths'
import { portalPaths } from '../portal/paths'
import type { Services } from '../services'
import { createAlertDelivery } from './alertDelivery'
import { textWebhookPaths } from './paths'

// The delivery worker as the server runs it: the configured adapters, the links every alert ends with, a round
// every few seconds; and beside it the scheduler that raises the time-based alerts, a scan every few minutes. With no
// channel configured neither does anything at all.

export function startAlertDelivery(deps: { config: Config; services: Services; clock: Clock; i18n: i18n; logger: Logger }) {
  const { config } = deps
  const adapters = deps.services.alertAdapters
  const mainNumber = config.agencyDirectory.phoneNumbers.main
  const delivery = createAlertDelivery({
    outbox: deps.services.alertOutbox,
    clock: deps.clock,
    i18n: deps.i18n,
    logger: deps.logger,
    texts: adapters.texts,
    emails: adapters.emails,
    links: {
      signIn: config.publicBaseUrl + publicPaths.signIn,
      settings: config.publicBaseUrl + portalPaths.details,
      alertSettings: config.publicBaseUrl + portalPaths.alerts,
      requestCallback: config.publicBaseUrl + portalPaths.requestCallback,
      agencyPhone: parsePhoneNumberFromString(mainNumber, 'US')?.formatNational() ?? mainNumber,
    },
    textStatusCallback: config.publicBaseUrl + textWebhookPaths.status,
    settings: { dailyCap: config.alerts.dailyCap },
  })
  delivery.start(config.alerts.deliveryIntervalMs)
  const scheduler = deps.services.alertScheduler
  scheduler.start(config.alerts.scanIntervalMs, deps.logger)
  return {
    async stop() {
      await Promise.all([delivery.stop(), scheduler.stop()])
      adapters.emails?.close()
    },
  }
}
