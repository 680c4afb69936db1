// DriftClient and the `drift` CLI over the binding the loader picks: run with DRIFT_BACKEND=native,
// then DRIFT_BACKEND=wasm (which sets NAPI_RS_FORCE_WASI=error, the fallback path users get where no
// native binary exists). The second run compares its results with the first.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isMainThread } from 'node:worker_threads'
import { scratchDir } from '../../../scripts/scratch.mjs'

const backend = process.env.DRIFT_BACKEND ?? 'native'
// 'error': the WASI build or a failure, never a quiet fallback to the native addon.
if (backend === 'wasm') process.env.NAPI_RS_FORCE_WASI = 'error'
const { DRIFT_ERROR_CODES, DriftClient, DriftError } = await import('../dist/index.js')

const FIXTURES = fileURLToPath(new URL('../../../test-fixtures', import.meta.url))
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url))
const RESULTS = fileURLToPath(new URL('../../../target/', import.meta.url))

function project() {
  const root = join(scratchDir('drift-client-'), 'project')
  cpSync(FIXTURES, root, { recursive: true })
  return root
}

const config = () => `[storage]\ndb_path = ${JSON.stringify(join(scratchDir('drift-client-db-'), 'drift.db'))}\n`

test(`the loader picked the ${backend} build`, async () => {
  const client = await DriftClient.initialize({ root: project(), threads: 2, configToml: config() })
  try {
    assert.equal(client.backend, backend === 'wasm' ? 'wasm32-wasi' : 'native')
    assert.equal(client.info.backend, backend === 'wasm' ? 'wasm' : 'native')
  } finally {
    client.shutdown()
  }
})

test('scan, typed queries, every page, and typed errors', async () => {
  const root = project()
  const client = await DriftClient.initialize({ root, threads: 2, configToml: config() })
  try {
    const summary = await client.scan('.', { full: true })
    const status = client.status()
    assert.equal(status.counts.functions, summary.parse.functions)
    const functions = []
    for await (const row of client.all('functions', null, 64)) functions.push(row)
    assert.equal(functions.length, status.counts.functions)
    assert.ok(functions.every((row) => typeof row.qualifiedName === 'string' && Number.isInteger(row.startLine)))
    const calls = client.query('callSites', { language: 'go' }, { limit: 5 })
    assert.ok(calls.items.length === 5 && calls.items.every((row) => row.language === 'go' && typeof row.callee === 'string'))
    const files = client.query('files', { language: 'rust' })
    assert.ok(files.items.some((file) => file.path === 'rust/lib.rs') && files.items.every((file) => file.language === 'rust'))
    const parsed = client.parseFile('inline.py', 'def hello(name):\n    return greet(name)\n')
    assert.equal(parsed.functions[0].name, 'hello')
    assert.equal(parsed.callSites[0].callee, 'greet')

    const codeOf = (fn) => {
      try {
        fn()
      } catch (error) {
        assert.ok(error instanceof DriftError, `not a DriftError: ${error}`)
        return error.code
      }
      return null
    }
    assert.equal(codeOf(() => client.query('functions', null, { limit: 0 })), 'INVALID_FILTER')
    assert.equal(codeOf(() => client.query('functions', null, { cursor: 'bad' })), 'INVALID_CURSOR')
    assert.equal(codeOf(() => client.parseFile('notes.txt', 'x')), 'UNSUPPORTED_LANGUAGE')
    await assert.rejects(client.scan('does-not-exist'), (error) => error instanceof DriftError && error.code === 'SCAN_ERROR')
    results.functions = functions.map(({ id: _id, ...row }) => JSON.stringify(row)).sort()
    results.counts = status.counts
  } finally {
    client.shutdown()
  }
  await assert.rejects(
    DriftClient.initialize({ root, threads: 0, configToml: config() }),
    (error) => error instanceof DriftError && error.code === 'INVALID_ARGUMENT',
  )
})

