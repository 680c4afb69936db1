// The playground's production build (web/dist) served by `vite preview` (which sends the
// COOP/COEP headers) on 127.0.0.1 and a free port, with Debian Chromium to open it.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { after, before } from 'node:test'

import { preview } from 'vite'

import { launchChromium } from './browser.mjs'

export const DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url))

/** Starts the server and the browser; resolves to `{ origin, browser, close() }`. */
export async function startPlayground() {
  assert.ok(existsSync(`${DIST}index.html`), 'web/dist is missing: run `npm run build -w @drift/web` first')
  const server = await preview({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  })
  const browser = await launchChromium()
  return {
    origin: `http://127.0.0.1:${server.httpServer.address().port}`,
    browser,
    async close() {
      await browser.close()
      await server.close()
    },
  }
}

/**
 * Starts one playground for the test file (in `before`) and closes it (in `after`); the
 * returned object has `origin` and `browser` once the tests run.
 */
export function playgroundForTests() {
  const shared = {}
  before(async () => Object.assign(shared, await startPlayground()))
  after(() => shared.close?.())
  return shared
}

/** Fails the test when the page shows an engine error. */
export async function assertNoEngineError(page) {
  const error = page.getByTestId('engine-error')
  if (await error.count()) assert.fail(`the page shows an engine error: ${await error.textContent()}`)
}

/** Opens the playground and waits until the engine is ready (or failed). */
export async function openPage(context, origin, query = '') {
  const page = await context.newPage()
  await page.goto(`${origin}/${query}`)
  await page.waitForSelector('[data-testid="stored"], [data-testid="engine-error"]', { timeout: 60_000 })
  await assertNoEngineError(page)
  return page
}

/** Runs `start` (which starts a scan) and waits until the page shows a new scan result. */
export async function scanned(page, start, timeout = 180_000) {
  // Read without waiting: before the first scan there is no result to wait for.
  const previous = await page.evaluate(() => document.querySelector('[data-testid="scan-result"]')?.getAttribute('data-run') ?? null)
  await start()
  await page.waitForFunction(
    (before) =>
      document.querySelector('[data-testid="engine-error"]') ||
      (document.querySelector('[data-testid="scan-result"]')?.getAttribute('data-run') ?? before) !== before,
    previous,
    { timeout },
  )
}
