// The playground as a user drives it (Debian Chromium, production build): the sample in the
// file tree and the per-language chart, symbol search and click-to-reveal in Monaco, a folder
// re-opened after an edit showing what changed, a .zip with hostile entry names, live parsing
// of typed code, the URL keeping the file shown, snippet links and the embed mode.
// Needs `npm run build -w @drift/web` first (`npm test -w @drift/e2e` runs it).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { deflateSync, strToU8, zipSync } from 'fflate'

import { watch } from './support/browser.mjs'
import { assertNoEngineError, openPage as openPlayground, playgroundForTests, scanned } from './support/playground.mjs'
import { scratchDir } from '../scripts/scratch.mjs'

const FIXTURES = fileURLToPath(new URL('../test-fixtures', import.meta.url))
const TIMEOUT = 180_000

const playground = playgroundForTests()

/** Opens the playground and waits until the engine is ready. */
const openPage = (context, query) => openPlayground(context, playground.origin, query)

/** Runs `start` (which starts a scan) and returns the scan's result once it is shown. */
async function scan(page, start) {
  await scanned(page, start, TIMEOUT)
  await assertNoEngineError(page)
  return JSON.parse(await page.getByTestId('scan-result').getAttribute('data-run'))
}

/** Waits until the file tree lists `count` files. */
async function treeHas(page, count) {
  await page.waitForFunction((n) => document.querySelector('[data-testid="file-tree"]')?.getAttribute('data-files') === String(n), count, {
    timeout: 60_000,
  })
}

/** Types into the Monaco editor on the page, replacing its text. */
async function typeInEditor(page, text) {
  // Monaco takes keyboard input through its own edit context: focus it by a click.
  await page.locator('[data-testid="editor"] .view-lines').click()
  await page.keyboard.press('Control+A')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(text)
}

function assertClean(seen) {
  assert.deepEqual(seen.foreignRequests, [], 'requests that left the local server')
  assert.deepEqual(seen.pageErrors, [], 'uncaught page errors')
  assert.deepEqual(seen.consoleErrors, [], 'console errors')
}

test('sample: tree and chart, symbol search reveals the symbol, the URL keeps it across a reload', { timeout: TIMEOUT }, async () => {
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await openPage(context)
    const run = await scan(page, () => page.getByTestId('sample-scan').click())
    await treeHas(page, run.filesTotal)

    // The chart has a bar per language with the files the scan found.
    const bars = await page.locator('[data-testid="chart"] [data-metric="files"]').evaluateAll((rows) =>
      Object.fromEntries(rows.map((row) => [row.getAttribute('data-language'), Number(row.getAttribute('data-value'))])),
    )
    assert.deepEqual(bars, run.languages)
    const functions = await page.locator('[data-testid="chart"] [data-metric="functions"]').evaluateAll((rows) =>
      rows.reduce((sum, row) => sum + Number(row.getAttribute('data-value')), 0),
    )
    assert.equal(functions, run.parse.functions)

    // A language chip filters the tree.
    await page.locator('[data-testid="tree-languages"] [data-language="go"]').click()
    await treeHas(page, run.languages.go)
    await page.locator('[data-testid="tree-languages"] [data-language="go"]').click()
    await treeHas(page, run.filesTotal)

    // Symbol search as you type, then a hit opens its file at its line.
    await page.getByTestId('tab-symbols').click()
    await page.getByTestId('symbol-search').fill('totalValue')
    const hit = page.locator('[data-testid="symbol-results"] li').first()
    await hit.waitFor({ timeout: 30_000 })
    const names = await page.locator('[data-testid="symbol-results"] li .kind-function').allTextContents()
    assert.ok(names.length > 0 && names.every((name) => name.startsWith('totalValue')), names.join(', '))
    const file = await hit.getAttribute('data-file')
    const line = Number(await hit.getAttribute('data-line'))
    await hit.click()
    await page.waitForFunction(
      ([path, at]) => {
        const editor = document.querySelector('[data-testid="editor"]')
        return editor?.getAttribute('data-path') === path && editor.getAttribute('data-cursor-line') === String(at)
      },
      [file, line],
      { timeout: 30_000 },
    )
    const source = readFileSync(join(FIXTURES, file), 'utf8').split('\n')
    assert.match(source[line], /totalValue/, 'the revealed line declares the symbol')
    // Monaco shows that line, decorated as a function.
    await page.locator('[data-testid="editor"] .drift-symbol-function').first().waitFor()
    assert.ok((await page.getByTestId('outline-function').getAttribute('data-count')) > 0)

    // An outline entry reveals its line too.
    const entry = page.locator('[data-testid="outline-class"] li button').first()
    const classLine = await entry.getAttribute('data-line')
    await entry.click()
    await page.waitForFunction((at) => document.querySelector('[data-testid="editor"]')?.getAttribute('data-cursor-line') === at, classLine)

    // The URL names the file, the line and the rail; a reload restores them without a scan.
    const url = new URL(page.url())
    assert.equal(url.searchParams.get('file'), file)
    assert.equal(url.searchParams.get('line'), String(line + 1))
    assert.equal(url.searchParams.get('rail'), 'symbols')
    await page.reload()
    await page.waitForFunction(
      ([path, at]) => {
        const editor = document.querySelector('[data-testid="editor"]')
        return editor?.getAttribute('data-path') === path && editor.getAttribute('data-cursor-line') === String(at)
      },
      [file, line],
      { timeout: 60_000 },
    )
    assert.equal(await page.getByTestId('tab-symbols').getAttribute('aria-selected'), 'true')
    await page.keyboard.press('Alt+1')
    await treeHas(page, run.filesTotal)
    assertClean(seen)
  } finally {
    await context.close()
  }
})