test('a scan does not block the event loop, and progress arrives on the JavaScript thread', async () => {
  const root = scratchDir('drift-client-many-')
  for (let i = 0; i < 3000; i++) {
    const dir = join(root, `pkg${i % 30}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, `m${i}.py`), `def f${i}(x):\n    return g(x) + ${i}\n`)
  }
  const client = await DriftClient.initialize({ root, threads: 2, configToml: config() })
  try {
    let ticks = 0
    const timer = setInterval(() => (ticks += 1), 1)
    const progressThreads = new Set()
    const summary = await client.scanWithProgress('.', { full: true }, () => progressThreads.add(isMainThread))
    clearInterval(timer)
    assert.equal(summary.filesTotal, 3000)
    assert.ok(ticks > 0, 'no timer fired while the scan ran')
    assert.deepEqual([...progressThreads], [true], 'progress ran off the JavaScript thread')
  } finally {
    client.shutdown()
  }
})

test('the public declarations never use `any`', () => {
  const dist = new URL('../dist/', import.meta.url)
  for (const file of ['index.d.ts', 'client.d.ts', 'errors.d.ts', 'types.d.ts']) {
    const text = readFileSync(new URL(file, dist), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
    assert.doesNotMatch(text, /[:<|,(]\s*any\b/, file)
  }
  assert.doesNotMatch(readFileSync(new URL('index.d.ts', dist), 'utf8'), /NativeBindings/)
})

test('DRIFT_ERROR_CODES is the engine registry', () => {
  const registry = readFileSync(new URL('../../../crates/drift-core/src/errors/codes.rs', import.meta.url), 'utf8')
  const codes = [...registry.matchAll(/^ {4}([A-Z_]+),$/gm)].map((match) => match[1])
  assert.deepEqual([...DRIFT_ERROR_CODES], codes)
})

function drift(args, env = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, stdout, stderr })
    })
  })
}

test('the drift CLI: scan, query, status, backup, errors and exit codes', async () => {
  const root = project()
  const common = ['--root', root, '--threads', '2']
  const scan = await drift(['scan', ...common, '--json'])
  assert.equal(scan.code, 0, scan.stderr)
  const summary = JSON.parse(scan.stdout)
  assert.equal(summary.status, 'complete')
  const text = await drift(['scan', ...common])
  assert.equal(text.code, 0)
  assert.match(text.stdout, /^complete scan of \d+ files .*0 added, 0 modified, 0 removed/)
  assert.match(text.stdout, /\npython +\d+ +0\n/, 'a summary by language (nothing re-parsed)')

  const all = await drift(['query', 'functions', ...common, '--json', '--all'])
  assert.equal(all.code, 0)
  const rows = all.stdout.trim().split('\n').map((line) => JSON.parse(line))
  assert.equal(rows.length, summary.parse.functions)
  const calls = await drift(['query', 'calls', ...common, '--language', 'ruby', '--limit', '3'])
  assert.equal(calls.stdout.trim().split('\n').length, 3)
  assert.match(calls.stderr, /^3 of \d+ callSites/m)

  const status = await drift(['status', ...common, '--json'])
  assert.equal(JSON.parse(status.stdout).counts.functions, summary.parse.functions)
  const backup = await drift(['backup', join(root, 'copy.db'), ...common])
  assert.equal(backup.code, 0)
  assert.ok(existsSync(join(root, 'copy.db')))

  const usage = await drift(['frobnicate', ...common])
  assert.equal(usage.code, 2)
  assert.match(usage.stderr, /unknown command `frobnicate`/)
  const missing = await drift(['scan', 'nope', ...common])
  assert.equal(missing.code, 1)
  // (Node 20 prints an ExperimentalWarning when the wasm fallback starts WASI; the error follows.)
  assert.match(missing.stderr, /^drift: \[SCAN_ERROR\] /m)
  assert.match(missing.stderr, /\nhint: /)
  results.cli = { functions: rows.length, languages: summary.languages, digest: summary.digest }

  // Logging follows DRIFT_LOG (through log.filter), in either build; quiet by default.
  assert.equal(scan.stderr, '', 'nothing on stderr without DRIFT_LOG')
  const logged = await drift(['scan', ...common, '--json'], { DRIFT_LOG: 'warn,drift_engine=info' })
  assert.equal(logged.code, 0, logged.stderr)
  assert.match(logged.stderr, /INFO drift_engine::scan: scan stored files=\d+/)
})

test('the call graph from the client and the CLI: callers, graph, entry points, reach, impact, dead code, path', async () => {
  const root = join(scratchDir('drift-graph-'), 'project')
  cpSync(join(FIXTURES, 'callgraph', 'typescript'), root, { recursive: true })
  const common = ['--root', root, '--threads', '2']
  const scan = await drift(['scan', ...common, '--json'])
  assert.equal(scan.code, 0, scan.stderr)

  const callers = await drift(['callers', 'src/users/user.service.ts:UserService.create', ...common, '--json'])
  assert.equal(callers.code, 0, callers.stderr)
  const edges = callers.stdout.trim().split('\n').map((line) => JSON.parse(line))
  assert.deepEqual(edges.map((edge) => [edge.function.id, edge.strategy, edge.confidence]), [['src/users/user.controller.ts::UserController.create', 'di_injection', 0.8]])

  const graph = JSON.parse((await drift(['graph', 'UserService.create', '--depth', '2', ...common, '--json'])).stdout)
  assert.deepEqual(graph.callers.map((r) => [r.function.qualifiedName, r.depth]), [['UserController.create', 1]])
  assert.ok(graph.callees.some((r) => r.function.name === 'touch' && r.depth === 2), JSON.stringify(graph.callees))

  const entries = (await drift(['entry-points', '--kind', 'route_handler', ...common, '--json'])).stdout.trim().split('\n').map((line) => JSON.parse(line).id)
  assert.deepEqual(entries, ['src/users/user.controller.ts::UserController.create', 'src/users/user.controller.ts::UserController.show'])

  const reach = JSON.parse((await drift(['reach', 'UserController.create', '--to', 'audit', ...common, '--json'])).stdout)
  assert.equal(reach.targetReachable, true)
  assert.deepEqual(reach.path.map((f) => f.name), ['create', 'create', 'insert', 'touch', 'audit'])
  const inverse = JSON.parse((await drift(['reach', 'audit', '--inverse', ...common, '--json'])).stdout)
  assert.ok(inverse.reachable.some((r) => r.function.qualifiedName === 'UserController.create'))

  const impact = JSON.parse((await drift(['impact', 'src/users/user.repository.ts::audit', ...common, '--json'])).stdout)
  assert.equal(impact.directCallers, 1)
  assert.deepEqual(impact.affectedEntryPoints.map((f) => f.qualifiedName), ['UserController.create'])
  assert.ok(['low', 'medium', 'high', 'critical'].includes(impact.riskLevel))

  const dead = (await drift(['dead-code', '--all', ...common, '--json'])).stdout.trim().split('\n').map((line) => JSON.parse(line).function.id)
  assert.deepEqual(dead, ['src/shapes.ts::Square.report', 'src/shapes.ts::Square.sides', 'src/shared/text.ts::unusedHelper'])

  const path = JSON.parse((await drift(['path', 'bootstrap', 'capitalize', ...common, '--json'])).stdout)
  assert.deepEqual(path.path.map((f) => f.name), ['bootstrap', 'normalizeName', 'capitalize'])

  const ambiguous = await drift(['callees', 'create', ...common])
  assert.equal(ambiguous.code, 1)
  assert.match(ambiguous.stderr, /\[AMBIGUOUS_FUNCTION\].*UserController\.create.*UserService\.create/)
  const missing = await drift(['callers', 'nothingLikeThis', ...common])
  assert.equal(missing.code, 1)
  assert.match(missing.stderr, /\[FUNCTION_NOT_FOUND\]/)
  const depth = await drift(['graph', 'bootstrap', '--depth', '0', ...common])
  assert.equal(depth.code, 1)
  assert.match(depth.stderr, /\[INVALID_ARGUMENT\]/)

  const client = await DriftClient.initialize({ root, threads: 2 })
  try {
    assert.equal(client.buildCallGraph().edges, 20)
    assert.deepEqual(client.callees('factorial').map((edge) => edge.function.name), ['factorial'])
    results.graph = { edges: client.buildCallGraph().edges, dead, entries }
  } finally {
    client.shutdown()
  }
})

test('secrets from the client and the CLI: masked findings, filters, --fail-on, no value in any output', async () => {
  const root = join(scratchDir('drift-secrets-'), 'project')
  cpSync(join(FIXTURES, 'python'), join(root, 'python'), { recursive: true })
  const settings = readFileSync(join(root, 'python', 'settings.py'), 'utf8')
  const values = [settings.match(/^SECRET_KEY = "(.+)"$/m)[1], settings.match(/^RELEASE_TOKEN = "ghp_(.+)"$/m)[1]]
  writeFileSync(join(root, '.env'), `DEBUG=1\nRELEASE_TOKEN=${settings.match(/^RELEASE_TOKEN = "(.+)"$/m)[1]} # drift-ignore\n`)
  const common = ['--root', root, '--threads', '2']
  assert.equal((await drift(['scan', ...common, '--json'])).code, 0)

  const listed = await drift(['secrets', ...common, '--json', '--all'])
  assert.equal(listed.code, 0, listed.stderr)
  const findings = listed.stdout.trim().split('\n').map((line) => JSON.parse(line))
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.status]).sort((a, b) => a[1] - b[1]),
    [
      ['python/settings.py', 8, 'open'],
      ['python/settings.py', 20, 'open'],
    ],
  )
  assert.ok(findings.every((f) => f.masked.includes('****') && f.fingerprint.length === 16))
  const any = (await drift(['secrets', ...common, '--json', '--status', 'any'])).stdout.trim().split('\n').map((line) => JSON.parse(line))
  assert.deepEqual(any.at(-1).file, '.env')
  assert.equal(any.at(-1).status, 'suppressed')
  const critical = (await drift(['secrets', ...common, '--json', '--severity', 'critical'])).stdout.trim().split('\n').filter(Boolean)
  assert.ok(critical.length >= 1 && critical.length <= findings.length)

  const text = await drift(['secrets', ...common])
  assert.match(text.stdout, /python\/settings\.py:21:\d+ +\S+ +ghp_\*{8}/)
  assert.match(text.stderr, /open: 2 .* in 1 files; 1 suppressed/)
  const gate = await drift(['secrets', ...common, '--fail-on', 'high'])
  assert.equal(gate.code, 1)
  assert.equal((await drift(['secrets', ...common, '--provider', 'nobody', '--fail-on', 'high'])).code, 1, 'the gate counts every open finding')
  const bad = await drift(['secrets', ...common, '--severity', 'dire'])
  assert.equal(bad.code, 2)
  const badStatus = await drift(['secrets', ...common, '--status', 'lost'])
  assert.equal(badStatus.code, 1)
  assert.match(badStatus.stderr, /\[INVALID_FILTER\]/)
  for (const output of [listed.stdout, text.stdout, text.stderr, JSON.stringify(any)]) {
    for (const value of values) assert.ok(!output.includes(value), 'a secret value in the output')
  }

  const client = await DriftClient.initialize({ root, threads: 2 })
  try {
    const summary = client.detectSecrets()
    assert.equal(summary.total, 2)
    assert.equal(summary.suppressed, 1)
    assert.ok(summary.patterns >= 100, `${summary.patterns} patterns`)
    assert.deepEqual(client.secretsInFile('python/settings.py').map((f) => f.line), [8, 20])
    assert.throws(() => client.secrets({ minSeverity: 'dire' }), (error) => error instanceof DriftError && error.code === 'INVALID_FILTER')
    results.secrets = { summary, findings }
  } finally {
    client.shutdown()
  }
})

