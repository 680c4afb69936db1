// Installs the packed tarballs like a user would, into fresh projects, without a network
// (`npm install --offline`: only the tarballs and what they contain), and runs `npx drift`:
// once with this platform's native package, once without it, where the loader must fall back
// to the wasm32-wasi package by itself (as on a platform without a prebuilt binary, or in a
// WebContainer). Both must report the same scan. Needs the native and wasm builds and
// `npm run build -w @drift/drift`; runs in the native pass only (it exercises both builds).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { scratchDir } from '../../../scripts/scratch.mjs'

const backend = process.env.DRIFT_BACKEND ?? 'native'
const repo = fileURLToPath(new URL('../../../', import.meta.url))

function run(command, args, cwd, env = {}) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NAPI_RS_FORCE_WASI: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}

/** A fresh project with `tarballs` installed from disk only. */
function install(tarballs, extraFlags = []) {
  const app = scratchDir('drift-install-')
  writeFileSync(join(app, 'package.json'), '{ "name": "app", "version": "1.0.0", "private": true }\n')
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...extraFlags, ...tarballs], app)
  return app
}

/** `npx drift ...` in `cwd`: stdout, stderr and the exit status, without throwing. */
function drift(app, args, cwd) {
  const bin = join(app, 'node_modules', '.bin', 'drift')
  const result = spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, NAPI_RS_FORCE_WASI: '' } })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/**
 * Every way a user names the project, from an installed package: the working directory, `.`,
 * a relative path, a symbolic link; `drift.toml` read each time (it leaves `malformed/` out);
 * a project whose `.drift` cannot be created gives a coded error. Nothing on stderr otherwise.
 */
function scanWith(app) {
  const parent = scratchDir('drift-install-project-')
  const root = join(parent, 'project')
  cpSync(join(repo, 'test-fixtures'), root, { recursive: true })
  writeFileSync(join(root, 'drift.toml'), '[scan]\nextra_ignore = ["malformed/"]\n')
  symlinkSync(root, join(parent, 'link'))
  const scans = {}
  for (const [name, args, cwd] of [
    ['working directory', [], root],
    ['dot', ['--root', '.'], root],
    ['relative', ['--root', './project'], parent],
    ['symlink', ['--root', 'link'], parent],
  ]) {
    const out = drift(app, ['scan', '--full', '--threads', '2', '--json', ...args], cwd)
    assert.equal(out.status, 0, `${name}: ${out.stderr}`)
    assert.equal(out.stderr, '', `${name}: nothing on stderr`)
    const summary = JSON.parse(out.stdout)
    assert.ok(summary.filesTotal > 30, `${name}: ${summary.filesTotal} files`)
    assert.ok(
      summary.ignoredDirs.some((dir) => dir.path === 'malformed' && dir.source === 'config'),
      `${name}: drift.toml applied: ${JSON.stringify(summary.ignoredDirs)}`,
    )
    scans[name] = { digest: summary.digest, files: summary.filesTotal }
  }
  const first = Object.values(scans)[0]
  for (const [name, scan] of Object.entries(scans)) assert.deepEqual(scan, first, `${name} scans the same project`)

  const blocked = join(parent, 'blocked')
  cpSync(join(repo, 'test-fixtures', 'python'), blocked, { recursive: true })
  writeFileSync(join(blocked, '.drift'), 'a file where the database directory should be\n')
  const refused = drift(app, ['scan', '--json'], blocked)
  assert.equal(refused.status, 1, refused.stderr)
  assert.match(refused.stderr, /^drift: \[[A-Z_]+\] /m)
  assert.doesNotMatch(refused.stderr, /ExperimentalWarning|DB_BUSY/)

  const target = run('node', ['-e', "process.stdout.write(require('@drift/napi').__napiBindingTarget)"], app)
  const functions = run('npx', ['--no-install', 'drift', 'query', 'functions', '--root', root, '--all', '--json'], app).trim().split('\n').length
  return { target, scans: first, refused: refused.stderr.match(/\[([A-Z_]+)\]/)[1], functions }
}

test('the packed packages install offline and scan natively and through the wasm fallback', { skip: backend !== 'native' && 'runs in the native pass; it installs both builds itself', timeout: 600_000 }, () => {
  const out = scratchDir('drift-packs-')
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