test('re-opening an edited folder scans incrementally and shows what changed', { timeout: TIMEOUT }, async () => {
  const folder = join(scratchDir('drift-reopen-'), 'project')
  cpSync(join(FIXTURES, 'python'), folder, { recursive: true })
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await openPage(context)
    const first = await scan(page, () => page.getByTestId('folder-input').setInputFiles(folder))
    assert.ok(first.filesAdded > 0)
    await treeHas(page, first.filesTotal)

    const [edited] = (await page.locator('[data-testid="file-tree"] [data-path$=".py"]').evaluateAll((rows) => rows.map((row) => row.dataset.path)))
    writeFileSync(join(folder, edited), `${readFileSync(join(folder, edited), 'utf8')}\ndef added_by_the_test():\n    return 1\n`)
    writeFileSync(join(folder, 'brand_new.py'), 'def fresh():\n    pass\n')
    const second = await scan(page, () => page.getByTestId('folder-input').setInputFiles(folder))
    assert.equal(second.filesAdded, 1)
    assert.equal(second.filesModified, 1)
    assert.equal(second.filesUnchanged, first.filesTotal - 1)
    const changes = await page.locator('[data-testid="scan-changes"] li').evaluateAll((items) =>
      items.map((item) => [item.dataset.change, item.textContent.slice(2)]),
    )
    assert.deepEqual(changes, [
      ['added', 'brand_new.py'],
      ['modified', edited],
    ])
    // The new function is searchable at once.
    await page.getByTestId('tab-symbols').click()
    await page.getByTestId('symbol-search').fill('added_by_the')
    await page.locator('[data-testid="symbol-results"] li[data-file]').first().waitFor()
    assert.equal(await page.locator('[data-testid="symbol-results"] li').first().getAttribute('data-file'), edited)
    await page.locator('[data-testid="symbol-results"] li').first().click()
    await page.locator('[data-testid="editor"] .view-lines').filter({ hasText: 'added_by_the_test' }).waitFor()

    // After a reload the editor shows the folder's text again (kept beside drift.db).
    await page.reload()
    await page.locator('[data-testid="editor"] .view-lines').filter({ hasText: 'added_by_the_test' }).waitFor({ timeout: 60_000 })
    assert.equal(await page.getByTestId('no-source').count(), 0)
    assert.equal(await page.getByTestId('outline').getAttribute('data-origin'), 'parse')
    assertClean(seen)
  } finally {
    await context.close()
  }
})