test('boundaries, sensitive fields, taint and the security summary from the CLI, as JSON', async () => {
  const root = join(scratchDir('drift-security-'), 'project')
  cpSync(join(FIXTURES, 'boundaries'), join(root, 'boundaries'), { recursive: true })
  cpSync(join(FIXTURES, 'taint'), join(root, 'taint'), { recursive: true })
  const common = ['--root', root, '--threads', '2']
  assert.equal((await drift(['scan', ...common, '--json'])).code, 0)
  const lines = (output) => output.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line))

  const unsafe = lines(await drift(['boundaries', ...common, '--unsafe', '--all', '--json']))
  assert.ok(unsafe.length >= 10 && unsafe.every((b) => b.rawSql && b.unsafeApi.startsWith('SQL built by')), JSON.stringify(unsafe[0]))
  const prisma = lines(await drift(['boundaries', ...common, '--framework', 'prisma', '--all', '--json']))
  assert.deepEqual([...new Set(prisma.map((b) => b.file))], ['boundaries/prisma_service.ts'])
  assert.equal((await drift(['boundaries', ...common, '--operation', 'drop'])).code, 1)

  const fields = lines(await drift(['sensitive-fields', ...common, '--sensitivity', 'health', '--json']))
  assert.ok(fields.some((f) => f.model === 'Patient' && f.field === 'diagnosis'), JSON.stringify(fields))

  const flows = lines(await drift(['taint', ...common, '--sink-type', 'os_command', '--json']))
  assert.ok(flows.length >= 5 && flows.every((f) => f.sinkType === 'os_command' && f.cweId === 78))
  const search = lines(await drift(['taint', 'taint/flask_views.py:search', ...common, '--json']))
  assert.deepEqual(search.map((f) => [f.sinkLine, f.sinkType]), [[14, 'sql_query']])
  const text = await drift(['taint', 'taint/flask_views.py:search', ...common])
  assert.match(text.stdout, /sql_query \(CWE-89\) in search {2}taint\/flask_views\.py:15/)

  const security = await drift(['security', ...common, '--json'])
  assert.equal(security.code, 0, security.stderr)
  const posture = JSON.parse(security.stdout)
  assert.ok(posture.score >= 0 && posture.score < 100 && posture.taintFlows.length > 0)
  results.securityCli = { unsafe: unsafe.length, fields, flows, score: posture.score }
})

