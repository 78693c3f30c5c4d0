import fs from 'node:fs'
import path from 'node:path'

import { projectRoot } from '../../server/config'
import { assetUrl, uswdsDist } from '../../server/middleware/assetUrls'
import { buildAssets, leftoverFonts, stylesheetPublicPath } from '../../tools/assets/buildAssets'

// The committed USWDS stylesheet and font subsets (`npm run assets`) are what a fresh build makes, and they style
// every USWDS class our views use: a view that starts using a component the build leaves out fails here, not in a
// parent's browser.

const builtStylesheet = () => fs.readFileSync(path.join(projectRoot, 'views', 'assets', 'css', 'uswds.min.css'), 'utf8')

function viewFiles(folder = path.join(projectRoot, 'views')): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name)
    return entry.isDirectory() ? viewFiles(full) : full.endsWith('.hbs') ? [full] : []
  })
}

/** The classes the views write, and the prefixes they complete at run time (`usa-alert--{{kind}}`). */
function classesInViews(): { classes: Set<string>; prefixes: Set<string> } {
  const classes = new Set<string>()
  const prefixes = new Set<string>()
  for (const file of viewFiles()) {
    for (const [, value] of fs.readFileSync(file, 'utf8').matchAll(/class="((?:[^"{]|\{\{[^}]*\}\})*)"/g)) {
      // A mustache ends a class name; text inside {{#if}} … {{/if}} is a class of its own.
      for (const token of value!.replace(/\{\{[^}]*\}\}/g, '\u0000').split(/\s+/)) {
        const parts = token.split('\u0000')
        parts.forEach((part, index) => {
          if (!/^[a-z][a-z0-9:_-]*$/.test(part)) return
          if (index < parts.length - 1 && part.endsWith('-')) prefixes.add(part)
          else if (!part.endsWith('-')) classes.add(part)
        })
      }
    }
  }
  return { classes, prefixes }
}

function classesInStylesheet(css: string): Set<string> {
  return new Set([...css.matchAll(/\.((?:[a-zA-Z_-]|\\.)(?:[a-zA-Z0-9_-]|\\.)*)/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1')))
}

describe('the USWDS stylesheet build', () => {
  it('is what `npm run assets` makes now (run it and commit the result when this fails)', async () => {
    const built = await buildAssets()
    for (const asset of built) {
      const relative = path.relative(projectRoot, asset.file)
      expect({ file: relative, exists: fs.existsSync(asset.file) }).toEqual({ file: relative, exists: true })
      expect({ file: relative, same: fs.readFileSync(asset.file).equals(asset.content) }).toEqual({ file: relative, same: true })
    }
    expect(leftoverFonts(built)).toEqual([])
  }, 180_000)

  it('styles every USWDS class the views use, and every variant of a class they complete at run time', () => {
    const ours = classesInStylesheet(builtStylesheet())
    const uswds = classesInStylesheet(fs.readFileSync(path.join(uswdsDist, 'css', 'uswds.min.css'), 'utf8'))
    const { classes, prefixes } = classesInViews()
    expect(classes.size).toBeGreaterThan(100)
    expect([...prefixes].sort()).toEqual(expect.arrayContaining(['usa-alert--', 'usa-input--']))
    const missing = [...classes].filter((name) => uswds.has(name) && !ours.has(name))
    for (const prefix of prefixes) {
      missing.push(...[...uswds].filter((name) => name.startsWith(prefix) && !ours.has(name)))
    }
    expect(missing).toEqual([])
  })

  it('names only files the app serves, each by its fingerprinted URL', () => {
    const urls = [...builtStylesheet().matchAll(/url\(([^)"']+)\)/g)].map((m) => m[1]!)
    expect(urls.length).toBeGreaterThan(10)
    for (const url of urls) {
      const absolute = new URL(url, `http://x${stylesheetPublicPath}`)
      expect(absolute.pathname + absolute.search).toBe(assetUrl(absolute.pathname))
    }
  })

  it('is preloaded by neither more nor other fonts than it names, in both layouts', () => {
    const named = new Set([...builtStylesheet().matchAll(/url\(\.\.\/fonts\/([^)]+)\)/g)].map((m) => `/assets/fonts/${m[1]}`))
    for (const layout of ['main.hbs', 'console.hbs']) {
      const html = fs.readFileSync(path.join(projectRoot, 'views', 'layouts', layout), 'utf8')
      const preloads = [...html.matchAll(/<link rel="preload" href="\{\{\{asset "([^"]+)"\}\}\}" as="font" type="font\/woff2" crossorigin>/g)]
      expect(preloads.length).toBeGreaterThan(0)
      for (const [, publicPath] of preloads) expect(named).toContain(assetUrl(publicPath!))
    }
  })
})
