import { z } from 'zod'

import { formText } from '../../web/forms'

// The payments page's filters arrive in the query string: a calendar year (or all years) and a page number.
export const historyFilterSchema = z.object({
  year: formText(
    z
      .string()
      .trim()
      .regex(/^(|all|(19|20)\d{2})$/, 'portal:payments.errors.year'),
  ),
  page: formText(
    z
      .string()
      .trim()
      .regex(/^(|[1-9]\d{0,4})$/, 'portal:payments.errors.page'),
  ).transform((value) => (value ? Number(value) : 1)),
})
