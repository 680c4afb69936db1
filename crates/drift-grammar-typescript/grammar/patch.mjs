// Drift's TypeScript grammar: tree-sitter-typescript 0.23.2's grammar.json (from the crate on
// crates.io) with the TypeScript 4.7-5.x syntax it predates added, rule by rule.
//
//   node grammar/patch.mjs UPSTREAM_GRAMMAR_JSON OUT_GRAMMAR_JSON
//
// Each patch checks the upstream rule has the shape it expects and fails loudly otherwise, so a
// grammar update cannot silently skip one. `regenerate.sh` runs this for both dialects and then
// `tree-sitter generate` on the result.
import assert from 'node:assert/strict'

import { choice, isOptionalString, optional, runPatches, seq, string, symbol } from '../../../scripts/grammar-fork.mjs'

runPatches({
  grammar(grammar, patch) {
    const rules = grammar.rules

    // Its own name, so that its C symbols (`tree_sitter_drift_typescript`, ...) never clash with
    // upstream's when both are linked (the tests compare the two).
    assert.ok(['typescript', 'tsx'].includes(grammar.name), `unexpected grammar ${grammar.name}`)
    grammar.name = `drift_${grammar.name}`

    patch('type_parameter', 'variance annotations `in` / `out` (TS 4.7) after the optional `const` (TS 5.0)', () => {
      const rule = rules.type_parameter
      assert.equal(rule.type, 'SEQ')
      assert.ok(isOptionalString(rule.members[0], 'const'), 'type_parameter starts with an optional `const`')
      const [constModifier, name, ...rest] = rule.members
      assert.equal(name.name, 'name')
      // `out` is also a legal name (`<out>`): as the last word before `>`, `,`, `extends` or `=`
      // it is the name, before another name a modifier.
      const outAsName = { type: 'FIELD', name: 'name', content: { type: 'ALIAS', content: string('out'), named: true, value: 'type_identifier' } }
      rules.type_parameter = choice(
        seq(constModifier, optional(string('in')), optional(string('out')), name, ...rest),
        seq(constModifier, optional(string('in')), outAsName, ...rest),
      )
    })

    patch('primary_type', 'a type imported inline (`import("./m").T`) is a primary type: it takes type arguments, `[]`, `keyof`', () => {
      const isImportMember = (member) =>
        member.type === 'PREC' && member.value === -1 && member.content.type === 'ALIAS' &&
        member.content.content.name === '_type_query_member_expression_in_type_annotation'
      const type = rules.type
      assert.equal(type.type, 'CHOICE')
      const at = type.members.findIndex(isImportMember)
      assert.ok(at >= 0, 'type has the inline import member expression')
      const [member] = type.members.splice(at, 1)
      assert.equal(rules.primary_type.type, 'CHOICE')
      rules.primary_type.members.push(member)
      const name = rules.generic_type.content.members[0]
      assert.equal(name.type, 'FIELD')
      assert.equal(name.name, 'name')
      assert.equal(name.content.type, 'CHOICE')
      name.content.members.push(member)
    })

    patch('call_expression', 'type arguments on a tagged template (sql<Row>`...`)', () => {
      const call = rules.call_expression
      assert.equal(call.type, 'CHOICE')
      const template = call.members.find((member) => member.type === 'PREC' && member.value === 'template_call')
      assert.ok(template, 'call_expression has the template call')
      const args = template.content.members[1]
      assert.equal(args.name, 'arguments')
      // The callee as a call with type arguments has it (`f<T>(...)`), so that the two part only
      // at the token after `>`: a template or an argument list.
      const plain = call.members[0].content.members
      assert.equal(plain[0].name, 'function')
      assert.equal(plain[1].name, 'type_arguments')
      call.members.push({
        type: 'PREC',
        value: 'call',
        content: seq(plain[0], { type: 'FIELD', name: 'type_arguments', content: symbol('type_arguments') }, args),
      })
    })

    patch('template_literal_type', 'escape sequences (`\\``) in template literal types', () => {
      const rule = rules.template_literal_type
      assert.equal(rule.type, 'SEQ')
      const parts = rule.members[1]
      assert.equal(parts.type, 'REPEAT')
      assert.equal(parts.content.type, 'CHOICE')
      parts.content.members.push(symbol('escape_sequence'))
    })

    patch('public_field_definition', '`accessor` after `static` / `override` (TS 4.9 auto-accessors)', () => {
      const modifiers = rules.public_field_definition.members[2]
      assert.equal(modifiers.type, 'CHOICE')
      const alone = modifiers.members.findIndex((member) => isOptionalString(member, 'accessor'))
      assert.ok(alone >= 0, 'a lone optional `accessor`')
      modifiers.members.splice(alone, 1)
      const first = modifiers.members[0]
      assert.equal(first.type, 'SEQ')
      assert.ok(isOptionalString(first.members[0], 'static'))
      // static? override? accessor? readonly?
      first.members.splice(2, 0, optional(string('accessor')))
    })

    patch('export_statement', '`export type * from` and `export type * as ns from` (TS 5.0)', () => {
      const rule = rules.export_statement
      assert.equal(rule.type, 'CHOICE')
      const typeExport = rule.members.find(
        (member) => member.type === 'SEQ' && member.members[1]?.type === 'STRING' && member.members[1].value === 'type',
      )
      assert.ok(typeExport, 'export_statement has `export type { ... }`')
      assert.equal(typeExport.members[2].name, 'export_clause')
      rule.members.push(
        seq(
          string('export'),
          string('type'),
          choice(seq(string('*'), symbol('_from_clause')), seq(symbol('namespace_export'), symbol('_from_clause'))),
          symbol('_semicolon'),
        ),
      )
    })
  },
  scanner(replace) {
    // `<` on the next line: in an expression it continues one (`a\n< b`), but in a type, where
    // no binary operator can follow, it starts the next member, a generic call signature:
    //   { <A>(a: A): A\n  <A, B>(a: A, b: B): B }
    // The same test upstream makes for `(` and `[`.
    replace(
      'automatic semicolon before a generic call signature on the next line of a type',
      "        case '>':\n        case '<':\n        case '=':",
      "        case '>':\n        case '=':",
    )
    replace(
      'the `<` case itself',
      "        case '(':\n        case '[':\n            if (valid_symbols[LOGICAL_OR]) {",
      "        case '(':\n        case '[':\n        case '<':\n            if (valid_symbols[LOGICAL_OR]) {",
    )
    // `in` starting the next line: in an expression it continues one (`a\nin b`), but in a type
    // it is the next member's name (`{ name: string\n  in: "query" }`).
    replace(
      'automatic semicolon before a member named `in` on the next line of a type',
      "            if (!iswalpha(lexer->lookahead)) {\n                return false;\n            }\n\n            for (unsigned i = 0; i < 8; i++) {",
      "            if (!iswalpha(lexer->lookahead)) {\n                return !valid_symbols[LOGICAL_OR];\n            }\n\n            for (unsigned i = 0; i < 8; i++) {",
    )
  },
})
