// Parser fidelity check: Drift's function and type extraction against universal-ctags, on the
// same files of the 10k benchmark corpus, one command:
//
//   node bench/fidelity.mjs [CORPUS_DIR]       (npm run fidelity)
//   node bench/fidelity.mjs --show REL_PATH    (both tools' functions and types for one file)
//   node bench/fidelity.mjs --examples N       (keep N examples per difference category, not 5)
//
// CORPUS_DIR defaults to the output of `bash bench/corpus.sh` (~/.cache/drift/corpus); its
// `10k/` tree is used (a directory without `10k/` is used as the tree itself). For each of the
// ten languages, every file of that language up to 1 MiB (the scanner's limit) is parsed with
// the native binding's `parseFile` and tagged by `ctags` (universal-ctags, Debian package
// `universal-ctags`); both are counted per file and per language:
//
//   Drift functions = every entry of `functions`, Drift types = every entry of `classes`;
//   ctags functions / types = tags whose kind is in the language's `functionKinds` / `typeKinds`
//   below (the mapping is deliberate: a ctags kind is counted when it names the same construct
//   that Drift extracts; every ctags kind left out is listed with the reason). A few tags of
//   mapped kinds are dropped (`dropReason`: anonymous lambdas, a Kotlin ctags bug); the drops
//   are counted in the report.
//
// Within each file the two tools' names are also paired (same name, nearest line), so that the
// report can say *what* differs: unpaired ctags tags are grouped by "kind in scopeKind", unpaired
// Drift entries by shape (method / nested / top level; in JS/TS, declaration, function
// expression, arrow function, class or object-literal method).
// Prints a table and the files with the largest differences; writes target/bench/fidelity.json.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { scratchDir } from '../scripts/scratch.mjs'

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const MAX_BYTES = 1024 * 1024
const TARGET_PCT = 2
const TOP_FILES = 15

/**
 * Per language: the extensions Drift gives it, the ctags parser and the maps that make ctags
 * take the same extensions, and the kind mapping (ctags long kind names, as printed by
 * `ctags --list-kinds-full=LANG`).
 */
