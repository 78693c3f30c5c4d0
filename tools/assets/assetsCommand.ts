import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

import { projectRoot } from '../../server/config'
import { buildAssets, leftoverFonts } from './buildAssets'

// `npm run assets`: rebuilds the committed USWDS stylesheet and font subsets (see buildAssets.ts). Run it after
// changing views/stylesheets/uswds.scss, tools/assets/, or the @uswds/uswds version; commit what it writes.

async function main(): Promise<void> {
  const built = await buildAssets()
  for (const asset of built) {
    fs.mkdirSync(path.dirname(asset.file), { recursive: true })
    fs.writeFileSync(asset.file, asset.content)
    const brotli = zlib.brotliCompressSync(asset.content).length
    process.stdout.write(`${path.relative(projectRoot, asset.file)}: ${asset.content.length} bytes (${brotli} with brotli)\n`)
  }
  for (const file of leftoverFonts(built)) {
    fs.rmSync(file)
    process.stdout.write(`removed ${path.relative(projectRoot, file)}\n`)
  }
}

main().catch((error: Error) => {
  process.stderr.write(`assets: ${error.stack ?? error.message}\n`)
  process.exit(1)
})
