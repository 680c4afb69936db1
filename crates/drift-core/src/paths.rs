//! Lexical path normalisation: one spelling per file, whatever separators and `.`/`..`
//! segments a caller (an upload, a config file, Windows) used.

use std::borrow::Cow;

/// Normalises a path lexically (the file system is never consulted), so the same file spelled
/// differently maps to one string:
///
/// - `\` becomes `/` (Windows separators; a `\` inside a Unix file name is rare enough to accept
///   the ambiguity);
/// - empty and `.` segments are dropped: `a//b/./c` is `a/b/c`, `./a` is `a`;
/// - `x/..` pairs are removed; leading `..` of a relative path are kept (`a/../../b` is `../b`),
///   and `..` directly under a root is dropped (`/..` is `/`);
/// - no trailing slash, except for a root (`/`, `C:/`);
/// - an empty result is `.`.
///
/// Roots: a leading `/` is kept, so absolute and relative paths stay distinct. A Windows drive
/// root `C:\` (or `C:/`) is kept as `C:/` with the letter's case unchanged, so `c:/x` and `C:/x`
/// are *different* strings; drive-relative forms like `C:foo` are treated as an ordinary
/// segment. UNC prefixes (`\\server\share`) collapse to `/server/share`. Symlinks are not
/// resolved, and `a/../b` is `b` even when `a` is a symlink: the scanner works with paths
/// relative to the project root and does not follow symlinks by default.
///
/// Returns the input unchanged (borrowed) when it is already normal, the common case for paths
/// produced by the scanner.
#[must_use]
pub fn normalize_path(path: &str) -> Cow<'_, str> {
    if is_normalized(path) {
        return Cow::Borrowed(path);
    }
    let slashed = path.replace('\\', "/");
    let (root, rest) = split_root(&slashed);
    let mut segments: Vec<&str> = Vec::new();
    for segment in rest.split('/') {
        match segment {
            "" | "." => {}
            ".." => match segments.last() {
                Some(&last) if last != ".." => {
                    segments.pop();
                }
                // Above a root there is nothing to go up to.
                _ if !root.is_empty() => {}
                _ => segments.push(".."),
            },
            other => segments.push(other),
        }
    }
    let mut out = String::with_capacity(slashed.len());
    out.push_str(root);
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(segment);
    }
    if out.is_empty() {
        out.push('.');
    }
    Cow::Owned(out)
}

/// Splits `"/"` or a drive root `"X:/"` off a path that uses `/` only.
fn split_root(path: &str) -> (&str, &str) {
    let bytes = path.as_bytes();
    if bytes.first() == Some(&b'/') {
        path.split_at(1)
    } else if bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && bytes[2] == b'/'
    {
        path.split_at(3)
    } else {
        ("", path)
    }
}

/// Whether [`normalize_path`] would return `path` unchanged.
fn is_normalized(path: &str) -> bool {
    if path.is_empty() || path.contains('\\') {
        return false;
    }
    let (root, rest) = split_root(path);
    if rest.is_empty() {
        // "/" and "X:/" are normal; "" was handled above.
        return true;
    }
    if path == "." {
        return true;
    }
    let mut parents_allowed = root.is_empty();
    for segment in rest.split('/') {
        match segment {
            ".." if parents_allowed => {}
            "" | "." | ".." => return false,
            _ => parents_allowed = false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_table() {
        let table = [
            ("a\\b/./c", "a/b/c"),
            ("a/b/c", "a/b/c"),
            ("./a/b", "a/b"),
            (".\\a\\b\\", "a/b"),
            ("a//b///c/", "a/b/c"),
            ("a/b/../c", "a/c"),
            ("a/../../b", "../b"),
            ("../../a", "../../a"),
            ("a/..", "."),
            ("", "."),
            (".", "."),
            ("./", "."),
            ("/", "/"),
            ("//", "/"),
            ("/..", "/"),
            ("/a/../../b", "/b"),
            ("/a/./b/", "/a/b"),
            ("C:\\src\\..\\lib\\x.ts", "C:/lib/x.ts"),
            ("C:\\", "C:/"),
            ("C:/..", "C:/"),
            ("c:\\a", "c:/a"),
            ("C:foo\\bar", "C:foo/bar"),
            ("\\\\server\\share\\x", "/server/share/x"),
            ("src/é/ü.ts", "src/é/ü.ts"),
            ("...", "..."),
            ("a/.b/..c", "a/.b/..c"),
        ];
        for (input, expected) in table {
            assert_eq!(normalize_path(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn normal_paths_are_borrowed() {
        for path in ["a/b/c", "/a", "../a", ".", "/", "C:/", "C:/x"] {
            assert!(matches!(normalize_path(path), Cow::Borrowed(_)), "{path:?}");
        }
    }

    /// Exhaustive over short strings of the interesting characters: normalising is idempotent,
    /// its output counts as normal, and the borrowed fast path agrees with the slow path.
    #[test]
    fn normalisation_is_idempotent_and_fast_path_agrees() {
        const ALPHABET: [char; 5] = ['a', '/', '\\', '.', ':'];
        let mut inputs = vec![String::new()];
        let mut frontier = vec![String::new()];
        for _ in 0..6 {
            let mut next = Vec::new();
            for prefix in &frontier {
                for c in ALPHABET {
                    let mut s = prefix.clone();
                    s.push(c);
                    next.push(s);
                }
            }
            inputs.extend(next.iter().cloned());
            frontier = next;
        }
        for input in &inputs {
            let once = normalize_path(input).into_owned();
            assert!(is_normalized(&once), "{input:?} -> {once:?} is not normal");
            assert_eq!(normalize_path(&once), once, "not idempotent for {input:?}");
            if is_normalized(input) {
                assert_eq!(&once, input, "fast path disagrees for {input:?}");
            }
            assert!(
                !once.contains('\\')
                    && (once == "/" || !once.ends_with('/') || once.ends_with(":/"))
            );
        }
    }
}
