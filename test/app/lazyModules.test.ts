import { execFileSync } from 'node:child_process'
import path from 'node:path'

// What a started process holds in memory counts against its RSS (issue 15: under 200 MB under load) and its start
// against /readyz. The PDF modules (pdfkit, fontkit and its brotli decoder) serve only a statement download, so they
// load with the first statement, not with the app.

const root = path.resolve(__dirname, '..', '..')

function modulesLoadedBy(script: string): string[] {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'test' } })
  return JSON.parse(out) as string[]
}

const pdfModules = (loaded: string[]) => loaded.filter((file) => /node_modules\/(pdfkit|fontkit)\//.test(file))

describe('modules loaded at start-up', () => {
  it('leaves pdfkit and fontkit out until a statement is made, and loads them then', () => {
    const atStart = modulesLoadedBy(`
      require('./server/app'); require('./server/services'); require('./server/config')
      process.stdout.write(JSON.stringify(Object.keys(require.cache)))
    `)
    expect(atStart.some((file) => file.includes(`${path.sep}server${path.sep}portal${path.sep}statements${path.sep}controller`))).toBe(true)
    expect(pdfModules(atStart)).toEqual([])

    const afterOne = modulesLoadedBy(`
      require('./server/portal/statements/statementPdf')
      process.stdout.write(JSON.stringify(Object.keys(require.cache)))
    `)
    expect(pdfModules(afterOne).length).toBeGreaterThan(0)
  }, 60_000)
})
