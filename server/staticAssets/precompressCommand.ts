import fs from 'node:fs'

import { assetsToPrecompress, precompress, precompressedRoot } from './precompressedAssets'

// The last step of `npm run build`: every static file worth it, compressed with brotli and gzip at their best settings
// into dist/precompressed/, where the static middleware finds them. Plain Node (no dev dependency), so the Dockerfile's
// build runs it as is.

fs.rmSync(precompressedRoot, { recursive: true, force: true })
let before = 0
let after = 0
const paths = assetsToPrecompress()
for (const publicPath of paths) {
  const { bytes, written } = precompress(publicPath)
  before += bytes
  after += written.br ?? bytes
}
process.stdout.write(`precompressed ${paths.length} static files: ${before} bytes, ${after} with brotli\n`)
