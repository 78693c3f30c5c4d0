import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { principalOf } from '../../middleware/requireParent'
import { caseIdOf } from '../../routeParams'
import { type StatementChoices, StatementMonthInvalid } from '../../statements/statementMonths'
import { renderForm } from '../../web/forms'
import { statementMonthOptions } from './monthOptions'
import type { renderStatementPdf } from './statementPdf'

// A case's monthly statements: without a month, the page to choose one; with one, that month's statement as a PDF
// download (the case page's picker submits here). A month with no statement (not a month, not begun, before the case
// opened) is the same page with a message in the parent's language: never a 500, never a blank PDF.
/**
 * The PDF modules (pdfkit, fontkit and its brotli decoder: about 3 MiB of code, a tenth of the heap a started process
 * holds) load with the first statement anyone downloads, not at start-up: most processes never make one.
 */
let loadingRenderer: Promise<typeof renderStatementPdf> | null = null
function statementRenderer(): Promise<typeof renderStatementPdf> {
  loadingRenderer ??= import('./statementPdf').then(
    (module) => module.renderStatementPdf,
    (error: unknown) => {
      loadingRenderer = null
      throw error
    },
  )
  return loadingRenderer
}

export function statementsController({ services, config }: AppDependencies) {
  function renderChoices(req: Request, res: Response, choices: StatementChoices, typed: string, messageKey?: string) {
    renderForm(res, 'statements/statements', {
      // A short title: with the service's name (and "Error:" on a refused month) it stays within 70 characters in Spanish.
      pageTitle: req.t('statements:page.title'),
      summary: choices,
      months: statementMonthOptions(req.language, choices.months),
      values: { month: typed },
      ...(messageKey && { errors: { month: messageKey } }),
    })
  }

  return {
    async show(req: Request, res: Response) {
      const principal = principalOf(req)
      const caseId = caseIdOf(req)
      const month = req.query.month
      if (month === undefined) {
        return renderChoices(req, res, await services.cases.getStatementChoices(principal, caseId, 'web'), '')
      }
      const typed = typeof month === 'string' ? month : ''
      try {
        const statement = await services.cases.getMonthlyStatement(principal, caseId, typed, 'web')
        const { mailTo } = config.agencyDirectory.payments.stateDisbursementUnit
        const render = await statementRenderer()
        const pdf = await render({
          statement,
          t: req.t,
          language: req.language,
          agencyName: config.agencyDirectory.name[req.language],
          mailTo,
        })
        res
          .type('application/pdf')
          .attachment(`statement-${statement.caseNumberLast4}-${statement.month}.pdf`)
          .send(pdf)
      } catch (error) {
        if (!(error instanceof StatementMonthInvalid)) throw error
        renderChoices(req, res, error.choices, typed.slice(0, 7), error.messageKey)
      }
    },
  }
}
