// drift.db in the browser (Debian Chromium): results survive a reload without rescanning, a
// page closed while writing reopens to the last committed state, a second tab is told it cannot save, and
// the database moves between the browser and the native addon in both directions.
// Needs `npm run build -w @drift/web` first (`npm test -w @drift/e2e` runs it).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { launchProfile, watch } from './support/browser.mjs'
import { assertNoEngineError, openPage as openPlayground, playgroundForTests, scanned } from './support/playground.mjs'
import { nativeBinding, tempDbConfig } from './support/native.mjs'
import { scratchDir } from '../scripts/scratch.mjs'

const FIXTURES = fileURLToPath(new URL('../test-fixtures', import.meta.url))
const TIMEOUT = 180_000

const playground = playgroundForTests()

/** Opens the playground and waits until the engine is ready. */
const openPage = (context, query) => openPlayground(context, playground.origin, query)

/** The stored state the page shows. */
async function storedOf(page) {
  const stored = page.getByTestId('stored')
  return {
    status: JSON.parse(await stored.getAttribute('data-status')),
    persistent: (await stored.getAttribute('data-persistent')) === 'true',
    restored: await page.getByTestId('stored-restored').textContent(),
    fileCalls: await fileCallsOf(page),
  }
}

/** The saved files' reads and writes since the page opened, as the storage panel counts them. */
async function fileCallsOf(page) {
  const calls = page.getByTestId('stored-file-calls')
  if ((await calls.count()) === 0) return null
  return { direct: Number(await calls.getAttribute('data-direct')), copied: Number(await calls.getAttribute('data-copied')) }
}

/** Uploads `folder` through the folder input and waits for the scan (and its save) to finish. */
const upload = (page, folder) => scanned(page, () => page.getByTestId('folder-input').setInputFiles(folder), TIMEOUT)

/** The files in this origin's OPFS folder of drift.db, with their sizes, by name. */
function opfsFiles(page) {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory()
    const dir = await root.getDirectoryHandle('drift', { create: true })
    const files = {}
    for await (const [name, handle] of dir.entries()) files[name] = (await handle.getFile()).size
    return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)))
  })
}

/** Names of the files in this origin's OPFS folder of drift.db. */
const opfsNames = async (page) => Object.keys(await opfsFiles(page))

/**
 * Whether drift.db's rollback journal holds a transaction to roll back: it starts with SQLite's
 * journal magic (an ended transaction leaves it empty, or its header zeroed).
 */
function journalIsHot(page) {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory()
    const dir = await root.getDirectoryHandle('drift', { create: true })
    const file = await (await dir.getFileHandle('drift.db-journal', { create: true })).getFile()
    const head = new Uint8Array(await file.slice(0, 8).arrayBuffer())
    return [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7].every((byte, i) => head[i] === byte)
  })
}

/** The saved database and its journal: what a tab that owns drift.db keeps in OPFS. */
const SAVED = ['drift.db', 'drift.db-journal']

/** A folder of one language's fixtures (a small project). */
function languageFolder(language) {
  const dir = join(scratchDir('drift-upload-'), language)
  cpSync(join(FIXTURES, language), dir, { recursive: true })
  return dir
}

