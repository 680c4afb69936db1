// The Security rail on the sample (whose python/settings.py has a Django secret key and a
// GitHub token committed in it, and python/views.py a model, a flow from the request to SQL and
// one across two functions to a shell): summary cards, a taint flow's path revealed in Monaco, masked findings revealed in
// Monaco where the value is hidden on screen and described by a hover, a severity filter, and
// the privacy promise kept: no request leaves the origin, none sends data, and neither the page nor the
// database saved in this browser holds a value.
// Needs `npm run build -w @drift/web` first (`npm test -w @drift/e2e` runs it).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { watch } from './support/browser.mjs'
import { assertNoEngineError, openPage, playgroundForTests, scanned } from './support/playground.mjs'

const TIMEOUT = 180_000
const SETTINGS = readFileSync(fileURLToPath(new URL('../test-fixtures/python/settings.py', import.meta.url)), 'utf8')
/** The two values planted in the sample, read from the fixture (nothing is typed here). */
const DJANGO_KEY = SETTINGS.match(/^SECRET_KEY = "(.+)"$/m)[1]
const TOKEN = SETTINGS.match(/^RELEASE_TOKEN = "(.+)"$/m)[1]

const playground = playgroundForTests()

test('security: secrets are listed masked, hidden in the editor, and never leave or stay in clear', { timeout: TIMEOUT }, async () => {
  const context = await playground.browser.newContext()
  const seen = watch(context, playground.origin)
  const sent = []
  context.on('request', (request) => {
    if (request.method() !== 'GET') sent.push(`${request.method()} ${request.url()}`)
  })
  try {
    const page = await openPage(context, playground.origin)
    await scanned(page, () => page.getByTestId('sample-scan').click(), TIMEOUT)
    await assertNoEngineError(page)
    await page.keyboard.press('Alt+4')
    await page.getByTestId('security-summary').waitFor({ timeout: 30_000 })
    assert.equal(await page.getByTestId('tab-security').getAttribute('aria-selected'), 'true')
    assert.match(await page.getByTestId('privacy').textContent(), /never uploaded/)
    assert.ok(Number(await page.getByTestId('secrets-open').textContent()) >= 2)

    const findings = page.locator('[data-testid="secrets-list"] [data-testid="secret"]')
    const texts = await findings.allTextContents()
    const settings = texts.filter((text) => text.includes('python/settings.py'))
    assert.equal(settings.length, 2, texts.join('\n'))
    assert.ok(settings.some((text) => /django/i.test(text)), settings.join('\n'))
    assert.ok(settings.some((text) => text.includes('ghp_********')), settings.join('\n'))
    const sidebar = await page.getByTestId('security').textContent()
    for (const value of [DJANGO_KEY, TOKEN.slice(4)]) assert.ok(!sidebar.includes(value), 'a value in the list')

    // Taint flows: python/views.py builds SQL from the request; a step opens its line.
    assert.ok(Number(await page.getByTestId('flow-count').textContent()) >= 1)
    const flow = page.locator('[data-testid="taint-flows"] li[data-sink-type="sql_query"]').first()
    await flow.waitFor({ timeout: 10_000 })
    await flow.getByTestId('taint-step').last().click()
    await page.waitForFunction(() => document.querySelector('[data-testid="editor"]')?.getAttribute('data-path') === 'python/views.py')
    // Across functions: the request's value handed to a helper that runs a shell; each step
    // opens its own line.
    const across = page.locator('[data-testid="taint-flows"] li[data-across="true"][data-sink-type="os_command"]').first()
    await across.waitFor({ timeout: 10_000 })
    assert.match(await across.textContent(), /across 2 functions/)
    await across.getByTestId('taint-step').last().click()
    await page.waitForFunction(() => {
      const editor = document.querySelector('[data-testid="editor"]')
      return editor?.getAttribute('data-path') === 'python/views.py' && editor.getAttribute('data-cursor-line') === '35'
    })

    // The riskiest entry points: the sample's views, whose requests reach the sinks; a click
    // opens one.
    const risky = page.locator('[data-testid="risky-entry-points"] [data-testid="risky-entry-point"]')
    await risky.first().waitFor({ timeout: 10_000 })
    const riskyTexts = await risky.allTextContents()
    assert.ok(riskyTexts.some((text) => text.includes('export_invoices') && text.includes('1 taint flow')), riskyTexts.join('\n'))
    await risky.filter({ hasText: 'export_invoices' }).first().click()
    await page.waitForFunction(() => document.querySelector('[data-testid="editor"]')?.getAttribute('data-path') === 'python/views.py')

    // Data access by table: the sample's services touch their stores.
    assert.ok(Number(await page.getByTestId('access-count').textContent()) > 0)
    assert.ok((await page.locator('[data-testid="boundaries"] [data-testid="boundary"]').count()) > 0)

    // Sensitive fields by class: the sample's models have personal data.
    assert.ok(Number(await page.getByTestId('sensitive-count').textContent()) > 0)
    assert.ok((await page.locator('[data-testid="sensitive-fields"] [data-testid="sensitive-field"]').count()) > 0)

    // A click opens the file at the secret; the value is hidden on screen, its hover says what it is.
    await findings.filter({ hasText: 'ghp_' }).first().click()
    await page.waitForFunction(() => {
      const editor = document.querySelector('[data-testid="editor"]')
      return editor?.getAttribute('data-path') === 'python/settings.py' && editor.getAttribute('data-cursor-line') === '20'
    })
    const hidden = page.locator('[data-testid="editor"] .drift-secret')
    await hidden.first().waitFor({ timeout: 10_000 })
    // Monaco cuts a decoration into a span per token: every span of both values is hidden.
    assert.ok((await hidden.count()) >= 2)
    // (Read once Monaco has finished rendering: a span it is replacing has no style.)
    await page.waitForFunction(() => {
      const spans = [...document.querySelectorAll('[data-testid="editor"] .drift-secret')]
      return spans.length >= 2 && spans.every((span) => span.isConnected && getComputedStyle(span).color === 'rgba(0, 0, 0, 0)')
    }, null, { timeout: 10_000 })
    const hiddenText = (await hidden.allTextContents()).join('')
    assert.ok(hiddenText.includes(TOKEN.slice(4, 12)), 'the spans cover the token')
    await hidden.last().hover()
    const hover = page.locator('.monaco-hover:not(.hidden)')
    await hover.waitFor({ timeout: 10_000 })
    assert.match(await hover.textContent(), /Committed secret \(github[^)]*\): ghp_\*{8}/)

    // The severity filter: critical and worse keeps the token, drops lower findings.
    await page.getByTestId('secrets-severity').selectOption('critical')
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid="secrets-list"] .severity')].every((element) => element.textContent === 'critical'),
    )
    assert.ok((await findings.allTextContents()).some((text) => text.includes('ghp_')))

    // What this browser saved (drift.db, its journal and the sources kept with it, on OPFS) holds no value in
    // the database; the sources are the user's own files and stay in this browser.
    await page.getByTestId('stored-last-save').filter({ hasText: /^change \d+, / }).waitFor({ timeout: 30_000 })
    const stored = await page.evaluate(async (values) => {
      const found = []
      let databases = 0
      const walk = async (dir, prefix) => {
        for await (const [name, handle] of dir.entries()) {
          if (handle.kind === 'directory') await walk(handle, `${prefix}${name}/`)
          else if (/^drift\.db(-journal)?$/.test(name)) {
            if (name === 'drift.db') databases += 1
            const text = new TextDecoder('latin1').decode(await (await handle.getFile()).arrayBuffer())
            for (const value of values) if (text.includes(value)) found.push(`${prefix}${name}`)
          }
        }
      }
      await walk(await navigator.storage.getDirectory(), '')
      return { found, databases }
    }, [DJANGO_KEY, TOKEN.slice(4)])
    assert.equal(stored.databases, 1, 'one saved drift.db')
    assert.deepEqual(stored.found, [], 'a saved database holds a secret value')

    assert.deepEqual(seen.foreignRequests, [], 'requests that left the local server')
    assert.deepEqual(sent, [], 'requests that sent data')
    assert.deepEqual(seen.pageErrors, [], 'uncaught page errors')
    assert.deepEqual(seen.consoleErrors, [], 'console errors')
  } finally {
    await context.close()
  }
})
