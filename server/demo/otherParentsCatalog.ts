// The other parent on each demo case who has not signed up online: real participants with a PAR ID and an
// address (the portal must guard theirs too), but no account and no story of their own.
import type { ParentDefinition } from './demoDefinitions'

const sacramento = { city: 'Sacramento', state: 'CA' }

export const otherParentsCatalog: readonly ParentDefinition[] = [
  {
    key: 'curtis-brooks', firstName: 'Curtis', lastName: 'Brooks', language: 'en', parId: '4010000201',
    ssn: '900-31-1101', dateOfBirth: '1989-07-19', phone: '+19165550121', email: null,
    address: { line1: '1720 Del Paso Blvd', ...sacramento, postalCode: '95815' }, employer: 'Arden Auto Glass',
    payoutMethod: 'direct_deposit',
  },
  {
    key: 'anthony-morgan', firstName: 'Anthony', lastName: 'Morgan', language: 'en', parId: '4010000202',
    ssn: '900-42-2202', dateOfBirth: '1987-03-30', phone: '+19165550122', email: null,
    address: { line1: '6620 Lemon Hill Ave', ...sacramento, postalCode: '95824' }, employer: 'Self-employed',
  },
  {
    key: 'terrence-jackson', firstName: 'Terrence', lastName: 'Jackson', language: 'en', parId: '4010000203',
    ssn: '900-53-3303', dateOfBirth: '1993-11-02', phone: '+19165550123', email: null,
    address: { line1: '5100 Franklin Blvd', line2: 'Apt 17', ...sacramento, postalCode: '95820' },
    employer: 'Northgate Warehouse Services',
  },
  {
    key: 'denise-lewis', firstName: 'Denise', lastName: 'Lewis', language: 'en', parId: '4010000204',
    ssn: '900-64-4404', dateOfBirth: '1985-06-14', phone: '+19165550124', email: 'denise.lewis@example.com',
    address: { line1: '3421 Rio Linda Blvd', ...sacramento, postalCode: '95838' }, employer: 'County Line Pharmacy',
    payoutMethod: 'debit_card',
  },
  {
    key: 'rachel-foster', firstName: 'Rachel', lastName: 'Foster', language: 'en', parId: '4010000205',
    ssn: '900-75-5505', dateOfBirth: '1981-01-25', phone: '+19165550125', email: 'rachel.foster@example.com',
    address: { line1: '8730 Sunset Ave', city: 'Fair Oaks', state: 'CA', postalCode: '95628' },
    employer: 'Folsom Lake Realty', payoutMethod: 'direct_deposit',
  },
  {
    key: 'lorraine-price', firstName: 'Lorraine', lastName: 'Price', language: 'en', parId: '4010000206',
    ssn: '900-86-6606', dateOfBirth: '1978-10-09', phone: '+19165550126', email: null,
    address: { line1: '2400 Fulton Ave', line2: 'Apt 9', ...sacramento, postalCode: '95825' }, employer: null,
    payoutMethod: 'debit_card',
  },
  {
    key: 'jessica-kim', firstName: 'Jessica', lastName: 'Kim', language: 'en', parId: '4010000207',
    ssn: '900-97-7707', dateOfBirth: '1995-04-22', phone: '+19165550127', email: 'jessica.kim@example.com',
    address: { line1: '1501 Howe Ave', ...sacramento, postalCode: '95825' }, employer: 'Arden Fair Optometry',
    payoutMethod: 'direct_deposit',
  },
  {
    key: 'patricia-jenkins', firstName: 'Patricia', lastName: 'Jenkins', language: 'es', parId: '4010000208',
    ssn: '900-18-8808', dateOfBirth: '1971-08-31', phone: '+19165550128', email: null,
    address: { line1: '4875 14th Ave', ...sacramento, postalCode: '95820' }, employer: null,
    payoutMethod: 'debit_card',
  },
]
