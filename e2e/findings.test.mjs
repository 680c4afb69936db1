// The Findings rail on the sample (whose files follow conventions the engine learns, and depart
// from some: ruby/billing_cycle.rb has a catch-all `rescue => e` where the sample's handlers are
// typed, python/views.py builds SQL from a request): categories with counts, patterns with
// their confidence, tier, spread, role and status, a pattern's locations opened in Monaco,
// violations filtered by category and by severity, a violation opened in Monaco as a marker
// whose hover gives the message, the convention and the fix, and a pattern approved here still
// approved after a reload (the status is kept in drift.db, saved on OPFS).
// Needs `npm run build -w @drift/web` first (`npm test -w @drift/e2e` runs it).
import { test } from 'node:test'
import assert from 'node:assert/strict'

import { watch } from './support/browser.mjs'
import { assertNoEngineError, openPage, playgroundForTests, scanned } from './support/playground.mjs'

const TIMEOUT = 180_000
const TIERS = ['established', 'emerging', 'tentative', 'uncertain']
const ROLES = ['dominant', 'deviation', 'contested', 'none']

const playground = playgroundForTests()

/** The violations listed, as their attributes and text say. */
function listedViolations(page) {
  return page.locator('[data-testid="violations"] [data-testid="violation"]').evaluateAll((buttons) =>
    buttons.map((button) => ({
      file: button.dataset.file,
      line: Number(button.dataset.line),
      severity: button.dataset.severity,
      category: button.dataset.category,
      convention: button.dataset.convention,
      message: button.querySelector('[data-testid="violation-message"]')?.textContent ?? '',
      fix: button.querySelector('[data-testid="violation-fix"]')?.textContent.replace(/^Fix: /, '') ?? '',
    })),
  )
}

/** Waits until the violations listed are `count`, each with `filter`'s attributes. */
async function waitForViolations(page, count, filter = {}) {
  await page.waitForFunction(
    ({ count, filter }) => {
      const rows = [...document.querySelectorAll('[data-testid="violations"] [data-testid="violation"]')]
      return rows.length === count && rows.every((row) => Object.entries(filter).every(([key, value]) => row.dataset[key] === value))
    },
    { count, filter },
    { timeout: 10_000 },
  )
}

/** `rows` by `key` (Object.groupBy is Node 21+). */
function groupBy(rows, key) {
  const groups = {}
  for (const row of rows) (groups[row[key]] ??= []).push(row)
  return groups
}

/** Waits until the editor shows `file` with the cursor on the 0-based `line`. */
async function waitForEditorAt(page, file, line) {
  await page.waitForFunction(
    ({ file, line }) => {
      const editor = document.querySelector('[data-testid="editor"]')
      return editor?.getAttribute('data-path') === file && editor.getAttribute('data-cursor-line') === String(line)
    },
    { file, line },
    { timeout: 10_000 },
  )
}

