import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { appNodeFlags } from '../../bench/servers'
import { projectRoot } from '../../server/config'

// The bench measures the app as an operator runs it: with the same V8 heap flags as `npm start` and the Dockerfile.

describe('the V8 flags the app runs with', () => {
  it('are the same for npm start, the Docker image and the bench', () => {
    expect(appNodeFlags.length).toBeGreaterThan(0)
    const start = (JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!
    expect(start).toBe(`exec node ${appNodeFlags.join(' ')} --import tsx server/main.ts`)
    const cmd = /^CMD (\[.*\])$/m.exec(fs.readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8'))?.[1]
    expect(JSON.parse(cmd!)).toEqual(['node', ...appNodeFlags, 'dist/server/main.js'])
  })

  it('are flags this Node accepts', () => {
    const known = process.allowedNodeEnvironmentFlags
    for (const flag of appNodeFlags) {
      const name = flag.split('=')[0]!
      // V8's own flags are not all in Node's list of NODE_OPTIONS flags; node --v8-options names every one.
      expect(known.has(name) || v8FlagNames().has(name)).toBe(true)
    }
  })
})

function v8FlagNames(): Set<string> {
  const output = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' })
  return new Set([...output.matchAll(/^\s+(--[a-z0-9-]+)/gm)].map((m) => m[1]!))
}
