// nativeScan, nativeScanWithProgress, scanFiles, scanFileList and cancelScan, on the fixtures and on trees
// made here. The same file runs against the native addon and the wasm build.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, rmSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { FIXTURES, assertRejectsCode, drift, filesOf, tempDbConfig } from './binding.mjs'
import { scratchDir } from '../../../scripts/scratch.mjs'

const LANGUAGES = ['csharp', 'go', 'java', 'javascript', 'kotlin', 'php', 'python', 'ruby', 'rust', 'typescript']

function tree(files) {
  const root = scratchDir('drift-scan-')
  for (const [path, contents] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), contents)
  }
  return root
}

function manyFiles(count) {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`pkg${i % 17}/mod${i}.py`, `def f${i}():\n    return ${i}\n`]))
}

describe('scanning', () => {
  const roots = []
  const made = (files) => {
    const root = tree(files)
    roots.push(root)
    return root
  }
  before(() => drift.driftInitialize({ threads: 4, configToml: tempDbConfig() }))
  after(() => {
    drift.driftShutdown()
    for (const root of roots) rmSync(root, { recursive: true, force: true })
  })

  test('the fixtures: every language folder is found, with its language', async () => {
    const summary = await drift.nativeScan(FIXTURES, { full: true, includeEntries: true })
    assert.equal(summary.status, 'complete')
    assert.equal(summary.filesTotal, summary.entries.length)
    assert.equal(summary.filesAdded, summary.filesTotal)
    for (const language of LANGUAGES) {
      const inFolder = summary.entries.filter((entry) => entry.path.startsWith(`${language}/`))
      assert.ok(inFolder.length >= 3, `${language}/ has ${inFolder.length} files`)
      assert.ok(inFolder.every((entry) => entry.language === language), `${language}/: ${JSON.stringify(inFolder.map((e) => [e.path, e.language]))}`)
      assert.ok(summary.languages[language] >= 3)
    }
    const byPath = new Map(summary.entries.map((entry) => [entry.path, entry]))
    assert.equal(byPath.get('malformed/empty.ts').size, 0)
    assert.equal(byPath.get('malformed/empty.ts').contentHash, '2d06800538d394c2') // xxh3-64 of no bytes
    assert.equal(byPath.get('malformed/binary.bin').language, undefined)
    assert.ok(byPath.has('malformed/unicode/日本語.ts'))
    assert.ok(summary.entries.every((entry, i, all) => i === 0 || all[i - 1].path < entry.path), 'entries are sorted by path')
    assert.match(summary.digest, /^[0-9a-f]{16}$/)
  })

  test('add, modify and delete over three scans; a touched file stays unchanged', async () => {
    const root = made({ 'src/a.ts': 'export const a = 1\n', 'src/b.py': 'b = 2\n', 'README.md': '# x\n' })
    const first = await drift.nativeScan(root, { includeEntries: true })
    assert.deepEqual(first.added, ['README.md', 'src/a.ts', 'src/b.py'])

    writeFileSync(join(root, 'src/a.ts'), 'export const a = 2\n')
    writeFileSync(join(root, 'src/c.go'), 'package c\n')
    unlinkSync(join(root, 'src/b.py'))
    const later = new Date(Date.now() + 5000)
    utimesSync(join(root, 'README.md'), later, later)
    const second = await drift.nativeScan(root, { includeEntries: true })
    assert.deepEqual([second.added, second.modified, second.removed], [['src/c.go'], ['src/a.ts'], ['src/b.py']])
    assert.equal(second.filesUnchanged, 1, 'README.md was touched, not changed')
    assert.equal(second.stats.filesRead, 3, 'README.md is read once to see it did not change')

    const third = await drift.nativeScan(root)
    assert.deepEqual([third.filesAdded, third.filesModified, third.filesRemoved, third.filesUnchanged], [0, 0, 0, 3])
    assert.equal(third.stats.filesRead, 0, 'nothing changed: nothing is read')

    const full = await drift.nativeScan(root, { full: true })
    assert.equal(full.filesAdded, 3)
    assert.equal(full.digest, third.digest)
  })

  test('ignore files and default ignores apply', async () => {
    const root = made({
      '.gitignore': 'dist/\n*.log\n',
      'dist/out.js': '',
      'debug.log': '',
      'node_modules/x/index.js': '',
      'src/.driftignore': 'generated/\n!keep.ts\n',
      'src/generated/g.ts': '',
      'src/keep.ts': '',
      'src/main.rs': 'fn main() {}\n',
    })
    const summary = await drift.nativeScan(root, { includeEntries: true })
    assert.deepEqual(summary.entries.map((entry) => entry.path), ['.gitignore', 'src/.driftignore', 'src/keep.ts', 'src/main.rs'])
    assert.ok(summary.stats.skippedIgnored >= 4)
  })

  test('progress arrives in order, every 100 files, and the last call comes before the result', async () => {
    const root = made(manyFiles(450))
    const events = []
    const summary = await drift.nativeScanWithProgress(root, { full: true }, (event) => events.push(event))
    events.push('resolved')
    const scanning = events.filter((event) => event.phase === 'scanning')
    // Multiples of 100, strictly increasing; a checkpoint can be skipped when a worker reaches a
    // later one first (reports are never out of order).
    const processed = scanning.map((event) => event.processed)
    assert.ok(processed.length >= 1 && processed.length <= 4, JSON.stringify(processed))
    assert.ok(processed.every((n, i) => n % 100 === 0 && n < 450 && (i === 0 || n > processed[i - 1])), JSON.stringify(processed))
    assert.ok(scanning.every((event) => event.total === 450))
    assert.deepEqual(events.slice(-2), [{ processed: 450, total: 450, phase: 'complete' }, 'resolved'])
    assert.equal(summary.filesTotal, 450)
  })

  test('cancelScan gives a partial result that is neither empty nor complete, and the next scan catches up', async () => {
    // The cancel is sent from the first progress callback; on a loaded machine the scan may end
    // before JavaScript runs it, so a larger tree is tried once before failing.
    for (const size of [5000, 20000]) {
      const root = made(manyFiles(size))
      let cancelled = -1
      const partial = await drift.nativeScanWithProgress(root, { includeEntries: true }, (event) => {
        if (cancelled < 0 && event.phase === 'scanning') cancelled = drift.cancelScan()
      })
      if (partial.status === 'complete' && size < 20000) continue
      assert.equal(cancelled, 1, 'one scan was in flight')
      assert.equal(partial.status, 'partial')
      assert.ok(partial.filesTotal >= 100 && partial.filesTotal < size, `partial scan saw ${partial.filesTotal} files`)
      assert.deepEqual(partial.removed, [])
      assert.equal(drift.cancelScan(), 0, 'nothing in flight')

      // A partial scan is not recorded as a whole, but the files it fully processed (parsed
      // and stored) are kept: the next scan finds those unchanged and the rest added.
      const next = await drift.nativeScan(root)
      assert.equal(next.status, 'complete')
      assert.equal(next.filesTotal, size)
      assert.equal(next.filesModified + next.filesRemoved, 0)
      assert.equal(next.filesAdded + next.filesUnchanged, size)
      assert.ok(next.filesAdded > 0 && next.filesUnchanged <= partial.filesTotal, JSON.stringify([next.filesAdded, next.filesUnchanged]))
      return
    }
  })

  test('scanFiles agrees with a scan of the same folder on disk, ignore files included', async () => {
    const root = made({ ...manyFiles(120), '.gitignore': 'pkg3/\n', 'lib/.driftignore': '*.tmp\n', 'lib/x.tmp': 'x', 'lib/y.kt': 'fun y() = 1\n', 'empty.rb': '' })
    const disk = await drift.nativeScan(root, { full: true, includeEntries: true })
    const memory = await drift.scanFiles(filesOf(root), { full: true, includeEntries: true, project: 'agreement' })
    assert.equal(memory.digest, disk.digest)
    assert.deepEqual(memory.entries, disk.entries)
    assert.equal(memory.languages.python, 120 - 7) // pkg3/ holds 7 of the 120 modules
  })

  test('scanFiles compares with the previous scan of the same project and reports bad paths', async () => {
    const files = [
      { path: 'a.ts', data: new TextEncoder().encode('export {}') },
      { path: 'b\\c.py', data: new TextEncoder().encode('x = 1') },
    ]
    const first = await drift.scanFiles(files, { project: 'upload', includeEntries: true })
    assert.deepEqual(first.added, ['a.ts', 'b/c.py'])
    const progress = []
    const second = await drift.scanFiles(
      [files[0], { path: '../outside.js', data: new Uint8Array(1) }, { path: '/etc/passwd', data: new Uint8Array(1) }],
      { project: 'upload', includeEntries: true },
      (event) => progress.push(event.phase),
    )
    assert.deepEqual([second.added, second.removed, second.filesUnchanged], [[], ['b/c.py'], 1])
    assert.deepEqual(second.errors.map((error) => [error.path, error.code]), [['../outside.js', 'SCAN_ERROR'], ['/etc/passwd', 'SCAN_ERROR']])
    assert.deepEqual(progress, ['complete'])
  })

  test('scanFileList reads only what the walker admits, once each, and agrees with the disk scan', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1)
    const root = made({
      ...manyFiles(60),
      '.gitignore': 'pkg3/\n',
      'node_modules/dep/index.js': 'module.exports = 1\n',
      '.git/config': '[core]\n',
      'lib/.driftignore': '*.tmp\n',
      'lib/x.tmp': 'x',
      'lib/huge.ts': big,
      'src/bin/tool.rs': 'fn main() {}\n',
    })
    const disk = await drift.nativeScan(root, { full: true, includeEntries: true })
    const files = filesOf(root)
    const reads = []
    const listed = await drift.scanFileList(
      files.map(({ path, data, mtimeMs }) => ({ path, size: data.length, mtimeMs })),
      ({ index, path, into, done }) => {
        reads.push(path)
        assert.equal(files[index].path, path)
        // Answered later, as a real read is; the wasm build offers room in its memory,
        // natively the bytes are given.
        setTimeout(() => {
          if (!into) return done(files[index].data)
          into.set(files[index].data)
          done(files[index].data.length)
        }, 1)
      },
      { full: true, includeEntries: true, project: 'listed' },
    )
    assert.equal(listed.digest, disk.digest)
    assert.deepEqual(listed.entries, disk.entries)
    assert.deepEqual([listed.parse.files, listed.parse.functions, listed.parse.languages], [disk.parse.files, disk.parse.functions, disk.parse.languages])
    // Every file scanned was read once; ignored and too large files never were, only the
    // ignore files themselves besides the scanned ones.
    const scanned = listed.entries.map((entry) => entry.path)
    assert.deepEqual([...new Set(reads)].sort(), [...scanned].sort())
    assert.equal(reads.filter((path) => path !== '.gitignore' && path !== 'lib/.driftignore').length, scanned.length - 2)
    for (const never of ['node_modules/dep/index.js', '.git/config', 'lib/x.tmp', 'lib/huge.ts', 'pkg3/mod3.py']) {
      assert.ok(!reads.includes(never), `${never} was read`)
    }
    assert.ok(scanned.includes('src/bin/tool.rs'))

    // Unchanged since the last scan of the project (same sizes and times): nothing is read.
    reads.length = 0
    const again = await drift.scanFileList(
      files.map(({ path, data, mtimeMs }) => ({ path, size: data.length, mtimeMs })),
      ({ index, done }) => {
        reads.push(index)
        done(files[index].data)
      },
      { project: 'listed', includeEntries: true },
    )
    assert.equal(again.filesUnchanged, scanned.length)
    assert.deepEqual(reads.filter((index) => !/ignore$/.test(files[index].path)), [])
  })

  test('scanFileList: a file the reader cannot give is listed with its message, the rest is scanned', async () => {
    const files = [
      { path: 'ok.py', data: new TextEncoder().encode('def ok():\n    return 1\n') },
      { path: 'gone.ts', data: new TextEncoder().encode('export const gone = 1\n') },
      { path: '../outside.js', data: new Uint8Array(1) },
      { path: 'liar.rb', data: new TextEncoder().encode('x = 1\n') },
      { path: 'late.go', data: new TextEncoder().encode('package late\n') },
    ]
    const summary = await drift.scanFileList(
      files.map(({ path, data }) => ({ path, size: data.length })),
      ({ index, done }) => {
        if (files[index].path === 'gone.ts') throw new Error('the file was moved away')
        if (files[index].path === 'late.go') return setTimeout(() => done(new Error('permission denied')), 5)
        // More bytes than there was room for: refused, not trusted.
        if (files[index].path === 'liar.rb') return done(1000)
        done(files[index].data)
        done(new Error('a second answer is ignored'))
      },
      { project: 'listed-errors', full: true, includeEntries: true },
    )
    assert.equal(summary.status, 'complete')
    assert.deepEqual(summary.entries.map((entry) => entry.path), ['ok.py'])
    assert.equal(summary.parse.functions, 1)
    const byPath = Object.fromEntries(summary.errors.map((error) => [error.path, error]))
    assert.equal(byPath['../outside.js'].code, 'SCAN_ERROR')
    assert.match(byPath['gone.ts'].message, /the file was moved away/)
    assert.match(byPath['liar.rb'].message, /wrote 1000 bytes into a buffer of/)
    assert.match(byPath['late.go'].message, /permission denied/)
  })

  test('hard trees: a 256-deep directory, an empty directory, a symlink loop, a bad ignore pattern', async () => {
    const deepPath = Array.from({ length: 256 }, (_, i) => `d${i % 10}`).join('/')
    const root = made({ [`${deepPath}/leaf.go`]: 'package leaf\n', 'top.rb': 'x = 1\n', '.driftignore': 'ok.txt\n[z-a]\n', 'ok.txt': '' })
    mkdirSync(join(root, 'empty'))
    mkdirSync(join(root, 'loop'))
    symlinkSync('..', join(root, 'loop', 'up'))
    const summary = await drift.nativeScan(root, { full: true, includeEntries: true })
    assert.equal(summary.status, 'complete')
    assert.deepEqual(summary.entries.map((entry) => entry.path), ['.driftignore', `${deepPath}/leaf.go`, 'top.rb'])
    assert.ok(summary.errors.some((error) => error.path === '.driftignore' && /\[z-a\]/.test(error.message)), JSON.stringify(summary.errors))

    // Following links, the loop is cut where it comes back to a directory already on the path.
    drift.driftConfigure('[scan]\nfollow_symlinks = true\n')
    try {
      const followed = await drift.nativeScan(root, { full: true, includeEntries: true })
      assert.equal(followed.status, 'complete')
      // loop/up is the root: walked once more through the link, then cut when it comes back.
      const plain = summary.entries.map((entry) => entry.path)
      assert.deepEqual(
        followed.entries.map((entry) => entry.path),
        [...plain, ...plain.map((path) => `loop/up/${path}`)].sort(),
      )
    } finally {
      drift.driftConfigure('[scan]\nfollow_symlinks = false\n')
    }
  })

  test('a root that is not a directory rejects with SCAN_ERROR', async () => {
    await assertRejectsCode(drift.nativeScan(join(FIXTURES, 'does-not-exist')), 'SCAN_ERROR')
  })
})

test('scans need a running runtime', async () => {
  await assertRejectsCode(drift.nativeScan(FIXTURES), 'ALREADY_SHUT_DOWN')
  assert.throws(() => drift.cancelScan(), /^Error: \[ALREADY_SHUT_DOWN\]/)
})