test('a .zip is scanned; entries leaving the folder or absolute are refused and listed', { timeout: TIMEOUT }, async () => {
  const dir = scratchDir('drift-zip-')
  const good = readFileSync(join(FIXTURES, 'typescript/inventory.ts'))
  const archive = zipSync({
    'repo-main/src/inventory.ts': good,
    'repo-main/src/util.js': strToU8('export function util() { return 1 }\n'),
    // TypeScript 4.7-5.x syntax, which the page's grammar parses without errors.
    'repo-main/src/modern.ts': readFileSync(join(FIXTURES, 'typescript/modern.ts')),
    'repo-main/../../escape.ts': strToU8('export const pwned = 1\n'),
    '/etc/absolute.ts': strToU8('export const pwned = 2\n'),
    // Over the 1 MiB file limit: listed, and not even inflated (a zip bomb stays small).
    'repo-main/huge.js': strToU8(`// ${'x'.repeat(1_200_000)}\n`),
  })
  const zipPath = join(dir, 'repo-main.zip')
  writeFileSync(zipPath, archive)
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await openPage(context)
    const run = await scan(page, () => page.getByTestId('zip-input').setInputFiles(zipPath))
    assert.equal(run.filesTotal, 3)
    assert.equal(run.archive.entries, 6)
    assert.equal(run.parse.withSyntaxErrors, 0, 'modern TypeScript parses cleanly')
    await treeHas(page, 3)
    const paths = await page.locator('[data-testid="file-tree"] [data-path]').evaluateAll((rows) => rows.map((row) => row.dataset.path))
    assert.ok(paths.includes('repo-main/src/inventory.ts'), paths.join(', '))
    const refused = await page.locator('[data-testid="scan-skipped"] li').allTextContents()
    assert.ok(refused.some((line) => line.includes('escape.ts') && line.includes('[SCAN_ERROR]')), refused.join('\n'))
    assert.ok(refused.some((line) => line.includes('/etc/absolute.ts') && line.includes('[SCAN_ERROR]')), refused.join('\n'))
    assert.ok(refused.some((line) => line.includes('repo-main/huge.js') && line.includes('[FILE_TOO_LARGE]')), refused.join('\n'))
    assert.ok(paths.every((path) => !path.includes('escape') && !path.includes('absolute') && !path.includes('huge')))
    assertClean(seen)
  } finally {
    await context.close()
  }
})

test('default-ignored directories are listed with their rule; one click brings one back, kept across a reload', { timeout: TIMEOUT }, async () => {
  const dir = scratchDir('drift-include-')
  const zipPath = join(dir, 'app.zip')
  writeFileSync(
    zipPath,
    zipSync({
      'app/package.json': strToU8('{ "name": "app" }\n'),
      'app/build/generated.ts': strToU8('export function generated() { return 1 }\n'),
      'app/src/build/theme.ts': strToU8('export function buildTheme() { return {} }\n'),
      'app/node_modules/dep/index.js': strToU8('module.exports = 1\n'),
    }),
  )
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    let page = await openPage(context)
    const first = await scan(page, () => page.getByTestId('zip-input').setInputFiles(zipPath))
    // A `build` module inside the source tree is source; the one beside package.json is output.
    assert.equal(first.filesTotal, 2)
    const listed = await page.locator('[data-testid="ignored-dirs"] li').evaluateAll((rows) => rows.map((row) => [row.dataset.path, row.dataset.source]))
    assert.deepEqual(listed, [
      ['build', 'default'],
      ['node_modules', 'default'],
    ])
    await page.locator('[data-testid="ignored-dirs"] li[data-path="build"] [data-testid="include-dir"]').click()
    await page.locator('[data-testid="ignored-dirs"] li[data-path="build"] [data-testid="included"]').waitFor()
    await page.reload()
    await page.waitForSelector('[data-testid="stored"]', { timeout: 60_000 })
    const second = await scan(page, () => page.getByTestId('zip-input').setInputFiles(zipPath))
    assert.equal(second.filesTotal, 3)
    assert.deepEqual(second.ignoredDirs.map((ignored) => ignored.path), ['node_modules'])
    assertClean(seen)
  } finally {
    await context.close()
  }
})

