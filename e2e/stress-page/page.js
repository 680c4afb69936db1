// Runs the stress module in a dedicated worker (stress-worker.js) and records what it printed
// and how it exited in `window.stressResult` for e2e/threads-stress.test.mjs.
// Query: ?args=c,std-join,... (the module's phases) &pool=N (preloaded thread workers)
// &mode=blocking|proxied (where `_start` runs: see stress-worker.js).
const params = new URLSearchParams(location.search)
const args = (params.get('args') ?? '').split(',').filter(Boolean)
const pool = Number(params.get('pool') ?? 24)
const mode = params.get('mode') ?? 'blocking'

const status = document.getElementById('status')
const output = document.getElementById('output')
const result = { crossOriginIsolated, args, pool, mode, stdout: '', stderr: '', exitCode: null, workersCreated: null, error: null, millis: null, done: false }
window.stressResult = result

function finish(fields) {
  Object.assign(result, fields, { done: true })
  status.textContent = result.error ? `error: ${result.error}` : `exit ${result.exitCode}`
}

if (!crossOriginIsolated) {
  finish({ error: 'the page is not cross-origin isolated (COOP/COEP headers missing): no SharedArrayBuffer' })
} else {
  const worker = new Worker(new URL('./stress-worker.js', import.meta.url), { type: 'module', name: 'stress-coordinator' })
  worker.onmessage = ({ data }) => {
    switch (data.type) {
      case 'stdout':
      case 'stderr':
        result[data.type] += `${data.text}\n`
        output.textContent += `${data.text}\n`
        break
      case 'running':
        status.textContent = `running ${args.join(' ') || 'all default phases'} (${mode}, ${pool} pool workers)`
        break
      case 'exit':
        finish({ exitCode: data.code, millis: data.millis, workersCreated: data.workersCreated })
        break
      case 'error':
        finish({ error: data.message })
        break
    }
  }
  worker.onerror = (event) => finish({ error: `stress worker failed: ${event.message || 'script did not load'}` })
  worker.postMessage({ args, pool, mode })
}