const LANGUAGES = [
  {
    id: 'typescript',
    exts: ['.ts', '.tsx', '.mts', '.cts'],
    ctags: 'TypeScript',
    functionKinds: ['function', 'method', 'generator'],
    typeKinds: ['class', 'interface', 'enum', 'alias'],
    // namespace: a scope for Drift (`internal_module` -> namespace), not a type.
    // constant, variable, property: ctags files `const f = () => {}` and arrow class fields
    // here; they are not counted, so such functions show up as Drift-only.
    // enumerator, local, parameter: not functions or types.
  },
  {
    id: 'javascript',
    exts: ['.js', '.jsx', '.mjs', '.cjs'],
    ctags: 'JavaScript',
    functionKinds: ['function', 'method', 'generator', 'getter', 'setter'],
    typeKinds: ['class'],
    // field, constant, variable, property: as for TypeScript (arrow functions land here).
  },
  {
    id: 'python',
    exts: ['.py', '.pyi'],
    ctags: 'Python',
    functionKinds: ['function', 'member'],
    typeKinds: ['class'],
    // variable, local, parameter, namespace/module/unknown (imports): not functions or types.
  },
  {
    id: 'java',
    exts: ['.java'],
    ctags: 'Java',
    functionKinds: ['method'],
    typeKinds: ['class', 'interface', 'enum', 'annotation'],
    // field, enumConstant, local, package: not functions or types. (This ctags has no record
    // kind: it tags a record header as a method.)
  },
  {
    id: 'csharp',
    exts: ['.cs'],
    ctags: 'C#',
    functionKinds: ['method'],
    typeKinds: ['class', 'interface', 'struct', 'enum'],
    // property, event, field: members Drift records as fields or not at all; namespace: scope;
    // enumerator, local, macro, typedef: not functions or types.
  },
  {
    id: 'go',
    exts: ['.go'],
    ctags: 'Go',
    functionKinds: ['func'],
    typeKinds: ['struct', 'interface', 'type', 'talias'],
    // methodSpec: a method element of an interface type, a signature without a body; Drift does
    // not count these by design (its query has no `method_elem`). Counted apart, in the report
    // only. member, anonMember, var, const, package, packageName, receiver, unknown: not
    // functions or types.
    alsoCount: ['methodSpec'],
  },
  {
    id: 'rust',
    exts: ['.rs'],
    ctags: 'Rust',
    functionKinds: ['function', 'method'],
    typeKinds: ['struct', 'enum', 'interface', 'typedef'],
    // interface = trait, typedef = `type X = ...;`. implementation (`impl` blocks) and module
    // (`mod`): scopes for Drift, not types. macro (`macro_rules!`): not a function for Drift.
    // field, enumerator, variable: not functions or types.
  },
  {
    id: 'ruby',
    exts: ['.rb'],
    ctags: 'Ruby',
    functionKinds: ['method', 'singletonMethod'],
    typeKinds: ['class', 'module'],
    // accessor (`attr_*`): fields for Drift. alias, constant, library: not functions or types.
  },
  {
    id: 'php',
    exts: ['.php'],
    ctags: 'PHP',
    functionKinds: ['function'],
    typeKinds: ['class', 'interface', 'trait'],
    // This ctags tags methods as `function` with a class scope, and has no enum kind.
    // namespace, define, variable, alias, local: not functions or types.
  },
  {
    id: 'kotlin',
    exts: ['.kt', '.kts'],
    ctags: 'Kotlin',
    functionKinds: ['method'],
    typeKinds: ['class', 'interface', 'object', 'typealias'],
    // This ctags has no enum kind (an `enum class` is a class) and tags companion objects as
    // objects. It also tags each lambda as a method named `<lambda>` without marking it
    // anonymous, and lambda parameters and loop variables as methods: these are dropped (see
    // `dropReason`). constant, variable, package: not functions or types.
  },
]

/**
 * Why a tag of a mapped kind is not counted, or null when it is. `lineText()` gives the tag's
 * source line. Every drop is counted by reason in the report.
 */
function dropReason(language, tag, lineText) {
  // Anonymous constructs, which Drift never counts (lambdas, closures). The `anonymous` extra is
  // off, but Kotlin's parser names its lambdas without marking them.
  if (tag.name === '<lambda>') return 'anonymous lambda'
  // Kotlin: this ctags also tags as methods the parameters of a lambda (`{ a, b -> ... }` gives
  // methods `a` and `b`, scoped in the `<lambda>`) and the variables of `for (x in ...)` and
  // `when (val x = ...)`. A real Kotlin function has `fun` on the line of its name: a method tag
  // in a `<lambda>` counts when its line reads `fun ... NAME(` (a local function in a lambda
  // body), any other method tag when its line has `fun`.
  if (language.id === 'kotlin' && tag.kind === 'method') {
    const line = lineText()
    if (/(^|\.)<lambda>$/.test(tag.scope ?? '')) {
      const escaped = tag.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      if (!new RegExp(`\\bfun\\b.*(?<![\\w$])${escaped}\\s*\\(`).test(line)) return 'Kotlin lambda parameter tagged as a method'
    } else if (!/\bfun\b/.test(line)) {
      return 'Kotlin for/when variable tagged as a method'
    }
  }
  return null
}

