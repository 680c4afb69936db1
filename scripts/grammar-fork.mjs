// What Drift's grammar forks share (crates/drift-grammar-*/grammar/patch.mjs): reading the
// upstream grammar.json or scanner, named patches that check upstream's shape before they change
// it, and the rule constructors of grammar.json.
//
//   node grammar/patch.mjs UPSTREAM_GRAMMAR_JSON OUT_GRAMMAR_JSON
//   node grammar/patch.mjs --scanner UPSTREAM_SCANNER OUT_SCANNER
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'

export const string = (value) => ({ type: 'STRING', value })
export const symbol = (name) => ({ type: 'SYMBOL', name })
export const optional = (content) => ({ type: 'CHOICE', members: [content, { type: 'BLANK' }] })
export const seq = (...members) => ({ type: 'SEQ', members })
export const choice = (...members) => ({ type: 'CHOICE', members })
export const isString = (rule, value) => rule.type === 'STRING' && rule.value === value
export const isOptionalString = (rule, value) =>
  rule.type === 'CHOICE' && rule.members.length === 2 && isString(rule.members[0], value) && rule.members[1].type === 'BLANK'

/**
 * Runs a fork's patches on the files named on the command line. `grammar(grammar, patch)`
 * changes the parsed grammar.json through `patch(name, why, change)`; `scanner(replace)` changes
 * the scanner's text through `replace(why, before, after)`, where `before` must occur exactly once.
 */
export function runPatches({ grammar: patchGrammar, scanner: patchScanner }) {
  const usage = 'usage: node patch.mjs UPSTREAM_GRAMMAR_JSON OUT_GRAMMAR_JSON | --scanner UPSTREAM_SCANNER OUT_SCANNER'
  const args = process.argv.slice(2)
  const scanner = args[0] === '--scanner'
  const [from, to] = scanner ? args.slice(1) : args
  if (!from || !to) {
    console.error(usage)
    process.exit(2)
  }
  if (scanner) {
    let text = readFileSync(from, 'utf8')
    patchScanner((why, before, after) => {
      assert.equal(text.split(before).length, 2, `scanner: exactly one ${JSON.stringify(before)}`)
      text = text.replace(before, after)
      console.log(`patched scanner: ${why}`)
    }, (rename) => {
      text = rename(text)
    })
    writeFileSync(to, text)
    return
  }
  const grammar = JSON.parse(readFileSync(from, 'utf8'))
  const applied = []
  patchGrammar(grammar, (name, why, change) => {
    change()
    applied.push(`${name}: ${why}`)
  })
  writeFileSync(to, `${JSON.stringify(grammar, null, 2)}\n`)
  for (const line of applied) console.log(`patched ${line}`)
}
