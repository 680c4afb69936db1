// Packs what would be published to npm, the napi-rs v3 way: `node scripts/pack.mjs OUT_DIR [--with-deps]`.
//
//   @drift/napi              the loader (index.js, index.d.ts, browser.js) with every platform
//                            package as an optional dependency, as `napi pre-publish` sets it
//   @drift/napi-<platform>   npm/<platform>/ (made by `napi create-npm-dirs`) with its binary
//   @drift/drift             the client and the `drift` CLI (npm/drift, built first)
//
// Only platforms whose binaries were built on this machine are packed (linux-x64-gnu and
// wasm32-wasi here); the others are configured and reported as not built. Prints the tarball
// paths, one per line.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('..', import.meta.url))
const binding = join(repo, 'crates', 'drift-napi')
const out = process.argv[2]
if (!out) throw new Error('usage: node scripts/pack.mjs OUT_DIR')
mkdirSync(out, { recursive: true })

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'))
const pack = (dir) => {
  const name = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', out], { cwd: dir, encoding: 'utf8' }).trim().split('\n').at(-1)
  return join(out, name)
}

const tarballs = []
const platforms = readdirSync(join(repo, 'npm')).filter((name) => name !== 'drift' && existsSync(join(repo, 'npm', name, 'package.json')))
const optional = {}
for (const platform of platforms) {
  const dir = join(repo, 'npm', platform)
  const manifest = readJson(join(dir, 'package.json'))
  optional[manifest.name] = manifest.version
  const missing = manifest.files.filter((file) => !existsSync(join(binding, file)))
  if (missing.length > 0) {
    console.error(`${manifest.name}: not built on this machine (${missing.join(', ')}); not packed`)
    continue
  }
  const stage = join(out, 'stage', platform)
  rmSync(stage, { recursive: true, force: true })
  mkdirSync(stage, { recursive: true })
  for (const file of [...manifest.files, 'README.md']) copyFileSync(join(file === 'README.md' ? dir : binding, file), join(stage, file))
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  tarballs.push(pack(stage))
}

// The loader package, as published: not private, every platform package optional.
const main = readJson(join(binding, 'package.json'))
const stage = join(out, 'stage', 'napi')
rmSync(stage, { recursive: true, force: true })
mkdirSync(stage, { recursive: true })
const files = ['index.js', 'index.d.ts', 'browser.js']
for (const file of files) copyFileSync(join(binding, file), join(stage, file))
delete main.private
delete main.scripts
writeFileSync(join(stage, 'package.json'), `${JSON.stringify({ ...main, files, optionalDependencies: optional }, null, 2)}\n`)
tarballs.push(pack(stage))

tarballs.push(pack(join(repo, 'npm', 'drift')))

// With `--with-deps`: the registry packages the wasm fallback needs, packed from the lockfile's
// node_modules, so a test can install everything without a network.
if (process.argv.includes('--with-deps')) {
  const seen = new Set()
  const visit = (name) => {
    if (seen.has(name)) return
    seen.add(name)
    const dir = join(repo, 'node_modules', name)
    const manifest = readJson(join(dir, 'package.json'))
    tarballs.push(pack(dir))
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency)
  }
  const wasm = readJson(join(repo, 'npm', 'wasm32-wasi', 'package.json'))
  for (const dependency of Object.keys(wasm.dependencies ?? {})) visit(dependency)
}
console.log(tarballs.join('\n'))
