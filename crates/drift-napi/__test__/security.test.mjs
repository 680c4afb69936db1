// Secrets, sensitive fields, boundaries and taint flows through the binding, in the build
// DRIFT_BACKEND names: the seeded corpus (test-fixtures/secrets/generate.mjs: real-format
// secrets and look-alike decoys, labelled) is found with its recall and decoy hits measured, and
// no value is in anything Drift wrote; the labelled boundary and taint fixtures are stored and
// listed. Records what it found to target/security-results-<backend>.json; the wasm run
// compares.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

import { FIXTURES, assertThrowsCode, backend, compareWithOtherBackend, drift, everyPage } from './binding.mjs'
import { scratchDir } from '../../../scripts/scratch.mjs'

const results = {}


test('the seeded corpus: every planted secret found, no decoy reported, no value written', async () => {
  const root = scratchDir('drift-seeded-')
  execFileSync(process.execPath, [join(FIXTURES, 'secrets', 'generate.mjs'), root])
  const labels = JSON.parse(readFileSync(join(root, 'labels.json'), 'utf8'))
  rmSync(join(root, 'labels.json'))
  const dbDir = scratchDir('drift-seeded-db-')
  drift.driftInitialize({ root, threads: 2, configToml: `[storage]\ndb_path = ${JSON.stringify(join(dbDir, 'drift.db'))}\n` })
  try {
    await drift.nativeScan(root, { full: true })
    const found = everyPage(drift.querySecrets, { all: true })
    const open = found.filter((f) => f.status === 'open')
    const place = (file, line) => `${file}:${line}`
    const planted = new Map(labels.secrets.map((s) => [place(s.file, s.line), s.kind]))
    const decoys = new Set(labels.decoys.map((d) => place(d.file, d.line)))
    const hits = new Set(open.map((f) => place(f.file, f.line + 1)))
    const missed = [...planted.keys()].filter((key) => !hits.has(key))
    const decoyHits = [...hits].filter((key) => decoys.has(key))
    const unlabelled = [...hits].filter((key) => !planted.has(key) && !decoys.has(key))
    const recall = 1 - missed.length / planted.size
    console.log(`seeded corpus (${backend}): ${planted.size} planted, recall ${(recall * 100).toFixed(1)}%, ${decoyHits.length} decoys hit, ${unlabelled.length} unlabelled`)
    assert.ok(recall >= 0.95, `recall ${recall}; missed ${missed.map((key) => `${key} (${planted.get(key)})`).join(', ')}`)
    assert.ok(decoyHits.length <= 2, `decoys reported: ${decoyHits.join(', ')}`)
    assert.deepEqual(unlabelled, [], 'findings on lines that are neither secrets nor decoys')
    const summary = drift.detectSecrets()
    assert.ok(summary.patterns >= 100, `${summary.patterns} pattern families`)
    assert.equal(summary.total, open.length)

    // The values of the planted lines: every long token with letters and digits on them.
    const values = new Set()
    for (const secret of labels.secrets) {
      const text = readFileSync(join(root, secret.file), 'utf8').split('\n')[secret.line - 1]
      for (const token of text.match(/[A-Za-z0-9_+=-]{20,}/g) ?? []) if (/\d/.test(token) && /[A-Za-z]/.test(token)) values.add(token)
    }
    assert.ok(values.size > 100, `${values.size} values to look for`)
    const written = [JSON.stringify(found), JSON.stringify(summary)]
    for (const entry of readdirSync(dbDir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) written.push(readFileSync(join(entry.parentPath ?? entry.path, entry.name), 'latin1'))
    }
    assert.ok(written.length > 2, 'drift.db was read')
    const leaked = [...values].filter((value) => written.some((text) => text.includes(value)))
    assert.deepEqual(leaked.map((value) => `${value.slice(0, 4)}… (${value.length} chars)`), [], 'values in what Drift wrote')
    results.seeded = { recall, decoyHits: decoyHits.length, found: found.map(({ file, line, column, pattern, status, masked, fingerprint, confidence, severity }) => ({ file, line, column, pattern, status, masked, fingerprint, confidence, severity })) }
  } finally {
    drift.driftShutdown()
  }
})

test('boundaries and sensitive fields of the labelled apps, with filters and bad filters', async () => {
  const root = scratchDir('drift-boundaries-')
  const dbDir = scratchDir('drift-boundaries-db-')
  execFileSync('cp', ['-r', join(FIXTURES, 'boundaries'), join(FIXTURES, 'python'), root])
  drift.driftInitialize({ root, threads: 2, configToml: `[storage]\ndb_path = ${JSON.stringify(join(dbDir, 'drift.db'))}\n` })
  try {
    await drift.nativeScan(root, { full: true })
    const all = everyPage(drift.queryBoundaries, null)
    const summary = drift.detectBoundaries()
    assert.equal(all.filter((b) => b.operation !== 'model').length, summary.totalAccessPoints)
    assert.ok(summary.frameworksDetected.length >= 12, JSON.stringify(summary.frameworksDetected))
    const unsafe = everyPage(drift.queryBoundaries, { unsafeOnly: true })
    assert.equal(unsafe.length, summary.totalUnsafeApis)
    assert.ok(unsafe.every((b) => b.rawSql && b.unsafeApi.startsWith('SQL built by')))
    const customers = everyPage(drift.queryBoundaries, { table: 'customers' })
    assert.ok(customers.length >= 3 && customers.every((b) => b.tableName.toLowerCase().startsWith('customer')))
    assertThrowsCode(() => drift.queryBoundaries({ operation: 'drop' }), 'INVALID_FILTER')
    const fields = drift.querySensitiveFields(null)
    assert.ok(fields.items.some((f) => f.field === 'date_of_birth' && f.sensitivity === 'pii'))
    assert.ok(fields.items.some((f) => f.field === 'diagnosis' && f.sensitivity === 'health'))
    assertThrowsCode(() => drift.querySensitiveFields({ sensitivity: 'secretish' }), 'INVALID_FILTER')
    const posture = drift.querySecuritySummary()
    assert.ok(posture.score >= 0 && posture.score <= 100)
    assert.ok(posture.topTables.length > 0)
    results.boundaries = { all, summary, fields: fields.items, posture }
  } finally {
    drift.driftShutdown()
  }
})

