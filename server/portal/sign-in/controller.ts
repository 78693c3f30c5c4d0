import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { isLanguage } from '../../i18n'
import { lockoutMinutes, maxConsecutiveFailures } from '../../identity/lockout'
import { endSession, parentSessionHolder, startParentSession } from '../../middleware/parentSession'
import { sessionStatus, staySignedIn } from '../../middleware/sessionEndpoints'
import { languageCookie } from '../../middleware/setUpLanguage'
import { formatDateTime } from '../../templates'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { portalPaths } from '../paths'
import { signInFields, signInSchema } from './validation'

const view = 'sign-in/sign-in'
const endedReasons = ['idle', 'limit', 'signedOut'] as const

export function signInController({ services, clock, config }: AppDependencies) {
  const showForm = (req: Request, res: Response, errors?: FieldErrors, notRecognised = false) =>
    renderForm(res, view, {
      pageTitle: req.t('portal:signIn.title'),
      values: keptValues(req.body, ['password']),
      errors,
      fieldOrder: signInFields,
      lockout: { attempts: maxConsecutiveFailures, minutes: lockoutMinutes },
      notRecognised,
    })

  return {
    show(req: Request, res: Response) {
      if (req.session?.participantId) return res.redirect(303, portalPaths.dashboard)
      showForm(req, res)
    },

    async submit(req: Request, res: Response) {
      const form = validateForm(signInSchema, req.body)
      if (!form.ok) return showForm(req, res, form.errors)
      const result = await services.identity.signInWithPassword(form.data.username, form.data.password)
      // Every refused username and password gets the same page, the hint to create an account included, whether or
      // not an account exists: the hint helps a parent who has not activated yet and tells nobody anything.
      if (result.outcome === 'invalid') return showForm(req, res, { username: 'portal:signIn.errors.notRecognised' }, true)
      if (result.outcome === 'locked') {
        const until = formatDateTime(req.language, result.lockedUntil)
        return showForm(req, res, { username: { key: 'portal:signIn.errors.locked', params: { until } } })
      }
      await startParentSession(req, result.participantId, clock.now())
      // A language the parent chose on this device wins; otherwise the one on their account.
      const chosen = (req.cookies as Record<string, string> | undefined)?.[languageCookie]
      if (!isLanguage(chosen) && result.language !== req.language) {
        res.cookie(languageCookie, result.language, { httpOnly: true, sameSite: 'lax', secure: config.production, maxAge: 365 * 86_400_000 })
      }
      res.redirect(303, portalPaths.dashboard)
    },

    async signOut(req: Request, res: Response) {
      await endSession(req)
      res.redirect(303, `${portalPaths.sessionEnded}?reason=signedOut`)
    },

    /**
     * The page that says a session has ended. A GET never ends one (a link or an image on another site could send
     * the browser here): only the POST above does, with its CSRF token. A parent still signed in goes back to
     * their account rather than read that they are signed out.
     */
    sessionEnded(req: Request, res: Response) {
      if (req.session?.participantId) return res.redirect(303, portalPaths.dashboard)
      const asked = String(req.query.reason ?? 'signedOut')
      const reason = (endedReasons as readonly string[]).includes(asked) ? asked : 'signedOut'
      res.render('sign-in/signed-out', { pageTitle: req.t(`portal:signedOut.${reason}.title`), reason, signedIn: false })
    },

    status: sessionStatus(clock, parentSessionHolder),
    staySignedIn: staySignedIn(clock, parentSessionHolder, { home: portalPaths.dashboard, signIn: portalPaths.signIn }),
  }
}

