import { execFileSync } from 'node:child_process'

import { projectRoot } from '../server/config'

// The import direction of DESIGN.md (channel → domain → db) is enforced by the linter; these tests prove
// the rule fires, so that a broken lint configuration cannot silently let a violation through.
// ESLint loads its ESM configuration by dynamic import, which Jest's module sandbox cannot do, so the
// linter runs in a child process over stdin.
function ruleIdsFor(filePath: string, source: string): string[] {
  const output = execFileSync('npx', ['eslint', '--format', 'json', '--stdin', '--stdin-filename', filePath], {
    cwd: projectRoot,
    input: source,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'ignore'],
  }).toString()
  return (JSON.parse(output) as { messages: { ruleId: string | null; message: string }[] }[])
    .flatMap((result) => result.messages)
    .map((m) => m.ruleId ?? m.message)
}

function lintFindings(filePath: string, source: string): string[] {
  try {
    return ruleIdsFor(filePath, source)
  } catch (error) {
    // ESLint exits 1 when it finds problems; its report is still on stdout.
    const stdout = (error as { stdout?: string }).stdout ?? '[]'
    return (JSON.parse(stdout) as { messages: { ruleId: string | null; message: string }[] }[])
      .flatMap((result) => result.messages)
      .map((m) => m.ruleId ?? m.message)
  }
}

describe('import boundaries', () => {
  it.each([
    ['server/cases/example.ts', "import express from 'express'\nexport const x = express\n"],
    ['server/identity/example.ts', "import twilio from 'twilio'\nexport const x = twilio\n"],
    ['server/callbacks/example.ts', "import i18next from 'i18next'\nexport const x = i18next\n"],
    ['server/audit/example.ts', "import { create } from 'express-handlebars'\nexport const x = create\n"],
  ])('stops %s from importing a channel library', (filePath, source) => {
    expect(lintFindings(filePath, source)).toContain('no-restricted-imports')
  })

  it.each([
    ['server/portal/example.ts', "import { openDatabase } from '../db/connection'\nexport const x = openDatabase\n"],
    ['server/console/example.ts', "import { sql } from 'kysely'\nexport const x = sql\n"],
    ['ivr/example.ts', "import { migrateToLatest } from '../server/db/migrate'\nexport const x = migrateToLatest\n"],
  ])('stops the channel %s from touching the database layer', (filePath, source) => {
    expect(lintFindings(filePath, source)).toContain('no-restricted-imports')
  })

  it('lets a channel call a domain service', () => {
    const source = "import { ssnDigest } from '../identity/ssnDigest'\nexport const x = ssnDigest\n"
    expect(lintFindings('server/portal/example.ts', source)).toEqual([])
  })
})
