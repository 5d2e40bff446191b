// Fails the build when the built UI would load anything from another host: a web font from Google (unreachable
// in mainland China and on government intranets), a stylesheet's url()/@import, or a page's src/href.
// Usage: node scripts/check-offline.mjs [dir]   (default: the build's output, ../target/classes/static)
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = process.argv[2] || fileURLToPath(new URL('../../target/classes/static', import.meta.url))
const checks = [
  { files: /\.(js|css|html)$/, pattern: /fonts\.(googleapis|gstatic)\.com/g, what: 'Google font host' },
  {
    files: /\.css$/,
    pattern: /url\(\s*['"]?(https?:)?\/\/[^)]*\)|@import\s+(url\()?\s*['"]?(https?:)?\/\//g,
    what: 'external stylesheet resource'
  },
  { files: /\.html$/, pattern: /\s(src|href)\s*=\s*['"]?(https?:)?\/\/[^\s'">]*/g, what: 'external page resource' }
]

function* files(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name)
    if (e.isDirectory()) yield* files(p)
    else yield p
  }
}

const problems = []
for (const f of files(dir)) {
  const applicable = checks.filter((c) => c.files.test(f))
  if (!applicable.length) continue
  const text = readFileSync(f, 'utf8')
  for (const c of applicable) {
    for (const m of text.matchAll(c.pattern)) problems.push(`${relative(dir, f)}: ${c.what}: ${m[0].slice(0, 120)}`)
  }
}
if (problems.length) {
  console.error('The built UI refers to other hosts; it must work without them:\n  ' + problems.join('\n  '))
  process.exit(1)
}
console.log(`check-offline: no external fonts or resources in ${dir}`)
