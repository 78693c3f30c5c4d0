import { z } from 'zod'

// The agency's contact facts in one place, read by the web portal and the phone line alike, so the address a caller
// hears is the one a parent reads (issue 12). Facts only: channels put them into words from locales/ (an office's
// name is the one exception, given in both languages because a county names its own offices).
//
// The defaults are California's statewide payment facts, as published by the state and by county child support
// agencies (looked up 2026-12):
// - State Disbursement Unit: P.O. Box 989067, West Sacramento, CA 95798-9067, checks payable to the California State
//   Disbursement Unit with the payer's name and case number or participant ID; phone (866) 901-3212, option 1 for
//   payments (https://ventura.org/child-support-services/?p=141, https://www.sjgov.org/department/dcss/payments,
//   https://dcss.smcgov.org/california-state-disbursement-unit-sdu).
// - Online payments start at the state's "Make a payment" page, which hands over to the SDU's own site, where card,
//   bank account and PayPal payments are made (https://childsupport.ca.gov/make-a-payment/).
// - Card payments 1.9% (https://css.ocgov.com/payments); PayPal 2.49%, at least $3.95
//   (https://wp.sbcounty.gov/dcss/parents-page/, https://dcss.sccgov.org/payments).
// - MoneyGram: receive code 14630, $1.99, locations at moneygram.com/locations or (800) 926-9400
//   (https://wp.sbcounty.gov/dcss/parents-page/).
// - PayNearMe: cash at 7-Eleven, Family Dollar and ACE Cash Express with a barcode from PayNearMe's California child
//   support page, $1.99 (https://wp.sbcounty.gov/dcss/parents-page/, https://www.trinitycounty.org/CSS-Child-Support-Payments).
// The offices and the agency's own numbers are the demo county's (555 numbers); a deployment names its own in an
// AGENCY_PROFILE file (see server/config.ts).

const e164 = z.string().regex(/^\+1\d{10}$/, 'a US phone number in E.164 form, such as +18669013212')
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time such as 08:00')
const bilingual = z.object({ en: z.string().min(1), es: z.string().min(1) })

const postalAddress = z.object({
  lines: z.array(z.string().min(1)).min(1),
  city: z.string().min(1),
  state: z.string().length(2),
  postalCode: z.string().regex(/^\d{5}(-\d{4})?$/),
})

const openingHours = z.object({
  /** ISO weekdays the office opens, 1 = Monday. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  opens: clockTime,
  closes: clockTime,
  /** A daily closure, such as lunch. */
  closedFrom: clockTime.optional(),
  closedUntil: clockTime.optional(),
})

const office = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: bilingual,
  address: postalAddress,
  hours: openingHours,
  /** What the building offers: each one has words in locales/*\/portal.json under public.contact.access. */
  access: z.array(z.enum(['stepFree', 'accessibleParking', 'accessibleRestrooms', 'interpreters'])),
})

const paymentDestinations = z.object({
  stateDisbursementUnit: z.object({
    website: z.url(),
    phone: e164,
    /** The key a caller presses in the SDU's menu to pay. */
    phonePaymentOption: z.number().int().min(0).max(9),
    cardFeePercent: z.number().min(0),
    mailTo: z.object({ payableTo: z.string().min(1), address: postalAddress }),
  }),
  moneyGram: z.object({ receiveCode: z.string().min(1), feeCents: z.number().int().min(0), locationsUrl: z.url(), phone: e164 }),
  payNearMe: z.object({ stores: z.array(z.string().min(1)).min(1), feeCents: z.number().int().min(0), website: z.url() }),
  payPal: z.object({ feePercent: z.number().min(0), minimumFeeCents: z.number().int().min(0), website: z.url() }),
})

export const agencyDirectorySchema = z.object({
  name: bilingual,
  phoneNumbers: z.object({
    /** The number parents call: the phone line, answered at any hour. */
    main: e164,
    /** Where the phone line transfers a caller to a person in office hours. */
    agentLine: e164,
  }),
  /** When people answer the phone (the phone line itself answers at any hour). */
  phoneHours: openingHours,
  offices: z.array(office).min(1),
  payments: paymentDestinations,
})

export type AgencyDirectory = z.infer<typeof agencyDirectorySchema>
export type AgencyOffice = z.infer<typeof office>
export type OpeningHours = z.infer<typeof openingHours>
export type PostalAddress = z.infer<typeof postalAddress>
export type PaymentDestinations = AgencyDirectory['payments']

