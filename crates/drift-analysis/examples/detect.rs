//! Prints what the built-in detection packs find in files: `detect FILE...`, or
//! `detect --tree FILE` for the file's syntax tree (node kinds and fields, for pack authors).

use drift_analysis::detection::{DetectionSet, detect_source};
use drift_analysis::parsers::{ParserManager, languages};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tree = args.iter().any(|arg| arg == "--tree");
    let set = DetectionSet::builtin();
    for path in args.iter().filter(|arg| !arg.starts_with("--")) {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("{path}: {err}");
                continue;
            }
        };
        if tree {
            let spec = ParserManager::route(path).expect("a supported language");
            let extension = path.rsplit('.').next().unwrap_or_default();
            let dialect = spec.dialects[spec.dialect_index(extension)];
            let mut parser = tree_sitter::Parser::new();
            parser
                .set_language(&tree_sitter::Language::new(dialect.grammar))
                .expect("grammar loads");
            let parsed = parser.parse(&bytes, None).expect("a tree");
            eprintln!("{}", parsed.root_node().to_sexp());
            let _ = languages::ALL;
            continue;
        }
        match detect_source(set, path, &bytes) {
            Ok(found) => {
                for hit in &found.matches {
                    eprintln!(
                        "{path}:{}:{} {} {:.2}{} | {}",
                        hit.line,
                        hit.column,
                        hit.pattern_id,
                        hit.confidence,
                        if hit.suppressed { " (suppressed)" } else { "" },
                        hit.matched_text
                    );
                }
                if !found.frameworks.is_empty() {
                    eprintln!("{path}: frameworks {}", found.frameworks.join(", "));
                }
            }
            Err(err) => eprintln!("{path}: {err}"),
        }
    }
}
