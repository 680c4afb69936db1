// Vite for the web app (web/). The wasm engine needs SharedArrayBuffer, so every server sends
// the cross-origin isolation headers (public/_headers does the same for static hosts), and
// the generated napi browser loader is served as it is: not pre-bundled, its wasm and its
// thread worker script emitted next to the app.
import { existsSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

import react from '@vitejs/plugin-react'
import { defineConfig, searchForWorkspaceRoot, type Plugin } from 'vite'

const repo = fileURLToPath(new URL('.', import.meta.url))
const webRoot = join(repo, 'web')
const outDir = join(webRoot, 'dist')
/** The napi package: native addon, wasm32-wasip1-threads build and generated loaders. */
const napiDir = join(repo, 'crates/drift-napi')

const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
}

/**
 * Fails the build loudly when the generated wasm binding is missing before the build, or when
 * its wasm or its thread worker did not make it into the output. The loader reaches both
 * through `new URL('...', import.meta.url)`, which Vite follows; if it ever stops doing so the
 * app would build fine and break at run time, so this checks the output instead of trusting it.
 */
function napiWasmArtifacts(): Plugin {
  const inputs = ['drift.wasi-browser.js', 'drift.wasm32-wasi.wasm', 'wasi-worker-browser.mjs']
  return {
    name: 'drift:napi-wasm-artifacts',
    apply: 'build',
    buildStart() {
      const missing = inputs.filter((file) => !existsSync(join(napiDir, file)))
      if (missing.length > 0) {
        this.error(
          `the wasm binding is not built: ${missing.map((f) => relative(repo, join(napiDir, f))).join(', ')} missing. ` +
            'Build it with scripts/build-wasm.sh (or the napi build command in scripts/lib.sh, build_wasm).',
        )
      }
    },
    closeBundle() {
      const files = listFiles(outDir)
      const expected = [
        { what: 'the wasm binary (drift.wasm32-wasi.wasm)', match: /drift\.wasm32-wasi-[\w-]+\.wasm$/ },
        { what: 'the wasm thread worker (wasi-worker-browser.mjs)', match: /wasi-worker-browser-[\w-]+\.js$/ },
        { what: 'the engine worker (engine.worker.ts)', match: /engine\.worker-[\w-]+\.js$/ },
      ]
      const absent = expected.filter(({ match }) => !files.some((file) => match.test(file)))
      if (absent.length > 0) {
        throw new Error(
          `vite build did not emit ${absent.map((a) => a.what).join(' and ')} into ${relative(repo, outDir)}; ` +
            `emitted: ${files.join(', ')}`,
        )
      }
    },
  }
}

/**
 * Gives the generated loader (drift.wasi-browser.js) web/src/worker/wasi-runtime.ts where it
 * imports `@napi-rs/wasm-runtime`: the same runtime, with a WASI that reads and writes the saved
 * database straight into the wasm memory (why: that file's header). Only that importer: the
 * wrapper itself, and the wasm threads' worker script, get the runtime as it is.
 */
function directWasi(): Plugin {
  const wrapper = join(webRoot, 'src/worker/wasi-runtime.ts')
  return {
    name: 'drift:direct-wasi',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@napi-rs/wasm-runtime' && importer && /[\\/]drift\.wasi-browser\.js(\?|$)/.test(importer)) return wrapper
      return null
    },
  }
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
}

export default defineConfig({
  root: webRoot,
  // Static files copied as they are into the build: `_headers` (COOP/COEP for static hosts).
  publicDir: join(repo, 'public'),
  plugins: [react(), napiWasmArtifacts(), directWasi()],
  build: {
    outDir,
    emptyOutDir: true,
    // Monaco is one lazily loaded chunk of about 3.4 MB (0.9 MB gzipped); the page itself is small.
    chunkSizeWarningLimit: 4096,
  },
  worker: {
    // The generated loader uses top-level await and starts module workers.
    format: 'es',
    // The engine's loader is part of the engine worker's bundle, built with these plugins only.
    plugins: () => [directWasi()],
  },
  optimizeDeps: {
    // Pre-bundling would move the loader away from its wasm and worker script
    // (`new URL(..., import.meta.url)`) and duplicate the runtime between threads.
    exclude: ['@drift/napi', '@napi-rs/wasm-runtime'],
  },
  server: {
    headers: crossOriginIsolation,
    fs: {
      // The workspace root covers node_modules; the napi package is reached through a symlink.
      allow: [searchForWorkspaceRoot(process.cwd()), napiDir],
    },
  },
  preview: {
    headers: crossOriginIsolation,
  },
})
