// Installs the packed tarballs like a user would, into fresh projects, without a network
// (`npm install --offline`: only the tarballs and what they contain), and runs `npx drift`:
// once with this platform's native package, once without it, where the loader must fall back
// to the wasm32-wasi package by itself (as on a platform without a prebuilt binary, or in a
// WebContainer). Both must report the same scan. Needs the native and wasm builds and
// `npm run build -w @drift/drift`; runs in the native pass only (it exercises both builds).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const backend = process.env.DRIFT_BACKEND ?? 'native'
const repo = fileURLToPath(new URL('../../../', import.meta.url))

function run(command, args, cwd, env = {}) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NAPI_RS_FORCE_WASI: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** A fresh project with `tarballs` installed from disk only. */
function install(tarballs, extraFlags = []) {
  const app = mkdtempSync(join(tmpdir(), 'drift-install-'))
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "version": "1.0.0", "private": true }\n')
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...extraFlags, ...tarballs], app)
  return app
}

function scanWith(app) {
  const root = join(mkdtempSync(join(tmpdir(), 'drift-install-project-')), 'project')
  cpSync(join(repo, 'test-fixtures'), root, { recursive: true })
  const summary = JSON.parse(run('npx', ['--no-install', 'drift', 'scan', '--root', root, '--threads', '2', '--json'], app))
  const target = run('node', ['-e', "process.stdout.write(require('@drift/napi').__napiBindingTarget)"], app)
  const functions = run('npx', ['--no-install', 'drift', 'query', 'functions', '--root', root, '--all', '--json'], app).trim().split('\n').length
  return { target, digest: summary.digest, languages: summary.languages, parse: { ...summary.parse, parseMs: 0 }, functions }
}

test('the packed packages install offline and scan natively and through the wasm fallback', { skip: backend !== 'native' && 'runs in the native pass; it installs both builds itself', timeout: 600_000 }, () => {
  const out = mkdtempSync(join(tmpdir(), 'drift-packs-'))
  const tarballs = run('node', [join(repo, 'scripts', 'pack.mjs'), out, '--with-deps'], repo).trim().split('\n')
  const names = tarballs.map((path) => path.slice(out.length + 1))
  for (const name of ['drift-napi-0.1.0.tgz', 'drift-drift-0.1.0.tgz', 'drift-napi-linux-x64-gnu-0.1.0.tgz', 'drift-napi-wasm32-wasi-0.1.0.tgz']) {
    assert.ok(names.includes(name), `${name} was not packed: ${names.join(', ')}`)
  }
  const nativeOnly = tarballs.filter((path) => /drift-(napi|drift|napi-linux-x64-gnu)-0\.1\.0\.tgz$/.test(path))
  const withoutNative = tarballs.filter((path) => !path.includes('linux-x64-gnu'))

  const native = scanWith(install(nativeOnly))
  // No native package: what a user gets where none matches. The wasm package declares
  // `cpu: wasm32`, so npm installs it here only when forced, as `--cpu=wasm32` setups do.
  const fallbackApp = install(withoutNative, ['--force'])
  assert.deepEqual(readdirSync(join(fallbackApp, 'node_modules', '@drift')).sort(), ['drift', 'napi', 'napi-wasm32-wasi'])
  const wasm = scanWith(fallbackApp)

  assert.equal(native.target, 'native')
  assert.equal(wasm.target, 'wasm32-wasi', 'the loader fell back to the wasm package on its own')
  assert.ok(native.functions > 300)
  assert.deepEqual({ ...wasm, target: '' }, { ...native, target: '' }, 'the same scan from both installs')
})
