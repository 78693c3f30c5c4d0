// `npm run --silent personas`: the demo personas and their credentials as JSON on stdout, and nothing else, so the
// output can be piped straight into jq or a test (--silent keeps npm's own lines out). Needs no database and reads no
// configuration.
import { personasReport } from './personas'

process.stdout.write(`${JSON.stringify(personasReport(), null, 2)}\n`)