test('scan, reload: the results are there without rescanning', { timeout: TIMEOUT * 2 }, async () => {
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    let page = await openPage(context)
    const fresh = await storedOf(page)
    assert.equal(fresh.persistent, true)
    assert.equal(fresh.status.counts.files, 0)
    assert.equal(fresh.restored, 'no')

    await upload(page, FIXTURES)
    await assertNoEngineError(page)
    const run = JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
    const saved = await storedOf(page)
    assert.equal(saved.status.counts.files, run.filesTotal)
    assert.equal(saved.status.counts.functions, run.parse.functions)
    assert.equal(saved.status.counts.callSites, run.parse.callSites)
    assert.match(await page.getByTestId('stored-last-save').textContent(), /^change 1, [\d.]+ KiB, flushed in /)
    const files = await opfsFiles(page)
    assert.deepEqual(Object.keys(files), SAVED)
    assert.ok(files['drift.db'] > 0, 'drift.db is written in place')
    assert.equal(files['drift.db-journal'], 0, 'no transaction is open after the scan')

    await page.reload()
    await page.waitForSelector('[data-testid="stored"], [data-testid="engine-error"]', { timeout: 60_000 })
    await assertNoEngineError(page)
    const restored = await storedOf(page)
    assert.deepEqual(restored.status.counts, saved.status.counts, 'the reloaded page has the same results')
    assert.match(restored.restored, new RegExp(`^${(files['drift.db'] / 1024).toFixed(1)} KiB, opened in `))
    assert.equal(await page.getByTestId('scan-result').count(), 0, 'nothing was scanned after the reload')
    // The results can be browsed straight from the restored database.
    await page.getByTestId('results-total').filter({ hasText: ` of ${saved.status.counts.functions}` }).waitFor()
    const firstRows = await page.getByTestId('results').locator('tbody tr').count()
    assert.equal(firstRows, Math.min(50, saved.status.counts.functions))
    await page.getByTestId('results-filter').fill('Order')
    await page.getByTestId('results-total').filter({ hasText: /^\d+ of \d+$/ }).waitFor()
    const names = await page.getByTestId('results').locator('tbody tr td:first-child').allTextContents()
    assert.ok(names.length > 0 && names.every((name) => name.startsWith('Order')), names.join(','))

    // The restored database is the baseline: the same folder again is all unchanged.
    await upload(page, FIXTURES)
    const again = JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
    assert.deepEqual([again.filesAdded, again.filesModified, again.filesRemoved, again.filesUnchanged], [0, 0, 0, run.filesTotal])

    // "Clear data": the database is empty here and in OPFS, and stays empty after a reload.
    await page.getByTestId('db-clear').click()
    await page.waitForFunction(() => JSON.parse(document.querySelector('[data-testid="stored"]')?.getAttribute('data-status') ?? '{}').counts?.files === 0)
    // Emptied, then the engine made a fresh schema in it.
    assert.deepEqual(await opfsNames(page), SAVED)
    assert.ok((await opfsFiles(page))['drift.db'] < files['drift.db'])
    await page.reload()
    await page.waitForSelector('[data-testid="stored"]', { timeout: 60_000 })
    const cleared = await storedOf(page)
    assert.equal(cleared.status.counts.files, 0)
    assert.equal(cleared.status.counts.functions, 0)
    page = null
    assert.deepEqual(seen.pageErrors, [], 'uncaught page errors')
    assert.deepEqual(seen.consoleErrors, [], 'console errors')
    assert.deepEqual(seen.foreignRequests, [], 'requests that left the local server')
  } finally {
    await context.close()
  }
})

test('in a browser profile on disk (fast handle calls, no mirror) the results survive a reload', { timeout: TIMEOUT * 2 }, async () => {
  // The other tests run in private profiles, where each handle call is slow and the file layer
  // reads from a mirror of the file in memory; here every read is a call on the handle.
  const context = await launchProfile(scratchDir('drift-profile-'))
  try {
    let page = await openPage(context)
    await upload(page, FIXTURES)
    await assertNoEngineError(page)
    const saved = (await storedOf(page)).status.counts
    assert.ok(saved.files > 20 && saved.functions > 100)
    await page.reload()
    await page.waitForSelector('[data-testid="stored"], [data-testid="engine-error"]', { timeout: 60_000 })
    await assertNoEngineError(page)
    const restored = await storedOf(page)
    assert.deepEqual(restored.status.counts, saved)
    assert.equal(await journalIsHot(page), false)
    // Every row can be read back: the listing pages through all functions.
    await page.getByTestId('results-total').filter({ hasText: ` of ${saved.functions}` }).waitFor()
    // SQLite's page reads went straight into the engine's memory, none through a copy.
    assert.ok(restored.fileCalls.direct > 0, JSON.stringify(restored.fileCalls))
    assert.equal(restored.fileCalls.copied, 0, JSON.stringify(restored.fileCalls))
    // A second scan of the same files finds them all unchanged.
    await upload(page, FIXTURES)
    const again = JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
    assert.equal(again.filesUnchanged, saved.files)
    page = null
  } finally {
    await context.close()
  }
})

