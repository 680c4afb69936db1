// The playground's production build (web/dist) served by `vite preview` (which sends the
// COOP/COEP headers) on 127.0.0.1 and a free port, with Debian Chromium to open it.
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

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