test('detection from the client and the CLI: patterns, a pattern, violations, --fail-on, approve and ignore', async () => {
  const root = join(scratchDir('drift-detection-'), 'project')
  cpSync(join(FIXTURES, 'detection', 'apps', 'express'), root, { recursive: true })
  const common = ['--root', root, '--threads', '2']
  assert.equal((await drift(['scan', ...common, '--json'])).code, 0)
  const lines = (output) => output.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line))

  const patterns = lines(await drift(['patterns', ...common, '--all', '--json']))
  assert.ok(patterns.length >= 10, `${patterns.length} patterns`)
  const router = patterns.find((p) => p.id === 'express/api/router-route')
  assert.equal(router.role, 'dominant')
  const errors = lines(await drift(['patterns', ...common, '--category', 'errors', '--all', '--json']))
  assert.ok(errors.length > 0 && errors.every((p) => p.category === 'errors'))
  assert.equal((await drift(['patterns', ...common, '--tier', 'legendary'])).code, 1)
  const text = await drift(['patterns', ...common])
  assert.match(text.stdout, /express\/api\/router-route +\[api, dominant \d+%\]/)
  assert.match(text.stderr, /conventions.*frameworks: express/)

  const detail = await drift(['pattern', 'express/api/router-route', ...common])
  assert.equal(detail.code, 0, detail.stderr)
  assert.match(detail.stdout, /convention: express\/api\/router-route \d+% of \d+/)
  assert.match(detail.stdout, /routes\/users\.js:\d+:\d+ {2}router\.get/)
  assert.equal((await drift(['pattern', 'no/such-pattern', ...common])).code, 1)
  assert.equal((await drift(['pattern', ...common])).code, 2)

  const violations = lines(await drift(['violations', ...common, '--all', '--json']))
  assert.ok(violations.some((v) => v.file === 'app.js' && v.patternId === 'express/api/app-route' && v.severity === 'info'), JSON.stringify(violations))
  assert.ok(violations.some((v) => v.patternId === 'security/sql-string-built' && v.severity === 'error' && v.cweId === 89))
  const gateErrors = await drift(['violations', ...common, '--fail-on', 'error'])
  assert.equal(gateErrors.code, 1, 'an error-level finding fails the gate')
  assert.match(gateErrors.stderr, /violations at or above error/)
  assert.equal((await drift(['violations', ...common, '--category', 'api', '--fail-on', 'error'])).code, 1, 'the gate counts every violation')
  assert.equal((await drift(['violations', ...common, '--severity', 'dire'])).code, 2)

  // Approving the convention makes its deviation a warning; ignoring the finding clears it.
  const approved = JSON.parse((await drift(['approve', 'express/api/router-route', ...common, '--json'])).stdout)
  assert.equal(approved.status, 'approved')
  const after = lines(await drift(['violations', ...common, '--pattern', 'express/api/app-route', '--json']))
  assert.deepEqual(after.map((v) => v.severity), ['warning'])
  const ignored = await drift(['ignore', 'security/sql-string-built', ...common])
  assert.match(ignored.stdout, /security\/sql-string-built: ignored/)
  assert.equal((await drift(['violations', ...common, '--fail-on', 'error'])).code, 0)
  assert.equal((await drift(['approve', 'no/such-pattern', ...common])).code, 1)

  const client = await DriftClient.initialize({ root, threads: 2 })
  try {
    const summary = client.detectPatterns({ forceRelearn: false })
    assert.deepEqual(summary.frameworks, ['express'])
    assert.equal(client.patterns({ status: 'approved' }).items[0].id, 'express/api/router-route')
    assert.ok(client.violationsInFile('app.js').length >= 1)
    assert.throws(() => client.patternDetail('no/such-pattern'), (error) => error instanceof DriftError && error.code === 'NOT_FOUND')
    results.detection = { patterns: patterns.map(({ id, confidence, role, tier }) => ({ id, confidence, role, tier })), violations: violations.map(({ id, severity }) => ({ id, severity })) }
  } finally {
    client.shutdown()
  }
})