test('a page closed while writing drift.db reopens to the last committed state', { timeout: TIMEOUT * 3 }, async () => {
  const context = await playground.browser.newContext()
  try {
    // State A: the Python fixtures, saved.
    let page = await openPage(context)
    await upload(page, languageFolder('python'))
    await assertNoEngineError(page)
    const a = (await storedOf(page)).status.counts
    assert.ok(a.files >= 3 && a.functions > 0)
    await page.close()

    // Writing stops part way, as when the page closes: two pages of the Go fixtures' scan reach
    // drift.db, after SQLite journaled what they overwrite; nothing is written after them.
    page = await openPage(context, '?crashAfterBytes=8192')
    assert.deepEqual((await storedOf(page)).status.counts, a)
    await upload(page, languageFolder('go'))
    const error = page.getByTestId('engine-error')
    await error.waitFor()
    assert.equal(await error.getAttribute('data-code'), 'STORAGE_ERROR')
    assert.equal(await journalIsHot(page), true, 'the interrupted transaction left its journal')
    await page.close()

    // Reopened: SQLite rolled the journal back, and the database is state A, whole.
    page = await openPage(context)
    const reopened = await storedOf(page)
    assert.deepEqual(reopened.status.counts, a)
    assert.match(reopened.restored, /^[\d.]+ KiB, opened in /)
    assert.equal(await journalIsHot(page), false, 'the journal was played back and retired')
    await assertNoEngineError(page)

    // Closing the page at once, mid-scan: what the scan had committed stays, as when a scan is
    // cancelled. The next page opens A, or the Go scan whole or in part (old files removed,
    // some new ones stored), and it is a working database either way: scanning the folder
    // again completes it.
    const go = languageFolder('go')
    await page.getByTestId('folder-input').setInputFiles(go)
    await page.waitForTimeout(50)
    await page.close()
    page = await openPage(context)
    const after = await storedOf(page)
    const isA = JSON.stringify(after.status.counts) === JSON.stringify(a)
    const isGo = after.status.lastScanRoot === 'go' && after.status.counts.files <= 3
    assert.ok(isA || isGo, `neither the old state nor the Go scan: ${JSON.stringify(after.status)}`)
    await upload(page, go)
    await assertNoEngineError(page)
    const completed = (await storedOf(page)).status.counts
    assert.equal(completed.files, 3)
    assert.ok(completed.functions > 0 && completed.functions !== a.functions)
    await upload(page, languageFolder('ruby'))
    await assertNoEngineError(page)
    assert.equal((await storedOf(page)).status.counts.files, 3, 'the reopened database takes new scans')
  } finally {
    await context.close()
  }
})

