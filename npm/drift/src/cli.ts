#!/usr/bin/env node
// The `drift` command: scan a project, query what was stored, show the status, back up drift.db.
// Exit codes: 0 success, 1 a Drift error (its code and a hint on stderr), 2 bad usage,
// 130 interrupted (Ctrl-C cancels a scan; what was processed is kept).
import { parseArgs } from 'node:util'

import { DriftClient, type ListingName } from './client.js'
import { DriftError, toDriftError } from './errors.js'
import type { BoundaryQuery, FunctionSummary, PageOptions, PatternQuery, ReachabilityOptions, ScanSummary, TaintQuery, ViolationQuery } from './types.js'

const USAGE = `usage: drift <command> [options]

commands:
  scan [dir]            scan dir (default: the project root), parse what changed, store it
      --full            ignore the stored state and read everything
      --no-parse        only scan (hash and diff), do not parse
  query <listing>       list stored rows: files, functions, classes, imports, exports, calls
      --language L      rows from files of language L
      --path P          rows from files whose path starts with P
      --name N          rows whose name starts with N (functions, classes, exports; the module
                        for imports; the callee for calls)
      --limit N         rows per page, 1..100 (default 20); --all prints every page
  callers F             the functions that call F (an id, FILE:QUALIFIED_NAME, a qualified
                        or a plain name; an ambiguous name lists the candidates and exits 1)
  callees F             the functions F calls
  graph F [--depth N]   callers and callees of F to N levels (default 2)
  entry-points          routes, controllers, main functions, tests, exports
      --kind K          only this kind (route_handler, controller_method, main_function,
                        test, exported)
  reach F [--to G] [--inverse] [--depth N]
                        what F calls transitively (--inverse: what calls F); --to G gives a path
  impact F              what changing F may break: callers, entry points, risk
  dead-code             functions nothing calls (--all for every page)
  path F G              a shortest call path from F to G
  secrets               committed secrets the scans found, open first and worst first
                        (values are never shown: a masked preview and a fingerprint)
      --severity S      only findings at least this severe (critical, high, medium, low)
      --provider P      only this provider (aws, github, stripe, generic, ...)
      --path P          only files whose path starts with P
      --status S        open (default), suppressed, placeholder or any
      --fail-on S       exit 1 when an open finding is at least this severe (for CI)
      --all             every page (default: the first 50)
  boundaries            where the code touches persistent data: model or table, operation,
                        function, framework, and the tier of what it touches
      --table T         only this model or table (users, User)
      --framework F     only this framework (django, prisma, gorm, ...)
      --operation O     only select, insert, update, upsert, delete, count, aggregate,
                        raw_query, or model (definitions)
      --unsafe          only raw SQL built by concatenation or interpolation (CWE-89)
      --all             every page (default: the first 50)
  taint [F]             taint flows: untrusted input reaching SQL, shell, eval, file, HTML,
                        redirect or deserialisation calls unsanitised, as source -> steps ->
                        sink; of function F only (named as for callers), or every flow
      --sink-type T     only sql_query, os_command, code_execution, file_path, html_output,
                        http_redirect or deserialization
  security              the security posture: score, secrets, data access, sensitive fields
                        and the most exposed tables
  sensitive-fields      fields of classes and models holding personal data, credentials,
                        money or health data, with the reason for each
      --sensitivity S   only pii, credentials, financial or health
      --model M         only fields of class M
      --path P          only files whose path starts with P
  patterns              learned patterns, most confident first: category, tier, role in
                        their group (dominant = the convention, deviation), spread, status
      --category C      only this category (api, errors, security, testing, ...)
      --status S        only discovered, approved or ignored
      --tier T          only established, emerging, tentative or uncertain
      --path P          only patterns found under path prefix P
      --search Q        text in the id or name
      --all             every page (default: the first 50)
  pattern ID            one pattern: confidence and credible interval, conventions of its group,
                        outliers, and its locations (--all for every page)
  violations            deviations from conventions, findings and outliers, worst first
      --severity S      only error, warning, info or hint
      --category C      only this category
      --path P          only files whose path starts with P
      --pattern ID      only violations of this pattern
      --new             only violations the previous run did not report
      --fail-on S       exit 1 when a violation is at least this severe (for CI)
      --all             every page (default: the first 50)
  approve ID            approve a pattern: its group's other alternatives become warnings
  ignore ID             ignore a pattern: it produces no violations
  status                what is stored and when it was scanned
  backup [path]         copy drift.db to path (default: .drift/backup.db)

options for every command:
  --root DIR            the project root (default: the working directory); drift.toml is read there
  --threads N           worker threads (default: one per core)
  --json                print JSON instead of text
  --help, --version

exit codes: 0 ok, 1 Drift error (or findings at --fail-on), 2 bad usage, 130 interrupted`