test('findings: patterns and violations listed, filtered, marked in the editor; an approval survives a reload', { timeout: TIMEOUT * 2 }, async () => {
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    let page = await openPage(context, playground.origin)
    await scanned(page, () => page.getByTestId('sample-scan').click(), TIMEOUT)
    await assertNoEngineError(page)
    await page.keyboard.press('Alt+5')
    await page.getByTestId('findings-summary').waitFor({ timeout: 30_000 })
    assert.equal(await page.getByTestId('tab-findings').getAttribute('aria-selected'), 'true')
    assert.ok(Number(await page.getByTestId('patterns-total').textContent()) > 0, 'patterns learnt from the sample')

    // Categories with counts: the errors pack runs on every project.
    const categories = page.getByTestId('finding-category')
    await categories.first().waitFor({ timeout: 10_000 })
    const categoryNames = await categories.evaluateAll((buttons) => buttons.map((button) => button.dataset.category))
    assert.ok(categoryNames.includes('errors'), categoryNames.join(', '))
    assert.match(await categories.filter({ hasText: 'errors' }).first().textContent(), /\d+ patterns? · \d+ violations?/)

    // Patterns: confidence, tier, spread, role and status on each.
    const patterns = page.locator('[data-testid="patterns"] [data-testid="pattern"]')
    assert.ok((await patterns.count()) > 0)
    for (const row of await patterns.evaluateAll((items) => items.map((item) => ({ role: item.dataset.role, status: item.dataset.status, text: item.textContent })))) {
      assert.ok(ROLES.includes(row.role), row.text)
      assert.equal(row.status, 'discovered', row.text)
      assert.match(row.text, new RegExp(`\\d+%(${TIERS.join('|')})\\d+ files?`), row.text)
    }

    // Violations, then filtered by a category and by a severity: the list changes.
    const total = Number(await page.getByTestId('violations-total').textContent())
    assert.ok(total >= 2, `violations in the sample: ${total}`)
    await waitForViolations(page, total)
    const all = await listedViolations(page)
    const byCategory = groupBy(all, 'category')
    const category = Object.keys(byCategory).find((name) => byCategory[name].length < all.length)
    assert.ok(category, `violations of one category only: ${Object.keys(byCategory)}`)
    await page.getByTestId('findings-category').selectOption(category)
    await waitForViolations(page, byCategory[category].length, { category })
    // The patterns listed are the category's too.
    const shownCategories = await patterns.evaluateAll((items) => [...new Set(items.map((item) => item.dataset.category))])
    assert.deepEqual(shownCategories, [category])
    await page.getByTestId('findings-category').selectOption('')
    await waitForViolations(page, all.length)

    const bySeverity = groupBy(all, 'severity')
    const severity = Object.keys(bySeverity).find((name) => bySeverity[name].length < all.length)
    assert.ok(severity, `violations of one severity only: ${Object.keys(bySeverity)}`)
    await page.getByTestId('findings-severity').selectOption(severity)
    await waitForViolations(page, bySeverity[severity].length, { severity })
    await page.getByTestId('findings-severity').selectOption('')
    await waitForViolations(page, all.length)

    // A deviation from a convention, with a fix: a click opens its line in Monaco, where a
    // marker of its severity says what it is, which convention it departs from, and the fix.
    const violation = all.find((row) => row.convention && row.fix) ?? all.find((row) => row.fix)
    assert.ok(violation, 'a violation with a suggested fix')
    await page.locator(`[data-testid="violation"][data-file="${violation.file}"][data-line="${violation.line}"]`).first().click()
    await waitForEditorAt(page, violation.file, violation.line - 1)
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="editor"]')?.getAttribute('data-violations')) > 0)
    const squiggle = page.locator(`[data-testid="editor"] .squiggly-${violation.severity}`)
    await squiggle.first().waitFor({ timeout: 10_000 })
    // The squiggle lies under Monaco's text layer: the mouse goes to its place, in view.
    await page.getByTestId('editor').evaluate((editor) => editor.scrollIntoView({ block: 'center' }))
    const box = await squiggle.first().boundingBox()
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 })
    const hover = page.locator('.monaco-hover:not(.hidden)')
    await hover.filter({ hasText: violation.message }).first().waitFor({ timeout: 10_000 })
    const hoverText = await hover.filter({ hasText: violation.message }).first().textContent()
    assert.ok(hoverText.includes(violation.fix), hoverText)
    if (violation.convention) assert.ok(hoverText.includes(violation.convention), hoverText)

    // The convention's pattern: a click lists its locations; a location opens in Monaco.
    const patternId = violation.convention || (await patterns.first().getAttribute('data-pattern-id'))
    const pattern = page.locator(`[data-testid="pattern"][data-pattern-id="${patternId}"]`)
    await pattern.getByTestId('pattern-open').click()
    const location = pattern.getByTestId('pattern-location').first()
    await location.waitFor({ timeout: 10_000 })
    const place = { file: await location.getAttribute('data-file'), line: Number(await location.getAttribute('data-line')) }
    await location.click()
    await waitForEditorAt(page, place.file, place.line - 1)

    // Approve it: the status is saved in drift.db on OPFS (one more change) ...
    const saved = await page.getByTestId('stored-last-save').textContent()
    await pattern.getByTestId('pattern-approve').click()
    await page.locator(`[data-testid="pattern"][data-pattern-id="${patternId}"][data-status="approved"]`).waitFor({ timeout: 30_000 })
    assert.match(await page.getByTestId('status-note').textContent(), new RegExp(`${patternId} is approved`))
    await page.waitForFunction((before) => document.querySelector('[data-testid="stored-last-save"]')?.textContent !== before, saved)

    // ... and still approved after a reload, without scanning again.
    await page.reload()
    await page.waitForSelector('[data-testid="stored"], [data-testid="engine-error"]', { timeout: 60_000 })
    await assertNoEngineError(page)
    await page.getByTestId('tab-findings').waitFor({ timeout: 30_000 })
    await page.keyboard.press('Alt+5')
    const restored = page.locator(`[data-testid="pattern"][data-pattern-id="${patternId}"]`)
    await restored.waitFor({ timeout: 30_000 })
    assert.equal(await restored.getAttribute('data-status'), 'approved')
    assert.equal(await restored.getByTestId('pattern-approve').getAttribute('aria-pressed'), 'true')
    assert.equal(await restored.getByTestId('pattern-status').textContent(), 'approved')
    assert.equal(await page.getByTestId('scan-result').count(), 0, 'nothing was scanned after the reload')

    assert.deepEqual(seen.foreignRequests, [], 'requests that left the local server')
    assert.deepEqual(seen.pageErrors, [], 'uncaught page errors')
    assert.deepEqual(seen.consoleErrors, [], 'console errors')
  } finally {
    await context.close()
  }
})
