// The supervisor's callback figures for a period of agency dates: the rows from the repository, the counting in
// supervisorFigures.ts.
import type { Clock } from '../clock'
import type { BusinessCalendar } from './businessCalendar'
import { serviceErrorKeys } from './callbackQueue'
import type { CallbackRepository } from './callbackRepository'
import { CallbackValidationError } from './callbackRequest'
import { type FigurePeriod, isFigurePeriod, periodBounds, type SupervisorCallbackFigures, supervisorCallbackFigures } from './supervisorFigures'

export function createCallbackFigures(deps: { repository: CallbackRepository; clock: Clock; calendar: BusinessCalendar }) {
  const { repository, clock, calendar } = deps
  return {
    /** Requests made in a period of agency dates (both included), overall and by language and topic. */
    async supervisorFigures(period: FigurePeriod, now: Date = clock.now()): Promise<SupervisorCallbackFigures> {
      if (!isFigurePeriod(period)) throw new CallbackValidationError([{ field: 'period', messageKey: serviceErrorKeys.periodInvalid }])
      const { from, to } = periodBounds(period, calendar)
      const rows = await repository.figureRows(from, to)
      return supervisorCallbackFigures(rows, { period, now, calendar })
    },
  }
}
