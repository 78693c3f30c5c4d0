import type { ChannelDeliveryFigures } from '../../alerts/alertOutbox'
import { type FigureTable, figureTable, type Formatters } from './dashboardSections'

// The supervisor's alert delivery figures: one row per channel, a table only (two channels make no chart worth
// drawing), in the same markup as the other figures so it stacks the same way on a phone.

export function alertDeliveryTable(figures: readonly ChannelDeliveryFigures[], f: Formatters): FigureTable {
  const column = (name: string) => f.t(`supervisor:alerts.columns.${name}`)
  return figureTable(
    f.t('supervisor:alerts.caption'),
    ['channel', 'raised', 'sent', 'delivered', 'failed', 'stopped', 'waiting'].map(column),
    figures.map((row) => ({
      header: f.t(`supervisor:alerts.channels.${row.channel}`),
      cells: [row.raised, row.sent, row.delivered, row.failed, row.stopped, row.waiting].map((n) => f.count(n)),
    })),
  )
}
