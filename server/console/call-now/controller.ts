import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { groupedConfirmationCode } from '../../callbacks/confirmationCode'
import { NotFoundError } from '../../errors'
import { callbackIdOf } from '../../routeParams'
import { setNotice } from '../notices'
import { consolePathTo } from '../paths'
import { staffPrincipalOf } from '../staffSession'

// The request page's "Call now" button: ring the representative's phone, then say on the request page what
// happened. Every outcome but a request that does not exist goes back to that page with a notice.

export function callNowController({ services }: AppDependencies) {
  return {
    async placeCall(req: Request, res: Response) {
      const callbackId = callbackIdOf(req)
      const { staffId } = staffPrincipalOf(req)
      const result = await services.callNow.placeCallNow(callbackId, staffId)
      if (result.ok) {
        setNotice(req, { key: result.messageKey, params: { code: groupedConfirmationCode(result.confirmationCode) }, kind: 'success' })
      } else {
        if (result.reason === 'not_found') throw new NotFoundError()
        // Status and provider code only: enough to tell a Twilio outage from a bad number, and nothing secret.
        if (result.failure) req.log.warn({ callbackId, ...result.failure }, 'call now: the call could not be placed')
        setNotice(req, { key: result.messageKey, kind: 'warning' })
      }
      res.redirect(303, consolePathTo('callback', { callbackId }))
    },
  }
}
