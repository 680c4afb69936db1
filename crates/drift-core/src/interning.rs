//! Interned file paths and function names with typed ids.
//!
//! Analysis refers to the same path or qualified name millions of times; interning stores each
//! string once and hands out a 4-byte id that is `Copy`, hashes fast and compares in one
//! instruction. Interners are safe to share across threads (`&self` methods, backed by
//! [`lasso::ThreadedRodeo`]), so a parallel scan can intern from every worker.
//!
//! Ids are only meaningful for the interner that produced them and for the life of the process:
//! persist the string, never the id.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use lasso::{Spur, ThreadedRodeo};

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Spur);

        impl $name {
            /// The underlying `lasso` key.
            #[must_use]
            pub const fn spur(self) -> Spur {
                self.0
            }

            /// A dense 0-based index (ids are handed out in order), handy for `Vec`-backed side
            /// tables.
            #[must_use]
            pub fn index(self) -> usize {
                lasso::Key::into_usize(self.0)
            }
        }
    };
}

typed_id! {
    /// A file path interned by a [`PathInterner`].
    FileId
}

typed_id! {
    /// A function's qualified name interned by a [`FunctionInterner`].
    FunctionId
}

/// Interns normalised file paths: every spelling of a path (see [`normalize_path`]) gets the
/// same [`FileId`].
#[derive(Default)]
pub struct PathInterner {
    rodeo: ThreadedRodeo<Spur>,
}

impl PathInterner {
    /// An empty interner.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of `path` after [`normalize_path`], interning it if new.
    ///
    /// # Panics
    ///
    /// If more than `u32::MAX - 1` distinct paths are interned; memory runs out long before.
    pub fn intern(&self, path: &str) -> FileId {
        FileId(self.rodeo.get_or_intern(normalize_path(path)))
    }

    /// [`PathInterner::intern`] for a [`Path`]. A path that is not valid UTF-8 is converted
    /// lossily (invalid bytes become U+FFFD), so two such paths differing only in those bytes
    /// share an id; the scanner reports such files rather than relying on this.
    ///
    /// # Panics
    ///
    /// As [`PathInterner::intern`].
    pub fn intern_path(&self, path: &Path) -> FileId {
        self.intern(&path.to_string_lossy())
    }

    /// The id of `path` (normalised) if it was interned.
    #[must_use]
    pub fn get(&self, path: &str) -> Option<FileId> {
        self.rodeo.get(normalize_path(path)).map(FileId)
    }

    /// The normalised path of `id`, or `None` for an id from another interner.
    #[must_use]
    pub fn resolve(&self, id: FileId) -> Option<&str> {
        self.rodeo.try_resolve(&id.0)
    }

    /// Number of distinct paths.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rodeo.len()
    }

    /// Whether nothing has been interned.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rodeo.is_empty()
    }
}

impl fmt::Debug for PathInterner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PathInterner")
            .field("len", &self.len())
            .finish()
    }
}

/// Interns function names (typically qualified, e.g. `src/a.ts::Foo.bar`) verbatim.
#[derive(Default)]
pub struct FunctionInterner {
    rodeo: ThreadedRodeo<Spur>,
}

impl FunctionInterner {
    /// An empty interner.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of `name`, interning it if new.
    ///
    /// # Panics
    ///
    /// If more than `u32::MAX - 1` distinct names are interned; memory runs out long before.
    pub fn intern(&self, name: &str) -> FunctionId {
        FunctionId(self.rodeo.get_or_intern(name))
    }

    /// The id of `name` if it was interned.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<FunctionId> {
        self.rodeo.get(name).map(FunctionId)
    }

    /// The name of `id`, or `None` for an id from another interner.
    #[must_use]
    pub fn resolve(&self, id: FunctionId) -> Option<&str> {
        self.rodeo.try_resolve(&id.0)
    }

    /// Number of distinct names.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rodeo.len()
    }

    /// Whether nothing has been interned.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rodeo.is_empty()
    }
}

impl fmt::Debug for FunctionInterner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FunctionInterner")
            .field("len", &self.len())
            .finish()
    }
}

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
    use std::collections::HashMap;
    use std::sync::Barrier;
    use std::thread;

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

    #[test]
    fn spellings_of_one_path_share_an_id() {
        let interner = PathInterner::new();
        let id = interner.intern("a\\b/./c");
        assert_eq!(interner.intern("a/b/c"), id);
        assert_eq!(interner.intern("./a/x/../b//c/"), id);
        assert_eq!(interner.intern_path(Path::new("a/b/c")), id);
        assert_eq!(interner.get("a\\b\\c"), Some(id));
        assert_eq!(interner.resolve(id), Some("a/b/c"));
        assert_ne!(
            interner.intern("/a/b/c"),
            id,
            "absolute and relative stay distinct"
        );
        assert_eq!(interner.len(), 2);
        assert_eq!(interner.get("nope"), None);
    }

    #[test]
    fn ids_from_another_interner_do_not_panic() {
        let small = PathInterner::new();
        let big = PathInterner::new();
        for i in 0..10 {
            big.intern(&format!("f{i}"));
        }
        assert_eq!(small.resolve(big.intern("f9")), None);
        assert!(small.is_empty());
    }

    #[test]
    fn function_names_are_interned_verbatim() {
        let interner = FunctionInterner::new();
        let a = interner.intern("src/a.ts::Foo.bar");
        let b = interner.intern("src/a.ts::Foo.baz");
        assert_ne!(a, b);
        assert_eq!(interner.intern("src/a.ts::Foo.bar"), a);
        // No path normalisation for names.
        assert_ne!(interner.intern("./src/a.ts::Foo.bar"), a);
        assert_eq!(interner.resolve(b), Some("src/a.ts::Foo.baz"));
        assert_eq!(interner.get("src/a.ts::Foo.baz"), Some(b));
        assert_eq!(a.index(), 0);
        assert_eq!(b.index(), 1);
        assert_eq!(interner.len(), 3);
    }

    #[test]
    fn concurrent_interning_agrees_on_ids() {
        const THREADS: usize = 4;
        let paths: Vec<String> = (0..499)
            .map(|i| format!("src/dir{}/file{i}.ts", i % 7))
            .collect();
        let interner = PathInterner::new();
        let barrier = Barrier::new(THREADS);
        let maps: Vec<HashMap<String, FileId>> = thread::scope(|scope| {
            let handles: Vec<_> = (0..THREADS)
                .map(|t| {
                    let (paths, interner, barrier) = (&paths, &interner, &barrier);
                    scope.spawn(move || {
                        barrier.wait();
                        // Each thread walks the list in a different order and spelling, so the
                        // threads race on first insertion of most paths (499 is prime, so every
                        // stride visits every path).
                        let mut map = HashMap::new();
                        for k in 0..paths.len() {
                            let path = &paths[(k * (2 * t + 1) + t * 97) % paths.len()];
                            let spelled = if t % 2 == 0 {
                                format!("./{}", path.replace('/', "\\"))
                            } else {
                                path.clone()
                            };
                            map.insert(path.clone(), interner.intern(&spelled));
                        }
                        map
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(interner.len(), paths.len());
        for map in &maps {
            assert_eq!(map.len(), paths.len());
            assert_eq!(map, &maps[0]);
        }
        for (path, id) in &maps[0] {
            assert_eq!(interner.resolve(*id), Some(path.as_str()));
        }
    }

    #[test]
    fn interners_are_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<PathInterner>();
        assert_send_sync::<FunctionInterner>();
        assert_send_sync::<FileId>();
    }
}
