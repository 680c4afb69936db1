// The call graph through the binding, in either build: the labelled TypeScript fixture scanned
// as a project, callers and callees by every way of naming a function, and the coded errors.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'

import { FIXTURES, assertThrowsCode, drift, tempDbConfig } from './binding.mjs'

const ROOT = join(FIXTURES, 'callgraph', 'typescript')

before(() => drift.driftInitialize({ threads: 2, root: ROOT, configToml: tempDbConfig() }))
after(() => drift.driftShutdown())

test('before a scan there is no graph', () => {
  assertThrowsCode(() => drift.buildCallGraph(), 'CALL_GRAPH_NOT_BUILT')
  assertThrowsCode(() => drift.queryCallers('normalizeName'), 'CALL_GRAPH_NOT_BUILT')
})

test('callers and callees of the scanned project, named every way', async () => {
  await drift.nativeScan('.', { full: true })
  const stats = drift.buildCallGraph()
  assert.equal(stats.edges, 20)
  assert.equal(stats.byStrategy.callback, 3, JSON.stringify(stats.byStrategy))
  assert.ok(stats.functions >= 20, `${stats.functions} functions`)
  assert.ok(stats.byStrategy.di_injection >= 4, JSON.stringify(stats.byStrategy))
  const typescript = stats.byLanguage.find((row) => row.language === 'typescript')
  assert.ok(typescript.resolved > 0 && typescript.resolved <= typescript.total)
  assert.ok(stats.resolutionRate > 0 && stats.resolutionRate <= 1)

  const byId = drift.queryCallers('src/users/user.service.ts::UserService.create')
  assert.deepEqual(
    byId.map((edge) => [edge.function.id, edge.strategy]),
    [['src/users/user.controller.ts::UserController.create', 'di_injection']],
  )
  assert.equal(byId[0].function.entryPoint, 'route_handler')
  assert.equal(byId[0].confidence, 0.8)
  assert.deepEqual(drift.queryCallers('src/users/user.service.ts:UserService.create'), byId)
  assert.deepEqual(drift.queryCallers('UserService.create'), byId)

  const callees = drift.queryCallees('bootstrap').map((edge) => edge.function.qualifiedName).sort()
  assert.deepEqual(callees, ['factorial', 'factorial', 'makeSquare', 'normalizeName', 'slugify', 'tick'])
  // `setTimeout(tick, 10)` and `[1, 2].map(factorial)`: functions passed as values.
  const passed = drift.queryCallees('bootstrap').filter((edge) => edge.strategy === 'callback')
  assert.deepEqual(passed.map((edge) => [edge.function.name, edge.confidence]).sort(), [['factorial', 0.5], ['tick', 0.5]])
  const recursive = drift.queryCallees('factorial')
  assert.deepEqual(recursive.map((edge) => edge.function.name), ['factorial'])
})

test('unknown and ambiguous names are coded errors; ambiguity lists the candidates', () => {
  assertThrowsCode(() => drift.queryCallers('noSuchFunction'), 'FUNCTION_NOT_FOUND')
  try {
    drift.queryCallees('create')
    assert.fail('`create` names two functions')
  } catch (error) {
    assert.match(error.message, /^\[AMBIGUOUS_FUNCTION\] /)
    assert.match(error.message, /UserController\.create/)
    assert.match(error.message, /UserService\.create/)
  }
})
