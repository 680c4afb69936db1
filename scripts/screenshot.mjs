// Makes the README's screenshot (docs/playground.png) from the production build: the sample
// repository scanned, a symbol found by the search and revealed in the editor.
// `node scripts/screenshot.mjs` with web/dist built (`npm run build -w @drift/web`).
import { fileURLToPath } from 'node:url'

import { startPlayground } from '../e2e/support/playground.mjs'

const out = fileURLToPath(new URL('../docs/playground.png', import.meta.url))
const { origin, browser, close } = await startPlayground()
try {
  const context = await browser.newContext({ viewport: { width: 1360, height: 1120 }, colorScheme: 'light' })
  const page = await context.newPage()
  await page.goto(`${origin}/`)
  await page.waitForSelector('[data-testid="stored"]', { timeout: 60_000 })
  await page.getByTestId('sample-scan').click()
  await page.waitForSelector('[data-testid="scan-result"]', { timeout: 120_000 })
  await page.getByTestId('tab-symbols').click()
  await page.getByTestId('symbol-search').fill('place')
  const hit = page.locator('[data-testid="symbol-results"] li[data-file$="orders.ts"]').first()
  await hit.click()
  await page.waitForFunction(() => document.querySelector('[data-testid="editor"]')?.getAttribute('data-cursor-line'))
  await page.getByTestId('summary').scrollIntoViewIfNeeded()
  await page.evaluate(() => window.scrollTo(0, document.querySelector('[data-testid="summary"]').getBoundingClientRect().top + window.scrollY - 60))
  await page.screenshot({ path: out })
  console.log(`wrote ${out}`)
} finally {
  await close()
}
