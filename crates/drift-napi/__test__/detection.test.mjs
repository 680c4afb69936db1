// Pattern detection through the binding, in the build DRIFT_BACKEND names: the labelled cases
// and apps of test-fixtures/detection are scanned, learned from and listed; filters, pages,
// details, statuses (kept across engines), user packs (a bad one reported, the others kept)
// and unknown suppressions. Records what it found to target/detection-results-<backend>.json;
// the wasm run compares the patterns, confidences and violations with the native run's.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { FIXTURES, assertThrowsCode, compareWithOtherBackend, drift, everyPage } from './binding.mjs'
import { scratchDir } from '../../../scripts/scratch.mjs'

const results = {}


const BAD_PACK = `[[patterns]]
id = "team/bad"
category = "api"
[patterns.match]
content_patterns = ["(unclosed"]
`
const GOOD_PACK = `[[patterns]]
id = "team/ticket-todo"
category = "documentation"
description = "A TODO naming a ticket"
[patterns.match]
content_patterns = ['TODO\\(JIRA-\\d+\\)']
`

test('detection on the labelled fixtures: patterns, details, violations, statuses and packs', async () => {
  const root = scratchDir('drift-detection-')
  const dbDir = scratchDir('drift-detection-db-')
  execFileSync('cp', ['-r', join(FIXTURES, 'detection'), root])
  mkdirSync(join(root, '.drift', 'packs'), { recursive: true })
  writeFileSync(join(root, '.drift', 'packs', 'bad.toml'), BAD_PACK)
  writeFileSync(join(root, '.drift', 'packs', 'team.toml'), GOOD_PACK)
  writeFileSync(
    join(root, 'tickets.py'),
    '# TODO(JIRA-12) split this\n\n\ndef run():\n    try:\n        go()\n    # drift-ignore-next-line no/such-rule\n    except OSError:\n        raise\n',
  )
  const config = `[storage]\ndb_path = ${JSON.stringify(join(dbDir, 'drift.db'))}\n`
  drift.driftInitialize({ root, threads: 2, configToml: config })
  try {
    await drift.nativeScan(root, { full: true })
    const summary = drift.detectPatterns()
    assert.equal(summary.status, 'complete')
    assert.ok(summary.totalPatterns >= 20, `${summary.totalPatterns} patterns`)
    assert.equal(summary.packErrors.length, 1, JSON.stringify(summary.packErrors))
    assert.match(summary.packErrors[0], /^\[CONFIG_INVALID\] .*bad\.toml line 5/)
    assert.deepEqual(
      summary.unknownSuppressions.map((u) => [u.file, u.line, u.rule]),
      [['tickets.py', 7, 'no/such-rule']],
    )
    const patterns = everyPage(drift.queryPatterns, null)
    assert.equal(patterns.length, summary.totalPatterns)
    assert.ok(patterns.some((p) => p.id === 'team/ticket-todo' && p.locationCount === 1), 'the user pack runs')
    for (let i = 1; i < patterns.length; i += 1) assert.ok(patterns[i - 1].confidence >= patterns[i].confidence, 'most confident first')
    const errors = everyPage(drift.queryPatterns, { category: 'errors' })
    assert.ok(errors.length >= 5 && errors.every((p) => p.category === 'errors'))
    const tiers = new Set(patterns.map((p) => p.tier))
    for (const tier of tiers) assert.ok(['established', 'emerging', 'tentative', 'uncertain'].includes(tier))
    const established = everyPage(drift.queryPatterns, { tier: 'established' })
    assert.ok(established.every((p) => p.confidence >= 0.85))
    assertThrowsCode(() => drift.queryPatterns({ category: 'astrology' }), 'INVALID_FILTER')
    assertThrowsCode(() => drift.queryPatterns({ tier: 'legendary' }), 'INVALID_FILTER')
    assertThrowsCode(() => drift.queryPatterns(null, { cursor: 'not-a-cursor' }), 'INVALID_CURSOR')

    const busiest = [...patterns].sort((a, b) => b.locationCount - a.locationCount || a.id.localeCompare(b.id))[0]
    const first = drift.queryPatternDetail(busiest.id, { limit: 2 })
    assert.equal(first.pattern.id, busiest.id)
    assert.equal(first.locationTotal, busiest.locationCount)
    assert.ok(first.credibleInterval[0] <= first.pattern.confidence && first.pattern.confidence <= first.credibleInterval[1])
    const locations = [...first.locations]
    let cursor = first.nextCursor
    while (cursor) {
      const next = drift.queryPatternDetail(busiest.id, { cursor, limit: 2 })
      locations.push(...next.locations)
      cursor = next.nextCursor
    }
    assert.equal(locations.length, busiest.locationCount)
    assertThrowsCode(() => drift.queryPatternDetail('no/such-pattern'), 'NOT_FOUND')

    const violations = everyPage(drift.queryViolations, null)
    assert.equal(violations.filter((v) => !v.suppressed).length, summary.totalViolations)
    for (const v of violations) {
      assert.ok(['error', 'warning', 'info', 'hint'].includes(v.severity))
      assert.ok(v.message.length > 0 && v.line >= 1)
      assert.equal(v.id, `${v.ruleId}-${v.file}-${v.line}`)
    }
    const infos = everyPage(drift.queryViolations, { severity: 'info' })
    assert.ok(infos.every((v) => v.severity === 'info'))
    assertThrowsCode(() => drift.queryViolations({ severity: 'catastrophic' }), 'INVALID_FILTER')
    const inFile = drift.queryViolationsInFile(violations[0].file)
    assert.ok(inFile.some((v) => v.id === violations[0].id))

    // Approving the convention a violation deviates from makes it a warning (or error), and
    // the status outlives the engine.
    const deviation = violations.find((v) => v.kind === 'deviation')
    assert.ok(deviation, 'the labelled apps hold a deviation')
    const approved = drift.setPatternStatus(deviation.convention, 'approved')
    assert.equal(approved.status, 'approved')
    const after = drift.queryViolations({ patternId: deviation.patternId }).items.find((v) => v.id === deviation.id)
    assert.ok(['warning', 'error'].includes(after.severity), after.severity)
    assertThrowsCode(() => drift.setPatternStatus('no/such-pattern', 'approved'), 'NOT_FOUND')
    assertThrowsCode(() => drift.setPatternStatus(deviation.convention, 'blessed'), 'INVALID_ARGUMENT')
    results.fixtures = {
      patterns: patterns.map(({ id, confidence, tier, role, locationCount, fileSpread, dominance, violationCount }) => ({ id, confidence, tier, role, locationCount, fileSpread, dominance, violationCount })),
      violations: violations.map(({ id, severity, kind, message }) => ({ id, severity, kind, message })),
    }
  } finally {
    drift.driftShutdown()
  }
  drift.driftInitialize({ root, threads: 2, configToml: config })
  try {
    const kept = drift.queryPatterns({ status: 'approved' }).items
    assert.equal(kept.length, 1)
    // A second engine sees the same, and a relearn without changes reports nothing new.
    const again = drift.detectPatterns()
    assert.equal(again.newPatterns, 0)
    assert.equal(again.newViolations, 0)
  } finally {
    drift.driftShutdown()
  }
})

test('native and wasm detect and learn the same', (t) => compareWithOtherBackend(t, 'detection-results', results))
