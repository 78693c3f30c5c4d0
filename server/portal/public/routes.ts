import { Router } from 'express'

import type { Config } from '../../config'
import { publicPaths } from '../../paths'

// Pages anyone can read without signing in.
export function publicRoutes(config: Config): Router {
  const router = Router()
  router.get(publicPaths.home, (req, res) => {
    res.render('home', {
      pageTitle: req.t('home:title'),
      agencyPhone: config.agency.phoneNumber,
      signInPath: publicPaths.signIn,
    })
  })
  return router
}