test('a picked folder: ignored trees are never kept, the text of what was scanned is kept once, in OPFS', { timeout: TIMEOUT }, async () => {
  const folder = join(scratchDir('drift-picked-'), 'app')
  const files = {
    'package.json': '{ "name": "app" }\n',
    'src/app.ts': 'export function app() { return helper() }\nfunction helper() { return 1 }\n',
    'src/bin/tool.rs': 'fn main() {}\n',
    'node_modules/dep/index.js': 'module.exports = function dep() {}\n',
    '.git/config': '[core]\n',
    'vendored.log': 'x'.repeat(2 * 1024 * 1024),
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true })
    writeFileSync(join(folder, path), text)
  }
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await openPage(context)
    const run = await scan(page, () => page.getByTestId('folder-input').setInputFiles(folder))
    assert.equal(run.filesTotal, 3)
    // The kept text: its index (see web/src/worker/sources.ts) names the scanned files only.
    const kept = await page.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('drift-sources')
      const names = []
      for await (const name of dir.keys()) names.push(name)
      const file = await (await dir.getFileHandle(names.find((name) => name.endsWith('.bin')))).getFile()
      const tail = new DataView(await file.slice(file.size - 12).arrayBuffer())
      const length = tail.getUint32(0, true)
      const index = JSON.parse(await file.slice(file.size - 12 - length, file.size - 12).text())
      return { names, paths: index.map(([path]) => path).sort(), size: file.size }
    })
    assert.deepEqual(kept.paths, ['package.json', 'src/app.ts', 'src/bin/tool.rs'])
    assert.equal(kept.names.length, 1, kept.names.join(','))
    assert.ok(kept.size < 4096, `${kept.size} bytes kept`)
    // The editor reads it back.
    await page.getByTestId('tab-symbols').click()
    await page.getByTestId('symbol-search').fill('helper')
    await page.locator('[data-testid="symbol-results"] li[data-file]').first().click()
    await page.locator('[data-testid="editor"] .view-lines').filter({ hasText: 'return helper()' }).waitFor()
    assertClean(seen)
  } finally {
    await context.close()
  }
})

test('archive bombs are refused with their codes and the page stays usable', { timeout: TIMEOUT }, async () => {
  const dir = scratchDir('drift-bomb-')
  const write = (name, entries) => {
    const path = join(dir, name)
    writeFileSync(path, zipSync(entries, { level: 9 }))
    return path
  }
  // 900 KB of one byte deflates about 1,000 times: skipped as a bomb, the real file is scanned.
  const ratio = write('ratio.zip', { 'app/bomb.ts': new Uint8Array(900_000).fill(32), 'app/real.ts': strToU8('export function real() { return 1 }\n') })
  const many = {}
  for (let i = 0; i < 12; i += 1) many[`app/f${i}.ts`] = strToU8(`export const v${i} = ${i}\n`)
  const manyPath = write('many.zip', many)
  // Three entries of 800 KB that do not compress: 2.4 MB inflated, over the 2 MB set below.
  const noise = () => strToU8(`// ${randomBytes(400_000).toString('hex')}\n`)
  const big = write('big.zip', { 'app/a.ts': noise(), 'app/b.ts': noise(), 'app/c.ts': noise() })
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await openPage(context, '?archiveMaxEntries=10&archiveMaxBytes=2000000')
    const run = await scan(page, () => page.getByTestId('zip-input').setInputFiles(ratio))
    assert.equal(run.filesTotal, 1)
    const refused = await page.locator('[data-testid="scan-skipped"] li').allTextContents()
    assert.ok(refused.some((line) => line.includes('bomb.ts') && line.includes('[ARCHIVE_RATIO]') && line.includes('archiveMaxRatio')), refused.join('\n'))

    for (const [path, code, knob] of [
      [manyPath, 'ARCHIVE_TOO_MANY_ENTRIES', 'archiveMaxEntries'],
      [big, 'ARCHIVE_TOO_LARGE', 'archiveMaxBytes'],
    ]) {
      await page.getByTestId('zip-input').setInputFiles(path)
      const error = page.locator(`[role="alert"][data-code="${code}"]`)
      await error.waitFor({ timeout: 60_000 })
      assert.match(await error.textContent(), new RegExp(knob))
    }
    // Still usable: the sample scans after the refusals.
    const sample = await scan(page, () => page.getByTestId('sample-scan').click())
    assert.ok(sample.filesTotal >= 30)
    assert.deepEqual(seen.foreignRequests, [], 'requests that left the local server')
    assert.deepEqual(seen.pageErrors, [], 'uncaught page errors')
  } finally {
    await context.close()
  }
})

