// Drift's Kotlin grammar: tree-sitter-kotlin-ng 1.1.0's grammar.json and external scanner (from
// the crate on crates.io) with what they get wrong in real Kotlin mended, change by change.
//
//   node grammar/patch.mjs UPSTREAM_GRAMMAR_JSON OUT_GRAMMAR_JSON
//   node grammar/patch.mjs --scanner UPSTREAM_SCANNER_C OUT_SCANNER_C
//
// Each patch checks that upstream has the shape it expects and fails loudly otherwise, so a
// grammar update cannot silently skip one. `regenerate.sh` runs both, then `tree-sitter generate`.
import assert from 'node:assert/strict'

import { isOptionalString, isString, optional, runPatches, seq, string } from '../../../scripts/grammar-fork.mjs'

runPatches({
  grammar(grammar, patch) {
    const rules = grammar.rules
    /** `commaSep1(symbol)` as grammar.js writes it: the symbol, then `, symbol` repeated. */
    const isCommaSep1 = (rule, name) =>
      rule.type === 'SEQ' && rule.members[0].type === 'SYMBOL' && rule.members[0].name === name && rule.members[1].type === 'REPEAT'

    // Its own name, so that its C symbols (`tree_sitter_drift_kotlin`, ...) never clash with
    // upstream's when both are linked (the tests compare the two).
    assert.equal(grammar.name, 'kotlin', `unexpected grammar ${grammar.name}`)
    grammar.name = 'drift_kotlin'

    patch('collection_literal', 'an empty collection literal, as annotation arguments use it (`@Module(names = [])`)', () => {
      const rule = rules.collection_literal
      assert.equal(rule.type, 'SEQ')
      const [open, elements, trailingComma, close] = rule.members
      assert.ok(isString(open, '[') && isString(close, ']'), 'collection_literal is [ ... ]')
      assert.ok(isCommaSep1(elements, 'expression'), 'collection_literal holds expressions separated by commas')
      assert.ok(isOptionalString(trailingComma, ','), 'collection_literal takes a trailing comma')
      rules.collection_literal = seq(open, optional(seq(elements, trailingComma)), close)
    })

    patch('type_parameters', 'a trailing comma after the last type parameter (Kotlin 1.4)', () => {
      const rule = rules.type_parameters
      assert.equal(rule.type, 'SEQ')
      const [open, parameters, close] = rule.members
      assert.ok(isString(open, '<') && isString(close, '>'), 'type_parameters is < ... >')
      assert.ok(isCommaSep1(parameters, 'type_parameter'), 'type_parameters are separated by commas')
      rules.type_parameters = seq(open, parameters, optional(string(',')), close)
    })
  },
  scanner(replace, rename) {
    // The scanner's functions take the grammar's name.
    rename((text) => text.replaceAll('tree_sitter_kotlin_external_scanner_', 'tree_sitter_drift_kotlin_external_scanner_'))
    // A class's primary constructor on the line after its name, as formatters put it when the
    // constructor has annotations or a visibility (ktfmt's style, all over React Native):
    //   class Client
    //   @JvmOverloads
    //   internal constructor(val id: String)
    // Upstream looks past one annotation written without spaces, and no further, so a visibility
    // or an annotation with arguments ended the class there. Kotlin's own grammar allows newlines
    // before the primary constructor.
    replace(
      'a helper that looks past annotations and visibility modifiers, on any number of lines',
      '\nvoid *tree_sitter_kotlin_external_scanner_create'.replace('kotlin', 'drift_kotlin'),
      `
// Drift: whether a primary constructor follows: annotations (with their arguments) and
// visibility modifiers, on any number of lines, then \`constructor (\`.
static bool drift_skip_annotation(TSLexer *lexer) {
    skip(lexer);
    while (iswalnum(lexer->lookahead) || lexer->lookahead == '_' || lexer->lookahead == '.' || lexer->lookahead == ':') {
        skip(lexer);
    }
    if (lexer->lookahead != '(') {
        return true;
    }
    int depth = 0;
    do {
        if (lexer->eof(lexer)) {
            return false;
        }
        if (lexer->lookahead == '(') {
            depth++;
        } else if (lexer->lookahead == ')') {
            depth--;
        } else if (lexer->lookahead == '"') {
            skip(lexer);
            while (!lexer->eof(lexer) && lexer->lookahead != '"' && lexer->lookahead != '\\n') {
                if (lexer->lookahead == '\\\\') {
                    skip(lexer);
                }
                skip(lexer);
            }
        }
        skip(lexer);
    } while (depth > 0);
    return true;
}

static bool drift_primary_constructor_follows(TSLexer *lexer) {
    for (;;) {
        while (iswspace(lexer->lookahead)) {
            skip(lexer);
        }
        if (lexer->lookahead == '@') {
            if (!drift_skip_annotation(lexer)) {
                return false;
            }
            continue;
        }
        char word[16] = {0};
        unsigned length = 0;
        while ((iswalnum(lexer->lookahead) || lexer->lookahead == '_') && length < 15) {
            word[length++] = (char)lexer->lookahead;
            skip(lexer);
        }
        if (length == 0 || iswalnum(lexer->lookahead) || lexer->lookahead == '_') {
            return false;
        }
        if (strcmp(word, "constructor") == 0) {
            while (iswspace(lexer->lookahead)) {
                skip(lexer);
            }
            return lexer->lookahead == '(';
        }
        if (strcmp(word, "public") != 0 && strcmp(word, "private") != 0 && strcmp(word, "protected") != 0 &&
            strcmp(word, "internal") != 0) {
            return false;
        }
    }
}

void *tree_sitter_drift_kotlin_external_scanner_create`,
    )
    replace(
      'no automatic semicolon before annotations and modifiers that lead to a primary constructor',
      `            case '@':
                if (valid_symbols[CONSTRUCTOR]) {
                    while (!iswspace(lexer->lookahead)) {
                        skip(lexer);
                    }
                    while (iswspace(lexer->lookahead)) {
                        skip(lexer);
                    }
                    char ctor[12] = "constructor";
                    for (uint8_t i = 0; i < 11; i++) {
                        if (lexer->lookahead != ctor[i]) {
                            return true;
                        }
                        skip(lexer);
                    }
                    return false;
                }`,
      `            case '@':
                if (valid_symbols[CONSTRUCTOR]) {
                    return !drift_primary_constructor_follows(lexer);
                }`,
    )
    // Inside a class body upstream took \`constructor (\` on the next line for a secondary
    // constructor of the enclosing class, also right after a nested class's name, where the
    // parser can still take the nested class's primary constructor.
    replace(
      'no automatic semicolon before a primary constructor on the next line, also in a class body',
      `                    if (valid_symbols[CLASS_MEMBER_SEMI] || lexer->lookahead == '.' || lexer->lookahead == '=') {`,
      `                    // Drift: a class header's primary constructor on the next line, also in a class body.
                    if (valid_symbols[CONSTRUCTOR] && lexer->lookahead == '(') {
                        return false;
                    }
                    if (valid_symbols[CLASS_MEMBER_SEMI] || lexer->lookahead == '.' || lexer->lookahead == '=') {`,
    )
  },
})