const results = {}

test('native and wasm give the same results', (t) => {
  mkdirSync(RESULTS, { recursive: true })
  writeFileSync(join(RESULTS, `client-results-${backend}.json`), `${JSON.stringify(results)}\n`)
  const other = join(RESULTS, `client-results-${backend === 'wasm' ? 'native' : 'wasm'}.json`)
  if (backend === 'native' || !existsSync(other)) {
    t.skip('compared in the wasm run, after the native run recorded its results')
    return
  }
  assert.deepEqual(results, JSON.parse(readFileSync(other, 'utf8')))
})

test('a script that ends without shutdown() leaves its drift.db usable for the next process', async () => {
  const root = project()
  const db = join(scratchDir('drift-client-db-'), 'drift.db')
  // Scans and returns without closing Drift, as scripts (and `process.exit`) do.
  const script = `
    const { DriftClient } = await import(${JSON.stringify(new URL('../dist/index.js', import.meta.url).href)})
    const client = await DriftClient.initialize({ root: ${JSON.stringify(root)}, threads: 2, configToml: ${JSON.stringify(`[storage]\ndb_path = ${JSON.stringify(db)}\n`)} })
    const summary = await client.scan('.', { full: false })
    process.stdout.write(String(summary.filesTotal > 0))
    process.exit(0)
  `
  const run = () =>
    new Promise((done) => {
      execFile(process.execPath, ['--input-type=module', '-e', script], { env: process.env, timeout: 120_000 }, (error, stdout, stderr) =>
        done({ error, stdout, stderr }),
      )
    })
  for (const round of ['first', 'second']) {
    const { error, stdout, stderr } = await run()
    assert.equal(error, null, `${round} process: ${stderr}`)
    assert.equal(stdout, 'true', `${round} process scanned`)
  }
  assert.ok(!existsSync(`${db}.lock`), 'no lock left beside drift.db')
})