/** Every file under `dir`, as zip entries under `prefix`. */
function zipEntries(dir, prefix) {
  const entries = {}
  const walk = (from, to) => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(from, entry.name), `${to}${entry.name}/`)
      else entries[`${to}${entry.name}`] = readFileSync(join(from, entry.name))
    }
  }
  walk(dir, prefix)
  return entries
}

test('Calls view: callers, callees, the picture, impact, a path and dead code of an uploaded project', { timeout: TIMEOUT }, async () => {
  const dir = scratchDir('drift-calls-')
  const zipPath = join(dir, 'nest-app.zip')
  writeFileSync(zipPath, zipSync(zipEntries(join(FIXTURES, 'callgraph', 'typescript'), 'nest-app/')))
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await openPage(context)
    await scan(page, () => page.getByTestId('zip-input').setInputFiles(zipPath))
    await page.getByTestId('tab-calls').click()
    const stats = page.getByTestId('graph-stats')
    await stats.waitFor({ timeout: 30_000 })
    assert.equal(await stats.getAttribute('data-edges'), '20')
    assert.ok(await page.locator('[data-testid="graph-stats"] tr[data-language="typescript"]').count())

    await page.getByTestId('calls-name').fill('UserService.create')
    await page.getByTestId('calls-name').press('Enter')
    const details = page.getByTestId('call-details')
    await page.waitForFunction(() => document.querySelector('[data-testid="call-details"]')?.getAttribute('data-selected') === 'src/users/user.service.ts::UserService.create')
    assert.equal(await page.getByTestId('callers').getAttribute('data-count'), '1')
    assert.equal(await details.locator('[data-testid="callers"] li[data-id="src/users/user.controller.ts::UserController.create"]').getAttribute('data-strategy'), 'di_injection')
    assert.ok(Number(await page.getByTestId('call-picture').getAttribute('data-nodes')) >= 4)

    // Expand a callee: its own callees load under it.
    const insert = details.locator('[data-testid="callees"] li[data-id="src/users/user.repository.ts::UserRepository.insert"]')
    await insert.getByTestId('edge-expand').first().click()
    await insert.locator('li[data-id="src/users/user.repository.ts::UserRepository.touch"]').waitFor()
    // Reveal a callee in Monaco.
    await insert.getByTestId('edge-reveal').first().click()
    await page.waitForFunction(() => {
      const editor = document.querySelector('[data-testid="editor"]')
      return editor?.getAttribute('data-path') === 'src/users/user.repository.ts' && editor.getAttribute('data-cursor-line') === '10'
    })

    const impact = page.getByTestId('impact')
    assert.equal(await impact.getAttribute('data-transitive'), '1')
    assert.match(await page.getByTestId('impact-entries').textContent(), /UserController\.create/)

    await page.getByTestId('path-target').fill('audit')
    await page.getByTestId('path-target').press('Enter')
    const path = page.getByTestId('path')
    await path.waitFor()
    assert.equal(await path.getAttribute('data-found'), 'true')
    assert.equal(await path.getAttribute('data-depth'), '3')

    const dead = page.getByTestId('dead-code')
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="dead-code"]')?.getAttribute('data-count')) > 0)
    assert.ok(await dead.locator('li[data-id="src/shared/text.ts::unusedHelper"]').count())
    await page.getByTestId('dead-filter').fill('report')
    await page.waitForFunction(() => document.querySelector('[data-testid="dead-code"]')?.getAttribute('data-count') === '1')
    assertClean(seen)
  } finally {
    await context.close()
  }
})