test('taint flows of the labelled apps: listed, by function, and the same in both builds', async () => {
  const root = scratchDir('drift-taint-')
  const dbDir = scratchDir('drift-taint-db-')
  execFileSync('cp', ['-r', join(FIXTURES, 'taint'), root])
  drift.driftInitialize({ root, threads: 2, configToml: `[storage]\ndb_path = ${JSON.stringify(join(dbDir, 'drift.db'))}\n` })
  try {
    await drift.nativeScan(root, { full: true })
    const all = drift.queryTaintFlows(null)
    assert.equal(all.total, all.items.length)
    const labelled = new Set()
    for (const name of readdirSync(join(root, 'taint'))) {
      readFileSync(join(root, 'taint', name), 'utf8')
        .split('\n')
        .forEach((text, line) => text.includes('drift-expect: flow') && labelled.add(`taint/${name}:${line}`))
    }
    const found = new Set(all.items.map((flow) => `${flow.file}:${flow.sinkLine}`))
    const hits = [...found].filter((key) => labelled.has(key)).length
    assert.ok(hits / labelled.size >= 0.7 && hits / found.size >= 0.85, `${hits} of ${labelled.size} labelled, ${found.size} found`)
    const sql = drift.queryTaintFlows({ sinkType: 'sql_query' })
    assert.ok(sql.items.length >= 5 && sql.items.every((flow) => flow.cweId === 89))
    drift.buildCallGraph()
    const search = drift.analyzeTaint('taint/flask_views.py:search')
    assert.equal(search.flows.length, 1)
    assert.deepEqual(search.flows[0].path.map((step) => step.line), [12, 12, 14])
    assert.equal(drift.analyzeTaint('taint/flask_views.py:search_safe').flows.length, 0)
    assertThrowsCode(() => drift.analyzeTaint('noSuchFunctionAnywhere'), 'FUNCTION_NOT_FOUND')
    results.taint = all.items
  } finally {
    drift.driftShutdown()
  }
})

test('taint across functions of the labelled multi-file apps: listed with their chain, by function, and the same in both builds', async () => {
  const root = scratchDir('drift-taint-across-')
  const dbDir = scratchDir('drift-taint-across-db-')
  execFileSync('cp', ['-r', join(FIXTURES, 'taint-across'), root])
  drift.driftInitialize({ root, threads: 2, configToml: `[storage]\ndb_path = ${JSON.stringify(join(dbDir, 'drift.db'))}\n` })
  try {
    await drift.nativeScan(root, { full: true })
    const all = drift.queryTaintFlows(null)
    const labelled = new Set()
    const walk = (dir) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        else
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((text, line) => text.includes('drift-expect: flow') && labelled.add(`${path.slice(root.length + 1)}:${line}`))
      }
    }
    walk(join(root, 'taint-across'))
    const found = new Set(all.items.map((flow) => `${flow.file}:${flow.sinkLine}`))
    const hits = [...found].filter((key) => labelled.has(key)).length
    assert.ok(labelled.size >= 30 && hits / labelled.size >= 0.7 && hits / found.size >= 0.85, `${hits} of ${labelled.size} labelled, ${found.size} found`)
    const across = all.items.filter((flow) => flow.functions.length > 1)
    assert.ok(across.length >= 20, `${across.length} flows across functions`)
    const sql = all.items.find((flow) => flow.file === 'taint-across/spring/src/main/java/com/example/shop/OrderRepository.java')
    assert.ok(sql, 'the controller -> service -> repository flow')
    assert.equal(sql.functions.length, 3)
    assert.equal(sql.sourceFile, 'taint-across/spring/src/main/java/com/example/shop/OrderController.java')
    assert.equal(sql.path[0].file, sql.sourceFile)
    assert.equal(sql.path.at(-1).file, sql.file)
    // By function: the controller's flow ends in the repository.
    const fromController = drift.analyzeTaint(sql.functions[0])
    assert.ok(fromController.flows.some((flow) => flow.file === sql.file && flow.sinkLine === sql.sinkLine))
    const middle = drift.analyzeTaint(sql.functions[1])
    assert.ok(middle.flows.some((flow) => flow.sinkLine === sql.sinkLine), 'a function the flow passes through')
    const summary = drift.querySecuritySummary()
    assert.equal(summary.taintFlows.reduce((n, kind) => n + kind.count, 0), all.total)
    // The riskiest entry points: the handlers whose input reaches the sinks.
    const risky = summary.riskiestEntryPoints
    assert.ok(risky.length > 0 && risky.length <= 10)
    assert.ok(risky.every((entry, at) => entry.taintFlows + entry.dataAccess > 0 && (at === 0 || risky[at - 1].score >= entry.score)), JSON.stringify(risky, null, 1))
    assert.ok(risky.filter((entry) => ['route_handler', 'controller_method'].includes(entry.kind) && entry.taintFlows >= 1).length >= 5, JSON.stringify(risky, null, 1))
    results.taintAcross = all.items
    results.riskiestEntryPoints = risky
  } finally {
    drift.driftShutdown()
  }
})

test('native and wasm find the same', (t) => compareWithOtherBackend(t, 'security-results', results))