const weekdays = [1, 2, 3, 4, 5]

export const defaultAgencyDirectory: AgencyDirectory = {
  name: { en: 'County Department of Child Support Services', es: 'Departamento de Servicios de Manutención de Menores del Condado' },
  phoneNumbers: { main: '+18665550100', agentLine: '+19165550150' },
  phoneHours: { weekdays, opens: '08:00', closes: '16:00' },
  offices: [
    {
      id: 'main',
      name: { en: 'Main office', es: 'Oficina principal' },
      address: { lines: ['3960 Research Park Drive'], city: 'Sacramento', state: 'CA', postalCode: '95834' },
      hours: { weekdays, opens: '08:00', closes: '16:00' },
      access: ['stepFree', 'accessibleParking', 'accessibleRestrooms', 'interpreters'],
    },
    {
      id: 'south',
      name: { en: 'South County office', es: 'Oficina del sur del condado' },
      address: { lines: ['9250 Laguna Springs Drive, Suite 120'], city: 'Elk Grove', state: 'CA', postalCode: '95758' },
      hours: { weekdays, opens: '08:00', closes: '16:00', closedFrom: '12:00', closedUntil: '13:00' },
      access: ['stepFree', 'accessibleParking', 'interpreters'],
    },
  ],
  payments: {
    stateDisbursementUnit: {
      website: 'https://childsupport.ca.gov/make-a-payment/',
      phone: '+18669013212',
      phonePaymentOption: 1,
      cardFeePercent: 1.9,
      mailTo: {
        payableTo: 'California State Disbursement Unit',
        address: { lines: ['P.O. Box 989067'], city: 'West Sacramento', state: 'CA', postalCode: '95798-9067' },
      },
    },
    moneyGram: { receiveCode: '14630', feeCents: 199, locationsUrl: 'https://www.moneygram.com/locations', phone: '+18009269400' },
    payNearMe: { stores: ['7-Eleven', 'Family Dollar', 'ACE Cash Express'], feeCents: 199, website: 'https://www.paynearme.com/california' },
    payPal: { feePercent: 2.49, minimumFeeCents: 395, website: 'https://childsupport.ca.gov/make-a-payment/' },
  },
}

/**
 * What a deployment may override: any top-level section whole (offices, phoneHours), or single fields of the
 * phone numbers and of each way to pay. Everything left out keeps its default.
 */
export const agencyProfileSchema = z
  .object({
    name: bilingual,
    phoneNumbers: agencyDirectorySchema.shape.phoneNumbers.partial(),
    phoneHours: openingHours,
    offices: z.array(office).min(1),
    payments: z
      .object({
        stateDisbursementUnit: paymentDestinations.shape.stateDisbursementUnit.partial(),
        moneyGram: paymentDestinations.shape.moneyGram.partial(),
        payNearMe: paymentDestinations.shape.payNearMe.partial(),
        payPal: paymentDestinations.shape.payPal.partial(),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict()

export type AgencyProfile = z.infer<typeof agencyProfileSchema>

/** The defaults with a deployment's profile laid over them, validated whole. */
export function buildAgencyDirectory(profile: AgencyProfile = {}, base: AgencyDirectory = defaultAgencyDirectory): AgencyDirectory {
  const payments = profile.payments ?? {}
  return agencyDirectorySchema.parse({
    name: profile.name ?? base.name,
    phoneNumbers: { ...base.phoneNumbers, ...profile.phoneNumbers },
    phoneHours: profile.phoneHours ?? base.phoneHours,
    offices: profile.offices ?? base.offices,
    payments: {
      stateDisbursementUnit: { ...base.payments.stateDisbursementUnit, ...payments.stateDisbursementUnit },
      moneyGram: { ...base.payments.moneyGram, ...payments.moneyGram },
      payNearMe: { ...base.payments.payNearMe, ...payments.payNearMe },
      payPal: { ...base.payments.payPal, ...payments.payPal },
    },
  })
}

/** Monday to Friday exactly, which every channel says in so many words rather than day by day. */
export function isWeekdaysOnly(hours: OpeningHours): boolean {
  return hours.weekdays.length === 5 && weekdays.every((day) => hours.weekdays.includes(day))
}