test('Calls view on the sample: resolution per language and the function at the cursor', { timeout: TIMEOUT }, async () => {
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await openPage(context)
    await scan(page, () => page.getByTestId('sample-scan').click())
    // Alt+3 switches the rail to Calls (Alt+1 Files, Alt+2 Symbols).
    await page.keyboard.press('Alt+3')
    await page.getByTestId('graph-stats').waitFor({ timeout: 30_000 })
    assert.equal(await page.getByTestId('tab-calls').getAttribute('aria-selected'), 'true')
    assert.ok(Number(await page.getByTestId('graph-stats').getAttribute('data-edges')) > 20)
    assert.equal(await page.locator('[data-testid="graph-stats"] tr[data-language]').count(), 10)
    // The rail is kept in the URL: a reload opens the Calls view again.
    assert.equal(new URL(page.url()).searchParams.get('rail'), 'calls')
    await page.reload()
    await page.getByTestId('graph-stats').waitFor({ timeout: 60_000 })
    assert.equal(await page.getByTestId('tab-calls').getAttribute('aria-selected'), 'true')
    await page.keyboard.press('Alt+1')
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('rail'))
    await page.keyboard.press('Alt+3')
    // Open a file, put the cursor in a function, and show its calls.
    await page.getByTestId('tab-symbols').click()
    await page.getByTestId('symbol-search').fill('route')
    await page.locator('[data-testid="symbol-results"] li').first().click()
    await page.waitForFunction(() => document.querySelector('[data-testid="editor"]')?.getAttribute('data-cursor-line') !== null)
    await page.getByTestId('tab-calls').click()
    await page.getByTestId('calls-at-cursor').click()
    await page.waitForFunction(() => (document.querySelector('[data-testid="call-details"]')?.getAttribute('data-selected') ?? '').length > 0)
    assertClean(seen)
  } finally {
    await context.close()
  }
})

test('typed code is parsed live: the outline and the syntax errors follow the text', { timeout: TIMEOUT }, async () => {
  // A system in dark mode gets the dark theme, the editor included.
  const context = await playground.browser.newContext({ colorScheme: 'dark' })
  const seen = watch(context, playground.origin)
  try {
    const page = await openPage(context)
    await page.getByTestId('scratch-new').selectOption('ts')
    await page.locator('[data-testid="editor"] .monaco-editor').waitFor({ timeout: 60_000 })
    await page.locator('[data-testid="editor"] .monaco-editor.vs-dark').waitFor({ timeout: 10_000 })
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(30, 30, 30)')
    // One line: typed brackets then step over the ones the editor closed by itself.
    await typeInEditor(page, 'export class Greeter { greet(name: string) { return hello(name) } }; function hello(n: string) { return n }')
    await page.waitForFunction(() => document.querySelector('[data-testid="outline-function"]')?.getAttribute('data-count') === '2')
    const functions = await page.locator('[data-testid="outline-function"] li .kind-function').allTextContents()
    assert.deepEqual(functions.sort(), ['greet', 'hello'])
    assert.equal(await page.getByTestId('outline-class').getAttribute('data-count'), '1')
    assert.equal(await page.getByTestId('diagnostics').getAttribute('data-errors'), '0')

    await typeInEditor(page, 'function broken(: { return 1 }; class')
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="diagnostics"]')?.getAttribute('data-errors')) > 0)
    // The error is a marker in Monaco as well.
    await page.locator('[data-testid="editor"] .squiggly-error').first().waitFor({ timeout: 10_000 })
    assertClean(seen)
  } finally {
    await context.close()
  }
})

