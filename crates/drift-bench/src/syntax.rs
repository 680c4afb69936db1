//! `drift-bench syntax DIR [--language NAME] [--show N] [--out FILE]`: the syntax-error survey.
//! Every source file of DIR (as a scan finds them) is parsed with the grammar Drift uses for it;
//! per language, how many files have an error or a missing node, and the most common places
//! they start (the node kind the error sits in, and the line's text), so that grammar gaps can
//! be told from broken files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use drift_analysis::parsers::languages;
use drift_core::Language;
use serde_json::{Value, json};

use crate::{Failure, files_of, scan, write_report};

/// Where a file's first error starts.
struct FirstError {
    path: String,
    line: usize,
    /// The kind of the node the error sits in.
    context: String,
    /// The line's text, trimmed and cut to 100 characters.
    text: String,
}

pub(crate) fn run(args: &[String]) -> Result<(), Failure> {
    let mut dir = None;
    let mut only: Option<String> = None;
    let mut show = 10_usize;
    let mut out = PathBuf::from("bench-syntax.json");
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--language" => only = Some(value()?.clone()),
            "--show" => show = value()?.parse()?,
            "--out" => out = PathBuf::from(value()?),
            other if dir.is_none() => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let dir = dir.ok_or("usage: drift-bench syntax DIR [--language NAME] [--show N]")?;
    let entries = scan(&dir, &[])?.entries;
    let mut report = Vec::new();
    for spec in languages::ALL {
        let language = spec.language;
        if only.as_deref().is_some_and(|name| name != language.name()) {
            continue;
        }
        let files = files_of(&dir, &entries, language)?;
        let errors = survey(language, &files)?;
        println!(
            "{:<11} {:>5} files, {:>4} with syntax errors ({:.1}%)",
            language.name(),
            files.len(),
            errors.len(),
            percent(errors.len(), files.len())
        );
        let mut contexts: BTreeMap<&str, usize> = BTreeMap::new();
        for error in &errors {
            *contexts.entry(&error.context).or_default() += 1;
        }
        let mut contexts: Vec<(&str, usize)> = contexts.into_iter().collect();
        contexts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        for (context, count) in contexts.iter().take(show) {
            println!("    {count:>4} in {context}");
        }
        for error in errors.iter().take(show) {
            println!("      {}:{}  {}", error.path, error.line + 1, error.text);
        }
        report.push(json!({
            "language": language.name(),
            "files": files.len(),
            "with_errors": errors.len(),
            "contexts": contexts.iter().map(|(context, count)| json!([context, count])).collect::<Vec<_>>(),
            "files_with_errors": errors
                .iter()
                .map(|error| json!({"path": error.path, "line": error.line + 1, "context": error.context, "text": error.text}))
                .collect::<Vec<Value>>(),
        }));
    }
    write_report(&out, &json!({ "dir": dir, "languages": report }))
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The first error of every file of `language` that has one.
fn survey(language: Language, files: &[(String, Vec<u8>)]) -> Result<Vec<FirstError>, Failure> {
    let spec = languages::spec(language).ok_or("no grammar")?;
    let mut parsers: Vec<tree_sitter::Parser> = Vec::new();
    for dialect in spec.dialects {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&dialect.grammar.into())?;
        parsers.push(parser);
    }
    let mut found = Vec::new();
    for (path, source) in files {
        let extension = Path::new(path)
            .extension()
            .and_then(|ext| ext.to_str())
            .unwrap_or("");
        let parser = &mut parsers[spec.dialect_index(extension)];
        let Some(tree) = parser.parse(source, None) else {
            continue;
        };
        if let Some(error) = first_error(tree.root_node()) {
            let line = error.start_position().row;
            let text = String::from_utf8_lossy(source)
                .lines()
                .nth(line)
                .unwrap_or("")
                .trim()
                .chars()
                .take(100)
                .collect();
            let context = error.parent().map_or("(root)", |parent| parent.kind());
            let what = if error.is_missing() {
                format!("missing {} in {context}", error.kind())
            } else {
                context.to_owned()
            };
            found.push(FirstError {
                path: path.clone(),
                line,
                context: what,
                text,
            });
        }
    }
    Ok(found)
}

/// The first ERROR or MISSING node in document order, walked with a cursor (no recursion).
fn first_error(root: tree_sitter::Node<'_>) -> Option<tree_sitter::Node<'_>> {
    if !root.has_error() {
        return None;
    }
    let mut cursor = root.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            return Some(node);
        }
        // Only descend where an error is below.
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return None;
            }
        }
    }
}
