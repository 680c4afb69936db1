// @ts-check
// The deterministic input of the parallel-hash demo. Plain JavaScript with JSDoc types so the
// page (through Vite) and the e2e test (plain Node, to compute the native result) import the
// very same generator.

/** The batch the page hashes: 256 buffers of 256 KiB. */
export const DEMO_INPUT = Object.freeze({ seed: 0x5eed_d21f, count: 256, size: 256 * 1024 })

/**
 * `count` buffers of `size` bytes filled from one xorshift32 stream started at `seed`.
 *
 * Each buffer has its own `ArrayBuffer` (transfer them all to move the batch to a worker): the
 * wasm binding copies a typed array's whole backing store into wasm memory, so views into one
 * big `ArrayBuffer` would each copy the entire batch. Words are written in the platform's byte
 * order, so the bytes are only identical on little-endian hosts: every browser and Node target
 * Drift supports.
 *
 * @param {{ seed: number, count: number, size: number }} spec
 * @returns {Uint8Array<ArrayBuffer>[]}
 */
export function generateBuffers({ seed, count, size }) {
  if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1) {
    throw new Error('generateBuffers assumes a little-endian host')
  }
  if (size % 4 !== 0) throw new RangeError(`size must be a multiple of 4, got ${size}`)
  // xorshift32 has a fixed point at 0.
  let state = seed >>> 0 || 1
  return Array.from({ length: count }, () => {
    const words = new Uint32Array(size / 4)
    for (let i = 0; i < words.length; i++) {
      state ^= state << 13
      state ^= state >>> 17
      state ^= state << 5
      words[i] = state >>> 0
    }
    return new Uint8Array(words.buffer)
  })
}