const LISTINGS: Record<string, ListingName> = {
  files: 'files',
  functions: 'functions',
  classes: 'classes',
  imports: 'imports',
  exports: 'exports',
  calls: 'callSites',
  'call-sites': 'callSites',
}

/** Hints printed under an error, by code. */
const HINTS: Partial<Record<string, string>> = {
  CONFIG_ERROR: 'fix the drift.toml named above',
  CONFIG_INVALID: 'fix the value named above in drift.toml',
  DB_BUSY: 'another Drift process is using drift.db; wait for it or stop it',
  DB_CORRUPT: 'delete .drift/drift.db and run `drift scan --full` to rebuild it',
  MIGRATION_FAILED: 'this drift.db is from a newer Drift: upgrade, or delete it and rescan',
  SCAN_ERROR: 'check that the directory exists and can be read',
  INVALID_FILTER: 'see `drift --help` for the accepted values',
  AMBIGUOUS_FUNCTION: 'pass one of the ids listed above',
  FUNCTION_NOT_FOUND: 'list functions with `drift query functions --name PREFIX`',
  CALL_GRAPH_NOT_BUILT: 'run `drift scan` first',
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      root: { type: 'string' },
      threads: { type: 'string' },
      json: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      'no-parse': { type: 'boolean', default: false },
      language: { type: 'string' },
      path: { type: 'string' },
      name: { type: 'string' },
      limit: { type: 'string' },
      all: { type: 'boolean', default: false },
      depth: { type: 'string' },
      kind: { type: 'string' },
      to: { type: 'string' },
      inverse: { type: 'boolean', default: false },
      severity: { type: 'string' },
      provider: { type: 'string' },
      status: { type: 'string' },
      'fail-on': { type: 'string' },
      sensitivity: { type: 'string' },
      table: { type: 'string' },
      framework: { type: 'string' },
      operation: { type: 'string' },
      unsafe: { type: 'boolean', default: false },
      'sink-type': { type: 'string' },
      model: { type: 'string' },
      category: { type: 'string' },
      tier: { type: 'string' },
      search: { type: 'string' },
      pattern: { type: 'string' },
      new: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      version: { type: 'boolean', default: false },
    },
  })
  const [command, argument, second, ...rest] = positionals
  if (second !== undefined && command !== 'path') rest.unshift(second)
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`)
  const threads = values.threads === undefined ? undefined : Number(values.threads)
  if (threads !== undefined && !Number.isInteger(threads)) throw new UsageError('--threads takes a whole number')
  if (values.version) {
    const client = await DriftClient.initialize({ root: values.root, threads })
    console.log(client.version())
    client.shutdown()
    return 0
  }
  if (!command) throw new UsageError('no command given')
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command \`${command}\``)
  if (['callers', 'callees', 'graph', 'reach', 'impact', 'path'].includes(command) && !argument) throw new UsageError(`${command} needs a function`)
  if (command === 'path' && !second) throw new UsageError('path needs two functions')
  if (['pattern', 'approve', 'ignore'].includes(command) && !argument) throw new UsageError(`${command} needs a pattern id (see \`drift patterns\`)`)
  const depth = values.depth === undefined ? undefined : Number(values.depth)
  if (depth !== undefined && !Number.isInteger(depth)) throw new UsageError('--depth takes a whole number')

  const client = await DriftClient.initialize({ root: values.root, threads })
  try {
    switch (command) {
      case 'scan':
        return await scan(client, argument ?? '.', values.full, !values['no-parse'], values.json)
      case 'query': {
        const listing = argument === undefined ? undefined : LISTINGS[argument]
        if (!listing) throw new UsageError(`query needs a listing: ${Object.keys(LISTINGS).join(', ')}`)
        const limit = values.limit === undefined ? 20 : Number(values.limit)
        if (!Number.isInteger(limit)) throw new UsageError('--limit takes a whole number')
        return query(client, listing, { language: values.language, pathPrefix: values.path, name: values.name }, limit, values.all, values.json)
      }
      case 'callers':
      case 'callees':
        return edges(client, command, argument ?? '', values.json)
      case 'graph':
        return graph(client, argument ?? '', depth, values.json)
      case 'entry-points':
        return entryPoints(client, values.kind, values.language, values.path, values.json)
      case 'reach':
        return reach(client, argument ?? '', { target: values.to, direction: values.inverse ? 'inverse' : 'forward', maxDepth: depth }, values.json)
      case 'impact':
        return impact(client, argument ?? '', values.json)
      case 'dead-code':
        return deadCode(client, values.all, values.json)
      case 'path':
        return path(client, argument ?? '', second ?? '', values.json)
      case 'secrets':
        return secrets(client, values, values.json)
      case 'boundaries':
        return boundaries(
          client,
          { table: values.table, framework: values.framework, operation: values.operation, pathPrefix: values.path, unsafeOnly: values.unsafe },
          values.all,
          values.json,
        )
      case 'security':
        return security(client, values.json)
      case 'taint':
        return taint(client, argument, { sinkType: values['sink-type'], pathPrefix: values.path }, values.json)
      case 'sensitive-fields':
        return sensitiveFields(client, { sensitivity: values.sensitivity, model: values.model, pathPrefix: values.path }, values.json)
      case 'patterns':
        return patterns(
          client,
          { category: values.category, status: values.status, tier: values.tier, pathPrefix: values.path, search: values.search },
          values.all,
          values.json,
        )
      case 'pattern':
        return pattern(client, argument ?? '', values.all, values.json)
      case 'violations':
        return violations(client, values, values.json)
      case 'approve':
      case 'ignore':
        return setStatus(client, argument ?? '', command === 'approve' ? 'approved' : 'ignored', values.json)
      case 'status':
        return status(client, values.json)
      default: {
        const result = await client.backup(argument ?? '.drift/backup.db')
        if (values.json) console.log(JSON.stringify({ path: result.path, bytes: result.bytes }))
        else console.log(`drift.db copied to ${result.path} (${result.bytes} bytes)`)
        return 0
      }
    }
  } finally {
    client.shutdown()
  }
}

