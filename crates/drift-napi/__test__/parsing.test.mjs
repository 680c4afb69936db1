// parseFile, parseFileCached, queryParseStats, and parsing inside scans, on the fixtures. The
// same file runs against the native addon and the wasm build.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { FIXTURES, assertThrowsCode, drift, tempDbConfig } from './binding.mjs'

before(() => drift.driftInitialize({ threads: 4, root: FIXTURES, configToml: tempDbConfig() }))
after(() => drift.driftShutdown())

test('parseFile extracts functions, classes and calls from source text or bytes', () => {
  const source = readFileSync(join(FIXTURES, 'python/models.py'), 'utf8')
  const fromText = drift.parseFile('python/models.py', source)
  const fromBytes = drift.parseFile('python/models.py', new TextEncoder().encode(source))
  assert.deepEqual(fromBytes, fromText)
  assert.equal(fromText.language, 'python')
  assert.equal(fromText.hasErrors, false)
  assert.ok(fromText.functions.length >= 5)
  assert.ok(fromText.classes.some((cls) => cls.methods.length > 0))
  for (const fn of fromText.functions) assert.match(fn.bodyHash, /^[0-9a-f]{16}$/)

  const ts = drift.parseFile('a.ts', 'export class Shop {\n  async buy(id: string): Promise<void> { await pay(id) }\n}\n')
  assert.equal(ts.functions[0].qualifiedName, 'Shop.buy')
  assert.equal(ts.functions[0].isAsync, true)
  assert.deepEqual(ts.callSites.map((call) => call.callee), ['pay'])
  assert.deepEqual(ts.exports.map((e) => e.name), ['Shop'])
})

test('syntax errors give a partial result; binary and unknown files give coded errors', () => {
  const broken = drift.parseFile('malformed/syntax-error.ts', readFileSync(join(FIXTURES, 'malformed/syntax-error.ts')))
  assert.equal(broken.hasErrors, true)
  assert.ok(broken.functions.length > 0)
  assertThrowsCode(() => drift.parseFile('image.ts', readFileSync(join(FIXTURES, 'malformed/binary.bin'))), 'PARSE_ERROR')
  assertThrowsCode(() => drift.parseFile('notes.txt', 'hello'), 'UNSUPPORTED_LANGUAGE')
  assert.deepEqual(drift.parseFile('empty.ts', '').functions, [])
})

test('parseFileCached reads under the root and hits the cache for the same content', () => {
  const before = drift.queryParseStats()
  const first = drift.parseFileCached('go/server.go')
  const second = drift.parseFileCached('go/server.go')
  assert.deepEqual(second, first)
  const stats = drift.queryParseStats()
  assert.ok(stats.cacheHits >= before.cacheHits + 1, JSON.stringify({ before, stats }))
  assert.ok(stats.queryCompilations >= 2 && stats.queryCompilations <= 22, `${stats.queryCompilations} compilations`)
  assertThrowsCode(() => drift.parseFileCached('go/missing.go'), 'SCAN_ERROR')
})

test('a scan parses added and modified files once, and nothing when nothing changed', async () => {
  const first = await drift.nativeScan(FIXTURES, { full: true })
  assert.ok(first.parse, 'scans parse by default')
  const parsed = first.parse
  const sourceFiles = Object.entries(first.languages).filter(([language]) => language !== 'unknown').reduce((n, [, count]) => n + count, 0)
  assert.equal(parsed.files + parsed.failed.length, sourceFiles)
  assert.ok(parsed.functions > 100 && parsed.classes > 30 && parsed.callSites > 500, JSON.stringify(parsed))
  assert.ok(parsed.withSyntaxErrors >= 5, 'the malformed fixtures have syntax errors')
  assert.deepEqual(Object.keys(parsed.languages).sort(), ['csharp', 'go', 'java', 'javascript', 'kotlin', 'php', 'python', 'ruby', 'rust', 'typescript'])
  const again = await drift.nativeScan(FIXTURES)
  assert.equal(again.parse.files, 0, 'unchanged files are not parsed again')
  const scanOnly = await drift.nativeScan(FIXTURES, { full: true, parse: false })
  assert.equal(scanOnly.parse, undefined)
})