function corpusTree(arg) {
  let dir = arg
  if (!dir) {
    const run = spawnSync('bash', [join(repo, 'bench/corpus.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    if (run.status !== 0) throw new Error('bench/corpus.sh failed')
    dir = run.stdout.trim().split('\n').pop()
  }
  dir = resolve(dir)
  return existsSync(join(dir, '10k')) ? join(dir, '10k') : dir
}

/** Every regular file under `root`, relative, sorted (symbolic links are not followed). */
function walk(root) {
  const out = []
  const stack = ['']
  while (stack.length) {
    const dir = stack.pop()
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name
      if (entry.isDirectory()) stack.push(rel)
      else if (entry.isFile()) out.push(rel)
    }
  }
  return out.sort()
}

function languageOf(path) {
  const ext = extname(path)
  return LANGUAGES.find((language) => language.exts.includes(ext))
}

function ctagsVersion() {
  const run = spawnSync('ctags', ['--version'], { encoding: 'utf8' })
  if (run.error || run.status !== 0 || !run.stdout.includes('Universal Ctags')) {
    throw new Error('universal-ctags is needed: apt-get install -y universal-ctags')
  }
  return run.stdout.split('\n')[0]
}

/**
 * Runs ctags over `files` (relative to `root`) for one language. Returns the counted tags by
 * path, the tags dropped by reason, and the counts of the `alsoCount` kinds.
 */
function runCtags(language, root, files, scratch) {
  const list = join(scratch, `${language.id}.list`)
  const out = join(scratch, `${language.id}.json`)
  writeFileSync(list, `${files.join('\n')}\n`)
  const name = language.ctags
  const alsoCount = language.alsoCount ?? []
  const kinds = [...language.functionKinds, ...language.typeKinds, ...alsoCount].map((kind) => `{${kind}}`).join('')
  const args = [
    '--options=NONE',
    `--languages=${name}`,
    ...language.exts.map((ext) => `--map-${name}=+${ext}`),
    `--kinds-${name}=${kinds}`,
    '--extras=-p-{anonymous}',
    '--fields=+nKsl-P',
    '--sort=no',
    '--output-format=json',
    '-o', out,
    '-L', list,
  ]
  const run = spawnSync('ctags', args, { cwd: root, encoding: 'utf8' })
  if (run.error || run.status !== 0) throw new Error(`ctags failed for ${name}: ${run.error ?? run.stderr}`)
  const byPath = new Map()
  const dropped = {}
  const also = Object.fromEntries(alsoCount.map((kind) => [kind, 0]))
  const lines = new Map()
  const lineOf = (path, line) => {
    if (!lines.has(path)) lines.set(path, readFileSync(join(root, path), 'utf8').split('\n'))
    return lines.get(path)[line - 1] ?? ''
  }
  for (const text of readFileSync(out, 'utf8').split('\n')) {
    if (!text) continue
    const tag = JSON.parse(text)
    if (tag._type !== 'tag' || tag.language !== name) continue
    if (alsoCount.includes(tag.kind)) {
      also[tag.kind]++
      continue
    }
    const role = language.functionKinds.includes(tag.kind) ? 'function' : language.typeKinds.includes(tag.kind) ? 'type' : null
    if (!role) continue
    const reason = dropReason(language, tag, () => lineOf(tag.path, tag.line))
    if (reason) {
      dropped[reason] = (dropped[reason] ?? 0) + 1
      continue
    }
    let entry = byPath.get(tag.path)
    if (!entry) byPath.set(tag.path, (entry = { function: [], type: [] }))
    entry[role].push({ name: tag.name, line: tag.line, kind: tag.kind, scopeKind: tag.scopeKind ?? null })
  }
  return { byPath, args, dropped, also }
}

/**
 * Pairs two lists of { name, line } by name, each element with the nearest line of the same
 * name; returns the unpaired elements of each side.
 */
function unpaired(left, right) {
  const group = (items) => {
    const map = new Map()
    for (const item of items) {
      if (!map.has(item.name)) map.set(item.name, [])
      map.get(item.name).push(item)
    }
    return map
  }
  const l = group(left)
  const r = group(right)
  const onlyLeft = []
  const onlyRight = []
  for (const name of new Set([...l.keys(), ...r.keys()])) {
    let a = [...(l.get(name) ?? [])]
    let b = [...(r.get(name) ?? [])]
    const swap = a.length > b.length
    if (swap) [a, b] = [b, a]
    for (const item of a) {
      let best = 0
      for (let i = 1; i < b.length; i++) if (Math.abs(b[i].line - item.line) < Math.abs(b[best].line - item.line)) best = i
      b.splice(best, 1)
    }
    ;(swap ? onlyLeft : onlyRight).push(...b)
  }
  return { onlyLeft, onlyRight }
}

/** Byte offsets of line starts, to read the text where a Drift construct starts. */
function lineStarts(buffer) {
  const starts = [0]
  for (let i = 0; i < buffer.length; i++) if (buffer[i] === 10) starts.push(i + 1)
  return starts
}

/**
 * A Drift function's shape, from its flags, its range among the file's other functions and, in
 * JS/TS, the text where it starts: function declaration / function expression / arrow function /
 * method definition (in a class or an object literal), and whether it is nested in a function.
 */
function driftShape(language, fn, all, source, starts) {
  const r = fn.range
  const same = (a, b) => a.startLine === b.startLine && a.startColumn === b.startColumn && a.endLine === b.endLine && a.endColumn === b.endColumn
  const inside = (outer) =>
    outer !== fn &&
    !same(outer.range, r) &&
    (outer.range.startLine < r.startLine || (outer.range.startLine === r.startLine && outer.range.startColumn <= r.startColumn)) &&
    (outer.range.endLine > r.endLine || (outer.range.endLine === r.endLine && outer.range.endColumn >= r.endColumn))
  const nested = !fn.isMethod && all.some(inside)
  if (language.id !== 'typescript' && language.id !== 'javascript') {
    return fn.isMethod ? 'method' : nested ? 'nested function' : 'top-level function'
  }
  const at = starts[r.startLine] + r.startColumn
  const head = source.subarray(at, Math.min(source.length, at + 300)).toString('utf8')
  let construct
  if (/^(async\s+)?function\b/.test(head)) {
    // A function declaration starts a statement; anything else is an expression.
    const before = source.subarray(Math.max(0, at - 120), at).toString('utf8').replace(/\/\/[^\n]*$/gm, '').trimEnd()
    const expression = /[=(,:?|&![]$|\b(return|export default)$/.test(before)
    const named = /^(async\s+)?function\s*\*?\s*[A-Za-z_$]/.test(head)
    construct = expression ? (named ? 'named function expression' : 'function expression') : 'function declaration'
  } else if (/^(async\s+)?[(<]|^(async\s+)?[A-Za-z_$][\w$]*\s*=>/.test(head)) {
    // A method definition starts with its name or a modifier, never with `(` or `<`.
    construct = 'arrow function'
  } else {
    construct = fn.isMethod ? 'class method' : 'object-literal method'
  }
  return `${construct}${nested ? ', nested' : ''}`
}

function pct(drift, ctags) {
  if (ctags === 0) return drift === 0 ? 0 : null
  return ((drift - ctags) / ctags) * 100
}

function fmtPct(value) {
  if (value === null) return 'n/a'
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}%`
}

let maxExamples = 5

function bump(map, key, example) {
  const entry = map.get(key) ?? { count: 0, examples: [] }
  entry.count++
  if (entry.examples.length < maxExamples) entry.examples.push(example)
  map.set(key, entry)
}

function sortedCategories(map) {
  return [...map.entries()].sort((a, b) => b[1].count - a[1].count).map(([category, value]) => ({ category, ...value }))
}

function loadDrift() {
  const require = createRequire(import.meta.url)
  const drift = require(join(repo, 'crates/drift-napi/index.js'))
  drift.driftInitialize({ threads: 2, configToml: '' })
  return drift
}

function parseWithDrift(drift, rel, source) {
  try {
    const result = drift.parseFile(rel, source)
    return { result, error: null }
  } catch (error) {
    return { result: null, error: String(error.message ?? error) }
  }
}

/** `--show REL_PATH`: both tools' functions and types for one file. */
function show(tree, rel) {
  const language = languageOf(rel)
  if (!language) throw new Error(`not a file of the ten languages: ${rel}`)
  const scratch = scratchDir('drift-fidelity-')
  try {
    const { byPath } = runCtags(language, tree, [rel], scratch)
    const tags = byPath.get(rel) ?? { function: [], type: [] }
    const drift = loadDrift()
    const { result, error } = parseWithDrift(drift, rel, readFileSync(join(tree, rel)))
    drift.driftShutdown()
    if (error) console.log(`Drift: ${error}`)
    const fns = (result?.functions ?? []).map((f) => ({ name: f.name, line: f.range.startLine + 1 }))
    const types = (result?.classes ?? []).map((c) => ({ name: c.name, line: c.range.startLine + 1, kind: c.kind }))
    console.log(`${rel} (${language.id}); Drift has_errors=${result?.hasErrors}`)
    for (const [label, d, c] of [['functions', fns, tags.function], ['types', types, tags.type]]) {
      const { onlyLeft, onlyRight } = unpaired(d, c)
      console.log(`\n${label}: Drift ${d.length}, ctags ${c.length}`)
      for (const item of onlyLeft.sort((a, b) => a.line - b.line)) console.log(`  Drift only  ${String(item.line).padStart(6)}  ${item.name}${item.kind ? ` (${item.kind})` : ''}`)
      for (const item of onlyRight.sort((a, b) => a.line - b.line)) console.log(`  ctags only  ${String(item.line).padStart(6)}  ${item.name} (${item.kind} in ${item.scopeKind ?? 'file'})`)
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

function main() {
  const argv = process.argv.slice(2)
  const examplesAt = argv.indexOf('--examples')
  if (examplesAt >= 0) maxExamples = Number(argv.splice(examplesAt, 2)[1])
  const showAt = argv.indexOf('--show')
  if (showAt >= 0) {
    const rel = argv.splice(showAt, 2)[1]
    show(corpusTree(argv[0]), rel)
    return
  }
  const started = performance.now()
  const tree = corpusTree(argv[0])
  const version = ctagsVersion()

  const filesByLanguage = new Map(LANGUAGES.map((language) => [language.id, []]))
  const skippedLarge = new Map(LANGUAGES.map((language) => [language.id, 0]))
  for (const rel of walk(tree)) {
    const language = languageOf(rel)
    if (!language) continue
    if (statSync(join(tree, rel)).size > MAX_BYTES) skippedLarge.set(language.id, skippedLarge.get(language.id) + 1)
    else filesByLanguage.get(language.id).push(rel)
  }

  const scratch = scratchDir('drift-fidelity-')
  const ctagsStarted = performance.now()
  const ctagsRuns = new Map()
  try {
    for (const language of LANGUAGES) ctagsRuns.set(language.id, runCtags(language, tree, filesByLanguage.get(language.id), scratch))
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  const ctagsMs = performance.now() - ctagsStarted

  const drift = loadDrift()
  let driftMs = 0
  const report = []
  for (const language of LANGUAGES) {
    const files = filesByLanguage.get(language.id)
    const { byPath, args, dropped, also } = ctagsRuns.get(language.id)
    const totals = { driftFunctions: 0, ctagsFunctions: 0, driftTypes: 0, ctagsTypes: 0 }
    const perFile = []
    const ctagsOnly = { function: new Map(), type: new Map() }
    const driftOnly = { function: new Map(), type: new Map() }
    const driftErrors = []
    let syntaxErrorFiles = 0
    // Unpaired ctags tags in files whose Drift tree has syntax errors (partial results).
    const ctagsOnlyInErrorFiles = { function: 0, type: 0 }
    for (const rel of files) {
      const source = readFileSync(join(tree, rel))
      const t0 = performance.now()
      const { result, error } = parseWithDrift(drift, rel, source)
      driftMs += performance.now() - t0
      if (error) driftErrors.push({ path: rel, error })
      if (result?.hasErrors) syntaxErrorFiles++
      const tags = byPath.get(rel) ?? { function: [], type: [] }
      const fns = result?.functions ?? []
      const classes = result?.classes ?? []
      const row = {
        path: rel,
        drift_functions: fns.length,
        ctags_functions: tags.function.length,
        drift_types: classes.length,
        ctags_types: tags.type.length,
        drift_has_errors: result ? result.hasErrors : null,
      }
      totals.driftFunctions += row.drift_functions
      totals.ctagsFunctions += row.ctags_functions
      totals.driftTypes += row.drift_types
      totals.ctagsTypes += row.ctags_types

      const starts = lineStarts(source)
      const driftFns = fns.map((fn) => ({ name: fn.name, line: fn.range.startLine + 1, fn }))
      const driftTypes = classes.map((c) => ({ name: c.name, line: c.range.startLine + 1, kind: c.kind }))
      const fnDiff = unpaired(driftFns, tags.function)
      const typeDiff = unpaired(driftTypes, tags.type)
      for (const item of fnDiff.onlyLeft) bump(driftOnly.function, driftShape(language, item.fn, fns, source, starts), `${rel}:${item.line} ${item.name}`)
      for (const item of typeDiff.onlyLeft) bump(driftOnly.type, item.kind, `${rel}:${item.line} ${item.name}`)
      for (const item of fnDiff.onlyRight) bump(ctagsOnly.function, `${item.kind} in ${item.scopeKind ?? 'file'}`, `${rel}:${item.line} ${item.name}`)
      for (const item of typeDiff.onlyRight) bump(ctagsOnly.type, `${item.kind} in ${item.scopeKind ?? 'file'}`, `${rel}:${item.line} ${item.name}`)
      if (result?.hasErrors) {
        ctagsOnlyInErrorFiles.function += fnDiff.onlyRight.length
        ctagsOnlyInErrorFiles.type += typeDiff.onlyRight.length
      }
      row.functions_only_drift = fnDiff.onlyLeft.length
      row.functions_only_ctags = fnDiff.onlyRight.length
      row.types_only_drift = typeDiff.onlyLeft.length
      row.types_only_ctags = typeDiff.onlyRight.length
      perFile.push(row)
    }
    const functionsPct = pct(totals.driftFunctions, totals.ctagsFunctions)
    const typesPct = pct(totals.driftTypes, totals.ctagsTypes)
    const within = (value) => value !== null && Math.abs(value) <= TARGET_PCT
    const weight = (row) => Math.abs(row.drift_functions - row.ctags_functions) + Math.abs(row.drift_types - row.ctags_types)
    const unpairedWeight = (row) => row.functions_only_drift + row.functions_only_ctags + row.types_only_drift + row.types_only_ctags
    report.push({
      language: language.id,
      ctags_language: language.ctags,
      ctags_function_kinds: language.functionKinds,
      ctags_type_kinds: language.typeKinds,
      ctags_args: args.map((arg) => (arg.endsWith('.list') ? 'FILE_LIST' : arg.endsWith('.json') ? 'OUTPUT' : arg)),
      files: files.length,
      skipped_over_1mib: skippedLarge.get(language.id),
      drift_parse_errors: driftErrors,
      drift_files_with_syntax_errors: syntaxErrorFiles,
      ctags_tags_dropped: dropped,
      ctags_other_kinds_counted_apart: also,
      functions: { drift: totals.driftFunctions, ctags: totals.ctagsFunctions, diff_pct: functionsPct, within_target: within(functionsPct) },
      types: { drift: totals.driftTypes, ctags: totals.ctagsTypes, diff_pct: typesPct, within_target: within(typesPct) },
      unpaired: {
        functions_only_in_drift: sortedCategories(driftOnly.function),
        functions_only_in_ctags: sortedCategories(ctagsOnly.function),
        types_only_in_drift: sortedCategories(driftOnly.type),
        types_only_in_ctags: sortedCategories(ctagsOnly.type),
        functions_only_in_ctags_in_files_with_drift_syntax_errors: ctagsOnlyInErrorFiles.function,
        types_only_in_ctags_in_files_with_drift_syntax_errors: ctagsOnlyInErrorFiles.type,
      },
      top_files_by_count_difference: [...perFile].sort((a, b) => weight(b) - weight(a) || a.path.localeCompare(b.path)).slice(0, TOP_FILES),
      top_files_by_unpaired: [...perFile].sort((a, b) => unpairedWeight(b) - unpairedWeight(a) || a.path.localeCompare(b.path)).slice(0, TOP_FILES),
      per_file: perFile.map((row) => [row.path, row.drift_functions, row.ctags_functions, row.drift_types, row.ctags_types]),
    })
  }
  drift.driftShutdown()
  const totalMs = performance.now() - started

  const header = ['language', 'files', 'Drift fn', 'ctags fn', 'fn diff', 'Drift types', 'ctags types', 'types diff', 'target']
  const rows = report.map((r) => [
    r.language,
    String(r.files),
    String(r.functions.drift),
    String(r.functions.ctags),
    fmtPct(r.functions.diff_pct),
    String(r.types.drift),
    String(r.types.ctags),
    fmtPct(r.types.diff_pct),
    r.functions.within_target && r.types.within_target ? 'met' : 'not met',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
  const line = (cells) => cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')
  console.log(`Drift ${drift.driftVersion()} vs ${version}; tree ${tree}`)
  console.log(`target: |diff| <= ${TARGET_PCT}% per language for functions and for types; diff = (Drift - ctags) / ctags\n`)
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const row of rows) console.log(line(row))
  for (const r of report) {
    console.log(`\n== ${r.language}: ${r.files} files (${r.skipped_over_1mib} over 1 MiB skipped), Drift threw on ${r.drift_parse_errors.length}, syntax errors in ${r.drift_files_with_syntax_errors}`)
    for (const [label, list] of Object.entries(r.unpaired)) {
      if (!Array.isArray(list) || !list.length) continue
      console.log(`  ${label.replaceAll('_', ' ')}: ${list.slice(0, 8).map((c) => `${c.category} ${c.count}`).join('; ')}`)
    }
    const inErrorFiles = [r.unpaired.functions_only_in_ctags_in_files_with_drift_syntax_errors, r.unpaired.types_only_in_ctags_in_files_with_drift_syntax_errors]
    if (inErrorFiles.some((count) => count > 0)) {
      console.log(`  of these only in ctags, in files with Drift syntax errors: functions ${inErrorFiles[0]}, types ${inErrorFiles[1]}`)
    }
    const notes = [
      ...Object.entries(r.ctags_tags_dropped).map(([reason, count]) => `dropped ${count} ctags tags (${reason})`),
      ...Object.entries(r.ctags_other_kinds_counted_apart).map(([kind, count]) => `${count} ctags ${kind} tags not counted`),
    ]
    if (notes.length) console.log(`  ${notes.join('; ')}`)
    for (const row of r.top_files_by_count_difference.slice(0, 3)) {
      console.log(`  ${row.path}: functions ${row.drift_functions} vs ${row.ctags_functions}, types ${row.drift_types} vs ${row.ctags_types}`)
    }
  }
  const out = join(repo, 'target/bench')
  mkdirSync(out, { recursive: true })
  const json = {
    tool: 'bench/fidelity.mjs',
    drift_version: drift.driftVersion(),
    ctags_version: version,
    tree,
    max_file_bytes: MAX_BYTES,
    target_pct: TARGET_PCT,
    timings_ms: { ctags: Math.round(ctagsMs), drift_parse_file: Math.round(driftMs), total: Math.round(totalMs) },
    languages: report,
  }
  writeFileSync(join(out, 'fidelity.json'), `${JSON.stringify(json, null, 1)}\n`)
  console.log(`\nctags ${(ctagsMs / 1000).toFixed(1)} s, Drift parseFile ${(driftMs / 1000).toFixed(1)} s, total ${(totalMs / 1000).toFixed(1)} s`)
  console.log(`report: ${relative(process.cwd(), join(out, 'fidelity.json')) || join(out, 'fidelity.json')}`)
}

main()
