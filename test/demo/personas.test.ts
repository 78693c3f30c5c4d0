// `npm run personas`: the exact shape DESIGN.md §6 promises, credentials a sign-in can use, and nothing else on stdout.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

import { projectRoot } from '../../server/config'
import { demoCaseCatalog } from '../../server/demo/demoCaseCatalog'
import { personasReport } from '../../server/demo/personas'

const report = personasReport()

describe('personas report', () => {
  it('has exactly the promised keys, in order', () => {
    expect(Object.keys(report)).toEqual(['parents', 'staff'])
    for (const parent of report.parents) {
      expect(Object.keys(parent)).toEqual(['id', 'name', 'language', 'roles', 'story', 'web', 'phone', 'cases'])
      expect(Object.keys(parent.web)).toEqual(['username', 'password'])
      expect(Object.keys(parent.phone)).toEqual(['parId', 'pin', 'callerId'])
    }
    for (const member of report.staff) expect(Object.keys(member)).toEqual(['username', 'password', 'role'])
  })

  it('gives every parent usable, distinct credentials and real case numbers', () => {
    const distinct = (values: string[]) => new Set(values).size === values.length
    const parents = report.parents
    expect(distinct(parents.map((p) => p.id))).toBe(true)
    expect(distinct(parents.map((p) => p.web.username))).toBe(true)
    expect(distinct(parents.map((p) => p.phone.parId))).toBe(true)
    expect(distinct(parents.map((p) => p.phone.callerId))).toBe(true)
    const caseNumbers = new Set(demoCaseCatalog.map((c) => c.caseNumber))
    for (const parent of parents) {
      expect(parent.id).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(parent.story.length).toBeGreaterThan(40)
      expect(parent.phone.pin).toMatch(/^\d{4,6}$/)
      expect(parent.phone.callerId).toMatch(/^\+1\d{3}55501\d{2}$/)
      expect(parent.web.password.length).toBeGreaterThanOrEqual(12)
      expect(parent.roles.length).toBeGreaterThan(0)
      expect(parent.cases.every((c) => caseNumbers.has(c))).toBe(true)
    }
  })

  it('covers every story the demo must tell', () => {
    expect(report.parents.map((p) => p.id).sort()).toEqual([
      'both-roles', 'coap-candidate', 'current-calworks-receiver', 'current-payer', 'fee-paying-receiver',
      'former-calworks-receiver', 'fv-paying-parent', 'hearing-next-week', 'low-income-exempt', 'military-parent',
      'protected-parent', 'released-parent', 'spanish-speaker', 'suspended-license', 'uncollectible-parent',
    ])
    expect(report.staff.map((s) => s.role).sort()).toEqual(['rep', 'rep', 'supervisor'])
  })
})

describe('npm run personas', () => {
  it('prints the report as JSON on stdout and nothing else, called as tools call it (npm run --silent personas)', async () => {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'personas'], { cwd: projectRoot })
    expect(JSON.parse(stdout)).toEqual(report)
    expect(stderr).toBe('')
  })
})
