// A minimal static file server on 127.0.0.1 and a free port, for pages the tests serve
// themselves. `resolve(pathname)` returns the file to send, or undefined for a 404.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname } from 'node:path'

export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' }

/** Starts the server; resolves to `{ origin, close() }`. */
export async function serveFiles(resolve, headers = {}) {
  const server = createServer(async (request, response) => {
    const file = request.method === 'GET' ? resolve(new URL(request.url, 'http://localhost').pathname) : undefined
    if (!file) {
      response.writeHead(404).end()
      return
    }
    try {
      const body = await readFile(file)
      const type = TYPES[extname(file)] ?? 'application/octet-stream'
      response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers }).end(body)
    } catch (error) {
      response.writeHead(error.code === 'ENOENT' ? 404 : 500).end(String(error))
    }
  })
  await new Promise((done) => server.listen(0, '127.0.0.1', done))
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(done)),
  }
}