test('a cancelled scan leaves a usable result and the next scan completes it', { timeout: TIMEOUT * 2 }, async () => {
  const folder = join(scratchDir('drift-many-'), 'many')
  for (let i = 0; i < 4000; i++) {
    const dir = join(folder, `pkg${i % 40}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, `m${i}.py`), `def f${i}(x):\n    return g(x) + ${i}\n`)
  }
  const context = await playground.browser.newContext()
  try {
    const page = await openPage(context)
    await page.getByTestId('folder-input').setInputFiles(folder)
    await page.waitForFunction(() => document.querySelector('[data-testid="scan-progress"]')?.textContent?.startsWith('scanning:') || document.querySelector('[data-testid="scan-result"]'), null, { timeout: TIMEOUT })
    if (await page.getByTestId('scan-cancel').count()) await page.getByTestId('scan-cancel').click()
    await page.waitForSelector('[data-testid="scan-result"], [data-testid="engine-error"]', { timeout: TIMEOUT })
    await assertNoEngineError(page)
    const first = JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
    const stored = (await storedOf(page)).status.counts
    console.log(`cancelled scan: ${first.status}, ${first.filesTotal} of 4000 files, ${stored.files} stored`)
    if (first.status === 'partial') {
      assert.ok(first.filesTotal < 4000, `a partial scan saw ${first.filesTotal} files`)
      assert.ok(stored.files <= first.filesTotal, 'only finished files were stored')
    } else {
      // The scan ended before the cancel reached it: nothing to cancel, a complete result.
      assert.equal(first.filesTotal, 4000)
    }
    await upload(page, folder)
    const second = JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
    assert.equal(second.status, 'complete')
    assert.equal(second.filesTotal, 4000)
    assert.equal(second.filesAdded + second.filesUnchanged, 4000)
    assert.equal((await storedOf(page)).status.counts.functions, 4000)
  } finally {
    await context.close()
  }
})

test('the built-in sample repository scans as the native addon scans the same folders', { timeout: TIMEOUT }, async () => {
  const languages = ['csharp', 'go', 'java', 'javascript', 'kotlin', 'php', 'python', 'ruby', 'rust', 'typescript']
  const sample = join(scratchDir('drift-sample-'), 'sample')
  for (const language of languages) cpSync(join(FIXTURES, language), join(sample, language), { recursive: true })
  const native = nativeBinding()
  native.driftInitialize({ root: sample, threads: 2, configToml: tempDbConfig() })
  let expected
  try {
    expected = await native.nativeScan('.', { full: true })
  } finally {
    native.driftShutdown()
  }
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await openPage(context)
    await page.getByTestId('sample-scan').click()
    await page.waitForSelector('[data-testid="scan-result"], [data-testid="engine-error"]', { timeout: TIMEOUT })
    await assertNoEngineError(page)
    const run = JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
    assert.equal(run.digest, expected.digest, 'the same files with the same contents')
    assert.deepEqual(run.languages, expected.languages)
    const { parseMs: _a, ...browserParse } = run.parse
    const { parseMs: _b, ...nativeParse } = expected.parse
    assert.deepEqual(browserParse, nativeParse)
    assert.equal((await storedOf(page)).status.lastScanRoot, 'sample')
    assert.deepEqual(seen.foreignRequests, [], 'requests that left the local server')
    assert.deepEqual(seen.consoleErrors, [], 'console errors')
  } finally {
    await context.close()
  }
})

test('a second tab is told the database is in use and does not touch it', { timeout: TIMEOUT }, async () => {
  const context = await playground.browser.newContext()
  try {
    const first = await openPage(context)
    assert.equal((await storedOf(first)).persistent, true)
    const second = await openPage(context)
    const state = await storedOf(second)
    assert.equal(state.persistent, false)
    const message = await second.getByTestId('storage-message').textContent()
    assert.match(message, /^\[DB_BUSY\] drift\.db is open in another tab/)
    // The second tab still works (in memory); the first tab's saved data is untouched by it.
    await second.bringToFront()
    await upload(second, languageFolder('kotlin'))
    await assertNoEngineError(second)
    assert.equal(await second.getByTestId('stored-footprint').textContent(), 'not saved (memory only)')
    await first.bringToFront()
    await upload(first, languageFolder('java'))
    await assertNoEngineError(first)
    assert.deepEqual(await opfsNames(first), SAVED)
    const javaCounts = (await storedOf(first)).status.counts
    await second.close()
    await first.reload()
    await first.waitForSelector('[data-testid="stored"]', { timeout: 60_000 })
    assert.deepEqual((await storedOf(first)).status.counts, javaCounts)
  } finally {
    await context.close()
  }
})

test('drift.db moves between the browser and the native addon, both ways', { timeout: TIMEOUT * 2 }, async () => {
  const native = nativeBinding()
  const work = scratchDir('drift-move-')
  const context = await playground.browser.newContext({ acceptDownloads: true })
  try {
    // Browser -> native: the downloaded file opens natively with the same rows.
    const page = await openPage(context)
    await upload(page, FIXTURES)
    await assertNoEngineError(page)
    const browserStatus = (await storedOf(page)).status
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('db-download').click()])
    assert.equal(download.suggestedFilename(), 'drift.db')
    const downloaded = join(work, 'downloaded.db')
    await download.saveAs(downloaded)
    native.driftInitialize({ root: FIXTURES, threads: 2, configToml: tempDbConfig(downloaded) })
    try {
      assert.deepEqual(native.queryStatus().counts, browserStatus.counts)
      assert.equal(native.queryFunctions(null, { limit: 1 }).total, browserStatus.counts.functions)
    } finally {
      native.driftShutdown()
    }

    // Native -> browser: a natively scanned drift.db (of the Rust fixtures only) is loaded.
    const nativeDb = join(work, 'native.db')
    native.driftInitialize({ root: join(FIXTURES, 'rust'), threads: 2, configToml: tempDbConfig(nativeDb) })
    let nativeCounts
    try {
      await native.nativeScan('.', { full: true })
      nativeCounts = native.queryStatus().counts
      // An absolute path: the backup goes next to the database, not into the fixtures.
      await native.backupDatabase(join(work, 'native-copy.db'))
    } finally {
      native.driftShutdown()
    }
    await page.getByTestId('db-input').setInputFiles(join(work, 'native-copy.db'))
    await page.waitForFunction(
      (files) => JSON.parse(document.querySelector('[data-testid="stored"]')?.getAttribute('data-status') ?? '{}').counts?.files === files,
      nativeCounts.files,
      { timeout: 60_000 },
    )
    await assertNoEngineError(page)
    assert.deepEqual((await storedOf(page)).status.counts, nativeCounts)
    // Saved: it is what a reload opens.
    await page.reload()
    await page.waitForSelector('[data-testid="stored"]', { timeout: 60_000 })
    assert.deepEqual((await storedOf(page)).status.counts, nativeCounts)

    // A file that is not a drift.db is refused and changes nothing.
    const before = (await storedOf(page)).status.counts
    await page.getByTestId('db-input').setInputFiles(join(FIXTURES, 'README.md'))
    const error = page.getByTestId('engine-error')
    await error.waitFor()
    assert.equal(await error.getAttribute('data-code'), 'DB_CORRUPT')
    assert.deepEqual((await storedOf(page)).status.counts, before)
  } finally {
    await context.close()
  }
})
