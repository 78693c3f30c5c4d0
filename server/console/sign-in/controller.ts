import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { lockoutMinutes, maxConsecutiveFailures } from '../../identity/lockout'
import { endSession } from '../../middleware/parentSession'
import { sessionStatus, staySignedIn } from '../../middleware/sessionEndpoints'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { formatDateTime } from '../../templates'
import { consolePaths } from '../paths'
import { staffSessionHolder, startStaffSession } from '../staffSession'
import { staffSignInFields, staffSignInSchema } from './validation'

const endedReasons = ['idle', 'limit', 'signedOut'] as const

export function staffSignInController({ services, clock }: AppDependencies) {
  const showForm = (req: Request, res: Response, errors?: FieldErrors) =>
    renderForm(res, 'console/sign-in/sign-in', {
      pageTitle: req.t('console:signIn.title'),
      values: keptValues(req.body, ['password']),
      errors,
      fieldOrder: staffSignInFields,
      lockout: { attempts: maxConsecutiveFailures, minutes: lockoutMinutes },
    })

  return {
    /** /console itself: the queue for anyone signed in, the sign-in page for anyone else. */
    home(req: Request, res: Response) {
      res.redirect(303, req.session?.staffId ? consolePaths.queue : consolePaths.signIn)
    },

    show(req: Request, res: Response) {
      if (req.session?.staffId) return res.redirect(303, consolePaths.queue)
      showForm(req, res)
    },

    async submit(req: Request, res: Response) {
      const form = validateForm(staffSignInSchema, req.body)
      if (!form.ok) return showForm(req, res, form.errors)
      const result = await services.identity.signInStaff(form.data.username, form.data.password)
      if (result.outcome === 'locked') {
        const until = formatDateTime(req.language, result.lockedUntil)
        return showForm(req, res, { username: { key: 'console:signIn.errors.locked', params: { until } } })
      }
      if (result.outcome !== 'signed_in') return showForm(req, res, { username: 'console:signIn.errors.notRecognised' })
      await startStaffSession(req, result, clock.now())
      res.redirect(303, consolePaths.queue)
    },

    async signOut(req: Request, res: Response) {
      await endSession(req)
      res.redirect(303, `${consolePaths.sessionEnded}?reason=signedOut`)
    },

    /** Says a staff session has ended; a GET never ends one (sign-out is the POST above, with its CSRF token). */
    sessionEnded(req: Request, res: Response) {
      if (req.session?.staffId) return res.redirect(303, consolePaths.queue)
      const asked = String(req.query.reason ?? 'signedOut')
      const reason = (endedReasons as readonly string[]).includes(asked) ? asked : 'signedOut'
      res.locals.staff = undefined
      res.render('console/sign-in/signed-out', { pageTitle: req.t(`console:signedOut.${reason}`), reason })
    },

    status: sessionStatus(clock, staffSessionHolder),
    staySignedIn: staySignedIn(clock, staffSessionHolder, { home: consolePaths.queue, signIn: consolePaths.signIn }),
  }
}
