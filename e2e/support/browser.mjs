// Headless Chromium for the e2e tests: Debian's /usr/bin/chromium driven by playwright-core,
// which never downloads a browser. Nothing is allowed off the machine: every page request is
// recorded so a test can assert it stayed on its loopback origin, and the browser's own
// background traffic is switched off.
import { existsSync } from 'node:fs'

import { chromium } from 'playwright-core'

export const CHROMIUM = process.env.DRIFT_CHROMIUM ?? '/usr/bin/chromium'
/** V8 flags for the page, for experiments only (`DRIFT_V8_FLAGS='--no-wasm-dynamic-tiering'`). */
const V8_FLAGS = process.env.DRIFT_V8_FLAGS

/** Chromium's command line for every launch here. */
function chromiumOptions() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set DRIFT_CHROMIUM)`)
  }
  return {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      // Nothing but 127.0.0.1 (where the tests' servers listen) resolves.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ...(V8_FLAGS ? [`--js-flags=${V8_FLAGS}`] : []),
    ],
  }
}

/** The browser; each `newContext()` of it is a private (off-the-record) profile. */
export async function launchChromium() {
  return chromium.launch(chromiumOptions())
}

/**
 * A browser with a profile on disk in `userDataDir`, as people browse: its origin private file
 * system is a folder there, where a private profile keeps it in the browser's memory and serves
 * every call through the browser process (about 200 us a call against 3 us).
 */
export async function launchProfile(userDataDir) {
  return chromium.launchPersistentContext(userDataDir, chromiumOptions())
}

/**
 * Records what a browser context does that a test must see: console errors (pages and their
 * workers), uncaught page errors, and every request that left `origin`.
 */
export function watch(context, origin) {
  const seen = { consoleErrors: [], pageErrors: [], foreignRequests: [], requests: [] }
  context.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.worker() ? `worker ${message.worker().url()}` : 'page'
      seen.consoleErrors.push(`${where}: ${message.text()}`)
    }
  })
  context.on('weberror', (error) => seen.pageErrors.push(String(error.error()?.stack ?? error.error())))
  context.on('request', (request) => {
    const url = request.url()
    seen.requests.push(url)
    const local = url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')
    if (!local) seen.foreignRequests.push(url)
  })
  return seen
}
