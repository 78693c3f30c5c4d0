import type { Request, Response } from 'express'

import type { AppDependencies } from '../../app'
import type { AuditActorName } from '../../audit/caseAuditReport'
import { NotFoundError } from '../../errors'
import { caseIdOf } from '../../routeParams'
import { formatDateTime } from '../../templates'
import { staffPrincipalOf } from '../staffSession'

export function caseAuditController({ services }: AppDependencies) {
  return {
    async show(req: Request, res: Response) {
      const report = await services.caseAudit.forCase(staffPrincipalOf(req), caseIdOf(req))
      if (!report) throw new NotFoundError()
      const t = req.t
      const who = (actor: AuditActorName, channel: string): string => {
        if (actor.kind === 'staff') return actor.name ? t('supervisor:audit.actor.staff', { name: actor.name }) : t('supervisor:audit.actor.staffUnknown')
        if (actor.kind === 'parent') return actor.name ? t('supervisor:audit.actor.parent', { name: actor.name }) : t('supervisor:audit.actor.parentUnknown')
        return t(channel === 'phone' ? 'supervisor:audit.actor.phoneLine' : 'supervisor:audit.actor.system')
      }
      // i18next reads dots as nesting, so action codes are looked up with underscores. A supervisor reads what
      // happened in words; an action without words yet says "Other activity", never its code.
      const what = (action: string) => t(`supervisor:audit.actions.${action.replace(/\./g, '_')}`, { defaultValue: '' }) || t('supervisor:audit.actions.other')
      res.render('console/case-audit/case-audit', {
        pageTitle: t('supervisor:audit.title', { number: report.caseNumber }),
        report,
        rows: report.entries.map((entry) => ({
          occurredAt: entry.occurredAt,
          when: formatDateTime(req.language, entry.occurredAt),
          who: who(entry.actorName, entry.channel),
          channel: t(`supervisor:audit.channels.${entry.channel}`),
          action: what(entry.action),
        })),
      })
    },
  }
}