const COMMANDS = ['scan', 'query', 'callers', 'callees', 'graph', 'entry-points', 'reach', 'impact', 'dead-code', 'path', 'secrets', 'sensitive-fields', 'boundaries', 'security', 'taint', 'patterns', 'pattern', 'violations', 'approve', 'ignore', 'status', 'backup']

/** `path:line` of a function, 1-based as editors show it. */
const place = (f: FunctionSummary) => `${f.file}:${f.startLine + 1}`

function graph(client: DriftClient, fn: string, depth: number | undefined, json: boolean): number {
  const subset = client.callGraph(fn, depth)
  if (json) {
    console.log(JSON.stringify(subset))
    return 0
  }
  console.log(`${subset.center.id}  ${place(subset.center)}`)
  for (const [title, list] of [['callers', subset.callers], ['callees', subset.callees]] as const) {
    console.log(`${title} (${list.length}):`)
    for (const item of list) console.log(`  ${'  '.repeat(item.depth - 1)}${item.function.id}  ${place(item.function)}`)
  }
  if (subset.truncated) console.log('(truncated)')
  return 0
}

function entryPoints(client: DriftClient, kind: string | undefined, language: string | undefined, pathPrefix: string | undefined, json: boolean): number {
  let cursor: string | undefined
  let shown = 0
  let total = 0
  do {
    const page = client.entryPoints({ kind, language, pathPrefix }, { cursor, limit: 100 })
    total = page.total
    for (const f of page.items) {
      shown += 1
      console.log(json ? JSON.stringify(f) : `${f.entryPoint?.padEnd(18)} ${f.id}  ${place(f)}`)
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  if (!json) process.stderr.write(`${shown} of ${total} entry points\n`)
  return 0
}

function reach(client: DriftClient, fn: string, options: ReachabilityOptions, json: boolean): number {
  const result = client.reachability(fn, options)
  if (json) {
    console.log(JSON.stringify(result))
    return 0
  }
  console.log(`${result.reachableCount} functions ${result.direction === 'inverse' ? 'reach' : 'reached from'} ${result.source.id} (depth ${result.maxDepthReached}${result.truncated ? ', truncated' : ''})`)
  for (const item of result.reachable) console.log(`  ${item.depth}  ${item.function.id}  ${place(item.function)}`)
  if (options.target !== undefined) {
    console.log(result.targetReachable ? `path: ${(result.path ?? []).map((f) => f.id).join(' -> ')}` : `${options.target} is not reached`)
  }
  return 0
}

function impact(client: DriftClient, fn: string, json: boolean): number {
  const result = client.impact(fn)
  if (json) {
    console.log(JSON.stringify(result))
    return 0
  }
  console.log(`${result.function.id}: risk ${result.riskScore} (${result.riskLevel})`)
  console.log(`${result.directCallers} direct and ${result.transitiveCallers} transitive callers, ${(result.codebaseShare * 100).toFixed(1)}% of the functions, depth ${result.maxDepth}`)
  console.log(`entry points affected (${result.affectedEntryPoints.length}):`)
  for (const f of result.affectedEntryPoints) console.log(`  ${f.entryPoint?.padEnd(18)} ${f.id}  ${place(f)}`)
  console.log(`factors: ${result.factors.map((factor) => `${factor.name} ${factor.value}`).join(', ')}`)
  return 0
}

/**
 * Prints a listing a page at a time (the first 50 rows, or every page with `all`), one line per
 * row from `line` (a JSON line with `json`); returns the rows shown, the total and the last page.
 */
function printPages<P extends { items: unknown[]; total: number; nextCursor?: string | null }>(
  fetch: (page: PageOptions) => P,
  all: boolean,
  json: boolean,
  line: (item: P['items'][number]) => string,
): { shown: number; total: number; last: P } {
  let cursor: string | undefined
  let shown = 0
  let last: P
  do {
    last = fetch({ cursor, limit: all ? 100 : 50 })
    for (const item of last.items) {
      shown += 1
      console.log(json ? JSON.stringify(item) : line(item))
    }
    cursor = all ? (last.nextCursor ?? undefined) : undefined
  } while (cursor)
  return { shown, total: last.total, last }
}

function deadCode(client: DriftClient, all: boolean, json: boolean): number {
  const { shown, total, last } = printPages(
    (page) => client.deadCode(page),
    all,
    json,
    (item) => `${item.confidence.toFixed(2)}  ${item.function.id}  ${place(item.function)}  (${item.linesOfCode} lines)`,
  )
  const rate = last.resolutionRate
  if (!json) process.stderr.write(`${shown} of ${total} unreferenced functions (resolution rate ${(rate * 100).toFixed(0)}%)${shown < total ? '; --all lists every one' : ''}\n`)
  return 0
}

function path(client: DriftClient, from: string, to: string, json: boolean): number {
  const result = client.path(from, to)
  if (json) {
    console.log(JSON.stringify(result))
    return 0
  }
  if (!result.found) {
    console.log(`no call path from ${from} to ${to}`)
    return 0
  }
  result.path.forEach((f, i) => {
    const edge = i > 0 ? result.edges[i - 1] : undefined
    console.log(`${'  '.repeat(i)}${edge ? `-> (${edge.strategy} ${edge.confidence}) ` : ''}${f.id}  ${place(f)}`)
  })
  return 0
}

/** `drift callers F` / `drift callees F`: one line per edge (JSON lines with --json). */
function edges(client: DriftClient, command: 'callers' | 'callees', fn: string, json: boolean): number {
  const found = command === 'callers' ? client.callers(fn) : client.callees(fn)
  for (const edge of found) {
    if (json) {
      console.log(JSON.stringify(edge))
    } else {
      const f = edge.function
      console.log(`${f.id}  ${f.file}:${f.startLine + 1}  ${edge.strategy} ${edge.confidence.toFixed(2)}`)
    }
  }
  if (!json) process.stderr.write(`${found.length} ${command} of ${fn}\n`)
  return 0
}

async function scan(client: DriftClient, dir: string, full: boolean, parse: boolean, json: boolean): Promise<number> {
  const tty = process.stderr.isTTY === true && !json
  let interrupted = false
  const onInterrupt = () => {
    interrupted = true
    client.cancelScan()
  }
  process.once('SIGINT', onInterrupt)
  let lastLine = 0
  let summary: ScanSummary
  try {
    summary = await client.scanWithProgress(dir, { full, parse }, (progress) => {
      if (json) return
      const total = progress.total ? ` / ${progress.total}` : ''
      if (tty) {
        const width = 30
        const done = progress.total ? Math.round((progress.processed / progress.total) * width) : 0
        process.stderr.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${progress.processed}${total} files`)
      } else if (progress.phase === 'complete' || progress.processed - lastLine >= 1000) {
        lastLine = progress.processed
        process.stderr.write(`${progress.phase}: ${progress.processed}${total} files\n`)
      }
    })
  } finally {
    process.removeListener('SIGINT', onInterrupt)
    if (tty) process.stderr.write('\n')
  }
  if (json) {
    const { entries: _entries, ...rest } = summary
    console.log(JSON.stringify(rest))
  } else {
    printSummary(summary)
  }
  return interrupted || summary.status === 'partial' ? 130 : 0
}

function printSummary(summary: ScanSummary) {
  console.log(
    `${summary.status} scan of ${summary.filesTotal} files in ${summary.durationMs.toFixed(0)} ms: ` +
      `${summary.filesAdded} added, ${summary.filesModified} modified, ${summary.filesRemoved} removed, ${summary.filesUnchanged} unchanged`,
  )
  const parsed = summary.parse?.languages ?? {}
  const rows = Object.entries(summary.languages).sort(([a], [b]) => a.localeCompare(b))
  const width = Math.max(8, ...rows.map(([language]) => language.length))
  console.log(`${'language'.padEnd(width)}  ${'files'.padStart(6)}  ${'parsed'.padStart(6)}`)
  for (const [language, files] of rows) {
    console.log(`${language.padEnd(width)}  ${String(files).padStart(6)}  ${String(parsed[language] ?? 0).padStart(6)}`)
  }
  if (summary.parse) {
    const p = summary.parse
    console.log(`parsed ${p.files} files: ${p.functions} functions, ${p.classes} classes, ${p.callSites} calls (${p.withSyntaxErrors} with syntax errors, ${p.cacheHits} from the cache)`)
  }
  for (const issue of summary.errors) console.log(`skipped ${issue.path ?? ''}: [${issue.code}] ${issue.message}`)
  for (const issue of summary.parse?.failed ?? []) console.log(`not parsed ${issue.path ?? ''}: [${issue.code}] ${issue.message}`)
}

function query(
  client: DriftClient,
  listing: ListingName,
  filter: { language?: string; pathPrefix?: string; name?: string },
  limit: number,
  all: boolean,
  json: boolean,
): number {
  const fileFilter = { language: filter.language, pathPrefix: filter.pathPrefix }
  let cursor: string | undefined
  let shown = 0
  let total = 0
  do {
    const page = listing === 'files' ? client.query('files', fileFilter, { cursor, limit }) : client.query(listing, filter, { cursor, limit })
    total = page.total
    for (const row of page.items as object[]) {
      console.log(json ? JSON.stringify(row) : describe(listing, row as Record<string, unknown>))
      shown += 1
    }
    cursor = all ? (page.nextCursor ?? undefined) : undefined
  } while (cursor)
  if (!json) console.error(`${shown} of ${total} ${listing}`)
  return 0
}

function describe(listing: ListingName, row: Record<string, unknown>): string {
  const at = (line: unknown) => `${String(row.file)}:${Number(line) + 1}`
  switch (listing) {
    case 'files':
      return `${String(row.path)}  ${String(row.language ?? '-')}  ${String(row.size)} bytes`
    case 'functions':
      return `${String(row.qualifiedName)}(${String(row.parameters)})  ${at(row.startLine)}`
    case 'classes':
      return `${String(row.kind)} ${String(row.qualifiedName)}  ${at(row.startLine)}`
    case 'imports':
      return `${String(row.source)}  ${at(row.line)}`
    case 'exports':
      return `${String(row.name)}${row.isDefault ? ' (default)' : ''}  ${at(row.line)}`
    default:
      return `${row.receiver ? `${String(row.receiver)}.` : ''}${String(row.callee)}(${String(row.argCount)} args)  ${at(row.line)}`
  }
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info']

/** `drift secrets`: findings a page at a time (JSON lines with --json), then a summary. */
function secrets(
  client: DriftClient,
  options: { severity?: string; provider?: string; path?: string; status?: string; 'fail-on'?: string; all: boolean },
  json: boolean,
): number {
  const failOn = options['fail-on']
  for (const [flag, value] of [['--severity', options.severity], ['--fail-on', failOn]] as const) {
    if (value !== undefined && !SEVERITIES.includes(value)) throw new UsageError(`${flag} takes one of ${SEVERITIES.join(', ')}`)
  }
  const any = options.status === 'any'
  const filter = {
    minSeverity: options.severity,
    provider: options.provider,
    pathPrefix: options.path,
    status: any ? undefined : options.status,
    all: any,
  }
  const { shown, total } = printPages(
    (page) => client.secrets(filter, page),
    options.all,
    json,
    (item) =>
      `${item.severity.padEnd(8)} ${item.file}:${item.line + 1}:${item.column + 1}  ${item.pattern}  ${item.masked}  (confidence ${item.confidence.toFixed(2)}${item.status === 'open' ? '' : `, ${item.status}`})`,
  )
  const summary = client.detectSecrets()
  if (!json) {
    const bySeverity = summary.bySeverity.filter((s) => s.count > 0).map((s) => `${s.count} ${s.name}`)
    process.stderr.write(
      `${shown} of ${total} findings${shown < total ? ' (--all lists every one)' : ''}; open: ${summary.total}${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''} in ${summary.filesAffected} files; ${summary.suppressed} suppressed, ${summary.placeholdersSkipped} placeholders; ${summary.patterns} patterns\n`,
    )
  }
  if (failOn === undefined) return 0
  const worst = SEVERITIES.indexOf(failOn)
  const failing = summary.bySeverity.filter((s) => SEVERITIES.indexOf(s.name) <= worst).reduce((n, s) => n + s.count, 0)
  if (failing > 0 && !json) process.stderr.write(`${failing} open findings at or above ${failOn}\n`)
  return failing > 0 ? 1 : 0
}

/** `drift boundaries`: one line per access (JSON lines with --json), then a summary. */
function boundaries(client: DriftClient, filter: BoundaryQuery, all: boolean, json: boolean): number {
  const { shown, total } = printPages(
    (page) => client.boundaries(filter, page),
    all,
    json,
    (item) =>
      `${item.securityTier.padEnd(8)} ${item.tableName}  ${item.operation.padEnd(9)} ${item.file}:${item.line + 1}${item.function ? `  ${item.function}` : ''}  [${item.framework}]${item.unsafeApi ? `  UNSAFE: ${item.unsafeApi}` : ''}`,
  )
  if (!json) {
    const summary = client.detectBoundaries()
    const frameworks = summary.frameworksDetected.map((f) => `${f.name} ${f.count}`).join(', ')
    process.stderr.write(
      `${shown} of ${total} listed; ${summary.totalAccessPoints} access points to ${summary.tablesFound} tables, ${summary.totalModels} models, ${summary.totalUnsafeApis} unsafe SQL${frameworks ? `; ${frameworks}` : ''}\n`,
    )
  }
  return 0
}

/** `drift taint [F]`: each flow as source -> steps -> sink (JSON lines with --json). */
function taint(client: DriftClient, fn: string | undefined, filter: TaintQuery, json: boolean): number {
  const flows = fn ? client.analyzeTaint(fn).flows : client.taintFlows(filter).items
  for (const flow of flows) {
    if (json) {
      console.log(JSON.stringify(flow))
      continue
    }
    const across = flow.functions.length > 0 ? `  across ${flow.functions.join(' -> ')}` : ''
    console.log(`${flow.sinkType} (CWE-${flow.cweId}) in ${flow.function || '(top level)'}  ${flow.file}:${flow.sinkLine + 1}  confidence ${flow.confidence.toFixed(2)}${across}`)
    for (const step of flow.path) console.log(`    ${step.file}:${step.line + 1}  ${step.description}`)
  }
  if (!json) process.stderr.write(`${flows.length} taint flows${fn ? ` in ${fn}` : ''}\n`)
  return 0
}

/** `drift security`: the posture in a few lines (one JSON document with --json). */
function security(client: DriftClient, json: boolean): number {
  const summary = client.securitySummary()
  if (json) {
    console.log(JSON.stringify(summary))
    return 0
  }
  const { secrets, boundaries } = summary
  const severities = secrets.bySeverity.filter((s) => s.count > 0).map((s) => `${s.count} ${s.name}`)
  console.log(`security score ${summary.score} / 100 (risk ${summary.riskLevel})`)
  console.log(`secrets: ${secrets.total} open${severities.length ? ` (${severities.join(', ')})` : ''} in ${secrets.filesAffected} files; ${secrets.suppressed} suppressed, ${secrets.placeholdersSkipped} placeholders`)
  console.log(
    `data access: ${boundaries.totalAccessPoints} access points to ${boundaries.tablesFound} tables, ${boundaries.totalModels} models, ${boundaries.rawSqlAccessPoints} raw SQL, ${boundaries.totalUnsafeApis} unsafe; tiers ${boundaries.securityTierCounts.critical} critical, ${boundaries.securityTierCounts.high} high, ${boundaries.securityTierCounts.low} low`,
  )
  console.log(`sensitive fields: ${summary.sensitiveFields.map((k) => `${k.count} ${k.name}`).join(', ')}`)
  const flows = summary.taintFlows.reduce((n, k) => n + k.count, 0)
  console.log(`taint flows: ${flows}${flows ? ` (${summary.taintFlows.map((k) => `${k.count} ${k.name}`).join(', ')})` : ''}`)
  for (const table of summary.topTables) console.log(`  ${table.tier.padEnd(8)} ${table.table}  ${table.accessPoints} accesses${table.unsafeSql ? `, ${table.unsafeSql} unsafe` : ''}`)
  if (summary.riskiestEntryPoints.length > 0) console.log('riskiest entry points:')
  for (const entry of summary.riskiestEntryPoints) {
    const reached = [`${entry.taintFlows} taint flows`, `${entry.unsafeSql} unsafe SQL`, `${entry.sensitiveAccess} sensitive accesses`, `${entry.dataAccess} data accesses`]
    console.log(`  ${entry.score.toFixed(1).padStart(6)}  ${entry.kind.padEnd(17)} ${entry.id}  (${reached.join(', ')})`)
  }
  return 0
}

const VIOLATION_SEVERITIES = ['error', 'warning', 'info', 'hint']

function percent(value: number): string {
  return `${Math.round(value * 100)}%`
}

/** `drift patterns`: one line per pattern (JSON lines with --json), then a summary. */
function patterns(client: DriftClient, filter: PatternQuery, all: boolean, json: boolean): number {
  const { shown, total } = printPages(
    (page) => client.patterns(filter, page),
    all,
    json,
    (p) =>
      `${p.confidence.toFixed(2)} ${p.tier.padEnd(11)} ${p.id}  [${p.category}${p.role === 'none' ? '' : `, ${p.role}${p.role === 'dominant' || p.role === 'deviation' ? ` ${percent(p.dominance)}` : ''}`}]  ${p.locationCount} in ${p.fileSpread} files${p.violationCount ? `, ${p.violationCount} violations` : ''}${p.status === 'discovered' ? '' : `  (${p.status})`}`,
  )
  if (!json) {
    const summary = client.detectPatterns({ forceRelearn: false })
    process.stderr.write(
      `${shown} of ${total} patterns; ${summary.conventionsLearned} conventions, ${summary.contestedConventions} contested; ${summary.totalViolations} violations${summary.frameworks.length ? `; frameworks: ${summary.frameworks.join(', ')}` : ''}\n`,
    )
    for (const error of summary.packErrors) process.stderr.write(`pack left out: ${error}\n`)
  }
  return 0
}

/** `drift pattern ID`: the pattern in full and its locations. */
function pattern(client: DriftClient, id: string, all: boolean, json: boolean): number {
  let cursor: string | undefined
  let first = true
  do {
    const detail = client.patternDetail(id, { cursor, limit: 100 })
    if (json) {
      if (first) console.log(JSON.stringify({ ...detail, locations: undefined }))
      for (const location of detail.locations) console.log(JSON.stringify(location))
    } else {
      if (first) {
        const p = detail.pattern
        console.log(`${p.id}: ${p.name} [${p.category}${p.framework ? `, ${p.framework}` : ''}] ${p.status}`)
        if (detail.description) console.log(`  ${detail.description}`)
        console.log(`  confidence ${p.confidence.toFixed(2)} (${p.tier}; 95% interval ${detail.credibleInterval.map((v) => v.toFixed(2)).join('-')}), ${p.locationCount} locations in ${p.fileSpread} files, momentum ${p.momentum}`)
        console.log(`  group ${p.group}: ${p.role}${p.role === 'none' ? '' : ` (${percent(p.dominance)} of the group)`}`)
        for (const c of detail.conventions) {
          console.log(`  convention${c.scope ? ` in ${c.scope}/` : ''}: ${c.patternId} ${percent(c.dominance)} of ${c.total}${c.contested ? ' (contested)' : c.enforced ? '' : ' (not enforced)'}`)
        }
        for (const o of detail.outliers) console.log(`  outlier value ${o.value} x${o.count} (${o.methods.join(', ')}; ${o.significance})`)
      }
      for (const l of detail.locations) console.log(`  ${l.file}:${l.line}:${l.column + 1}  ${l.matchedText}${l.suppressed ? '  (suppressed)' : ''}${l.outlier ? '  (outlier)' : ''}`)
    }
    first = false
    cursor = all ? (detail.nextCursor ?? undefined) : undefined
    if (!all && detail.hasMore && !json) process.stderr.write(`${detail.locations.length} of ${detail.locationTotal} locations (--all lists every one)\n`)
  } while (cursor)
  return 0
}

/** `drift violations`: worst first (JSON lines with --json); `--fail-on` gates CI. */
function violations(
  client: DriftClient,
  options: { severity?: string; category?: string; path?: string; pattern?: string; new: boolean; 'fail-on'?: string; all: boolean },
  json: boolean,
): number {
  const failOn = options['fail-on']
  for (const [flag, value] of [['--severity', options.severity], ['--fail-on', failOn]] as const) {
    if (value !== undefined && !VIOLATION_SEVERITIES.includes(value)) throw new UsageError(`${flag} takes one of ${VIOLATION_SEVERITIES.join(', ')}`)
  }
  const filter: ViolationQuery = { severity: options.severity, category: options.category, pathPrefix: options.path, patternId: options.pattern, onlyNew: options.new }
  const { shown, total } = printPages(
    (page) => client.violations(filter, page),
    options.all,
    json,
    (v) =>
      `${v.severity.padEnd(7)} ${v.file}:${v.line}:${v.column + 1}  ${v.message}  [${v.ruleId}]${v.fixDescription ? `\n          fix: ${v.fixDescription}` : ''}`,
  )
  const summary = client.detectPatterns({ forceRelearn: false })
  if (!json) {
    const counts = summary.violationsBySeverity.filter((s) => s.count > 0).map((s) => `${s.count} ${s.name}`)
    process.stderr.write(`${shown} of ${total} violations${shown < total ? ' (--all lists every one)' : ''}; ${summary.totalViolations} in all${counts.length ? ` (${counts.join(', ')})` : ''}\n`)
    for (const unknown of summary.unknownSuppressions) process.stderr.write(`${unknown.file}:${unknown.line}: drift-ignore names an unknown rule \`${unknown.rule}\`\n`)
  }
  if (failOn === undefined) return 0
  const worst = VIOLATION_SEVERITIES.indexOf(failOn)
  const failing = summary.violationsBySeverity.filter((s) => VIOLATION_SEVERITIES.indexOf(s.name) <= worst).reduce((n, s) => n + s.count, 0)
  if (failing > 0 && !json) process.stderr.write(`${failing} violations at or above ${failOn}\n`)
  return failing > 0 ? 1 : 0
}

/** `drift approve|ignore ID`. */
function setStatus(client: DriftClient, id: string, status: 'approved' | 'ignored', json: boolean): number {
  const result = client.setPatternStatus(id, status)
  if (json) {
    console.log(JSON.stringify(result))
    return 0
  }
  console.log(`${result.id}: ${result.status}${result.demoted.length ? ` (${result.demoted.join(', ')} set back to discovered)` : ''}; ${result.summary.totalViolations} violations now`)
  return 0
}

/** `drift sensitive-fields`: one line per field (JSON lines with --json). */
function sensitiveFields(client: DriftClient, filter: { sensitivity?: string; model?: string; pathPrefix?: string }, json: boolean): number {
  const { items, total } = client.sensitiveFields(filter)
  for (const item of items) {
    console.log(
      json
        ? JSON.stringify(item)
        : `${item.sensitivity.padEnd(11)} ${item.model}.${item.field}  ${item.file}:${item.line + 1}  (confidence ${item.confidence.toFixed(2)}: ${item.reason})`,
    )
  }
  if (!json) process.stderr.write(`${items.length} of ${total} sensitive fields\n`)
  return 0
}

function status(client: DriftClient, json: boolean): number {
  const info = client.status()
  if (json) {
    console.log(JSON.stringify(info))
    return 0
  }
  const c = info.counts
  console.log(`drift.db: ${info.dbPath} (schema ${info.schemaVersion})`)
  console.log(info.lastScanAtMs ? `last scan: ${info.lastScanRoot ?? ''} at ${new Date(info.lastScanAtMs).toISOString()}` : 'no complete scan yet')
  console.log(`${c.files} files (${info.filesParsed} parsed, ${info.filesPartial} with syntax errors), ${c.functions} functions, ${c.classes} classes, ${c.imports} imports, ${c.exports} exports, ${c.callSites} calls`)
  return 0
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`drift: ${error.message}\n\n${USAGE}`)
      process.exitCode = 2
      return
    }
    const drift: DriftError = toDriftError(error)
    console.error(`drift: [${drift.code}] ${drift.message}`)
    const hint = HINTS[drift.code]
    if (hint) console.error(`hint: ${hint}`)
    process.exitCode = 1
  },
)