test('positions land on the right character after CJK, emoji and combining accents', { timeout: TIMEOUT }, async () => {
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await openPage(context)
    await page.getByTestId('scratch-new').selectOption('ts')
    await page.locator('[data-testid="editor"] .monaco-editor').waitFor({ timeout: 60_000 })
    // Before `function`: 3 CJK characters (9 bytes, 3 UTF-16 units), an emoji (4 bytes, 2 units)
    // and an e with a combining acute accent (3 bytes, 2 units).
    const prefix = 'const s = "日本語 😀 e\u0301"; '
    await typeInEditor(page, `${prefix}function target() { return s }`)
    await page.waitForFunction(() => document.querySelector('[data-testid="outline-function"]')?.getAttribute('data-count') === '1')
    await page.locator('[data-testid="outline-function"] button').first().click()
    await page.waitForFunction(() => document.querySelector('[data-testid="editor"]')?.dataset.cursorColumn !== undefined)
    const column = await page.getByTestId('editor').getAttribute('data-cursor-column')
    assert.equal(Number(column), prefix.length, 'the cursor is on `function`')
    // A syntax error after the same characters is marked on the right character too.
    await typeInEditor(page, `${prefix}function broken(: { return 1 }`)
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="diagnostics"]')?.getAttribute('data-errors')) > 0)
    // The outline lists the error at its byte column; revealing it puts the cursor on the same
    // character in UTF-16 units.
    const error = page.locator('[data-testid="outline"] .error-position').first()
    const byteColumn = Number((await error.textContent()).match(/column (\d+)/)[1]) - 1
    assert.ok(byteColumn >= Buffer.byteLength(prefix), `error at byte ${byteColumn}`)
    await error.click()
    const expected = byteColumn - Buffer.byteLength(prefix) + prefix.length
    await page.waitForFunction((at) => document.querySelector('[data-testid="editor"]')?.dataset.cursorColumn === String(at), expected)
    assertClean(seen)
  } finally {
    await context.close()
  }
})

/** A snippet link's `code`: raw DEFLATE in base64url, as the page writes it. */
const encode = (code) => Buffer.from(deflateSync(strToU8(code), { level: 9 })).toString('base64url')

test('a snippet link opens the code with its outline; embed mode hides the page around it', { timeout: TIMEOUT }, async () => {
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  try {
    const page = await context.newPage()
    const code = 'class Shape:\n    def area(self):\n        return compute(self)\n\ndef compute(shape):\n    return 0\n'
    await page.goto(`${playground.origin}/?lang=py&code=${encode(code)}`)
    await page.waitForFunction(() => document.querySelector('[data-testid="outline-function"]')?.getAttribute('data-count') === '2', null, {
      timeout: 60_000,
    })
    assert.equal(await page.getByTestId('editor-path').textContent(), 'snippet.py')
    assert.equal(await page.locator('header.toolbar').count(), 1)
    // The snippet page neither restores nor saves the repository database.
    assert.equal(await page.getByTestId('sample-scan').count(), 0)

    await page.goto(`${playground.origin}/?lang=py&code=${encode(code)}&embed`)
    await page.getByTestId('outline-class').waitFor({ timeout: 60_000 })
    assert.equal(await page.locator('header.toolbar').count(), 0, 'embed mode shows no page chrome')
    assert.equal(await page.getByTestId('share').count(), 0)

    // The example page embeds it in an iframe, where it runs too.
    await page.goto(`${playground.origin}/embed-example.html`)
    const frame = page.frameLocator('[data-testid="embedded"]')
    await frame.locator('[data-testid="outline-class"][data-count="1"]').waitFor({ timeout: 60_000 })
    assert.equal(await frame.locator('[data-testid="outline-function"]').getAttribute('data-count'), '3')

    // A broken link says what is wrong instead of showing a blank page.
    await page.goto(`${playground.origin}/?lang=py&code=not-deflate!!`)
    const error = page.getByTestId('engine-error')
    await error.waitFor()
    assert.equal(await error.getAttribute('data-code'), 'INVALID_ARGUMENT')
    assertClean(seen)
  } finally {
    await context.close()
  }
})
