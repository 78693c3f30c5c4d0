import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import { callbackLanguages, callbackTopics } from '../../callbacks/callbackRequest'
import { groupedConfirmationCode } from '../../callbacks/confirmationCode'
import { type FieldErrors, keptValues, renderForm, validateForm } from '../../web/forms'
import { workItemKinds } from '../../queue/workQueue'
import { setNotice } from '../notices'
import { consolePaths, consolePathTo } from '../paths'
import { staffPrincipalOf } from '../staffSession'
import { claimantsOf, queueRow } from './queueRows'
import { queueFilterFields, queueFilterSchema, serviceFilters } from './validation'

// One queue of what parents wait on: callback requests and messages, the promise nearest to breaking first, with
// filters by kind, language and topic; "take the next one" claims the first ready item in a language the
// representative speaks.
/** The page number from the query string; anything but a plain number is the first page. */
function pageAsked(value: unknown): number | undefined {
  return typeof value === 'string' && /^\d{1,4}$/.test(value) ? Number(value) : undefined
}

/** Links to the pages before and after, keeping the filters shown. */
function pageLinks(filters: { kind?: string; language?: string; topic?: string }, shown: { page: number; pageCount: number; from: number; to: number; total: number }) {
  const linkTo = (page: number) => {
    const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])))
    if (page > 1) query.set('page', String(page))
    return query.size ? `${consolePaths.queue}?${query}` : consolePaths.queue
  }
  return {
    ...shown,
    previous: shown.page > 1 ? linkTo(shown.page - 1) : null,
    next: shown.page < shown.pageCount ? linkTo(shown.page + 1) : null,
  }
}

export function queueController({ services }: AppDependencies) {
  const options = (req: Request) => ({
    kinds: [
      { value: '', label: req.t('console:queue.filters.allKinds') },
      ...workItemKinds.map((value) => ({ value, label: req.t(`console:queue.kinds.${value}`) })),
    ],
    languages: [
      { value: '', label: req.t('console:queue.filters.allLanguages') },
      ...callbackLanguages.map((value) => ({ value, label: req.t(`console:languages.${value}`) })),
    ],
    topics: [
      { value: '', label: req.t('console:queue.filters.allTopics') },
      ...callbackTopics.map((value) => ({ value, label: req.t(`callbacks:topics.${value}`) })),
    ],
  })

  const render = async (
    req: Request,
    res: Response,
    filters: { kind?: string; language?: string; topic?: string },
    errors?: FieldErrors,
    typed: unknown = req.query,
  ) => {
    const { staffId } = staffPrincipalOf(req)
    const shown = errors ? null : await services.queue.page({ ...filters, page: pageAsked(req.query.page) })
    const entries = shown?.entries ?? []
    const staffNames = await services.staffDirectory.staffNames(claimantsOf(entries))
    renderForm(res, 'console/queue/queue', {
      pageTitle: req.t('console:queue.title'),
      values: keptValues(typed),
      errors,
      fieldOrder: queueFilterFields,
      rows: entries.map((entry) => queueRow(req.t, entry, { staffId, staffNames })),
      total: shown?.total ?? 0,
      pages: shown && shown.pageCount > 1 ? pageLinks(filters, shown) : null,
      options: options(req),
      filtered: Boolean(filters.kind || filters.language || filters.topic),
    })
  }

  return {
    async list(req: Request, res: Response) {
      const form = validateForm(queueFilterSchema, req.query)
      if (!form.ok) return render(req, res, {}, form.errors)
      await render(req, res, serviceFilters(form.data))
    },

    /** Claims the ready item due first that matches the filters shown, in a language the representative speaks. */
    async claimNext(req: Request, res: Response) {
      const { staffId } = staffPrincipalOf(req)
      const form = validateForm(queueFilterSchema, req.body)
      // A filter the queue does not know claims nothing: "everything" is not what the representative asked for.
      if (!form.ok) return render(req, res, {}, form.errors, req.body)
      const filters = serviceFilters(form.data)
      const result = await services.queue.claimNext(staffId, filters)
      if (!result.ok) {
        setNotice(req, { key: result.messageKey, kind: 'info' })
        // Back to the queue as it was shown, filters and all.
        const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])))
        return res.redirect(303, query.size ? `${consolePaths.queue}?${query}` : consolePaths.queue)
      }
      if (result.kind !== 'callback') {
        setNotice(req, { key: 'console:notices.messageClaimed', params: { id: result.threadId }, kind: 'success' })
        return res.redirect(303, consolePathTo('message', { threadId: result.threadId }))
      }
      setNotice(req, { key: 'console:notices.claimed', params: { code: groupedConfirmationCode(result.callback.confirmationCode) }, kind: 'success' })
      res.redirect(303, consolePathTo('callback', { callbackId: result.callback.id }))
    },
  }
}
