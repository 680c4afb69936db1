//! The six strategies (spec `call-graph.md` §3) that resolve a call to the function it reaches,
//! and the lookups they share. They read the graph's nodes and what it keeps of every file
//! (imports, exports, classes); only the caller's own file needs its full facts, so an update
//! resolves the calls of a few files against the whole project.

use drift_core::Language;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

use super::facts::{CallFact, FunctionFact, ReferenceFact};
use super::graph::{FileEntry, Links, Node, Strategy};
use super::rules;

/// Fuzzy resolution gives up on names with more definitions than this.
const FUZZY_SCAN_LIMIT: usize = 256;

pub(super) fn index(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The class (or module, impl target) a function belongs to: its qualified name without the
/// last segment (`Users.create` -> `Users`, `Store::add` -> `Store`).
pub(super) fn owner_of(qualified: &str) -> Option<&str> {
    let at = qualified.rfind(['.', ':'])?;
    let owner = qualified[..at].trim_end_matches(':');
    (!owner.is_empty()).then_some(owner)
}

/// Nodes by a hash of a key: one array of nodes sorted by hash then node, and where each
/// hash's run starts and ends in it (one map lookup, where a binary search over the array
/// missed the cache at every step). The caller checks the key (hashes may collide).
struct ByHash {
    nodes: Vec<u32>,
    runs: FxHashMap<u64, (u32, u32)>,
}

impl ByHash {
    fn new(mut items: Vec<(u64, u32)>) -> Self {
        items.sort_unstable();
        items.dedup();
        let mut runs: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
        for (at, (hash, _)) in items.iter().enumerate() {
            let at = index(at);
            runs.entry(*hash).or_insert((at, at)).1 = at + 1;
        }
        Self {
            nodes: items.into_iter().map(|(_, node)| node).collect(),
            runs,
        }
    }

    /// The nodes filed under `hash`, in node order.
    fn get(&self, hash: u64) -> impl ExactSizeIterator<Item = u32> + Clone + '_ {
        let (start, end) = self.runs.get(&hash).copied().unwrap_or((0, 0));
        self.nodes[start as usize..end as usize].iter().copied()
    }
}

fn hash_of(parts: &[&str]) -> u64 {
    let mut hasher = FxHasher::default();
    for part in parts {
        part.hash(&mut hasher);
    }
    hasher.finish()
}

/// The functions of one file by name: the same-file lookups of the calls made in it.
pub(super) type Local<'g> = FxHashMap<&'g str, Vec<u32>>;

/// What strategies 2 and 3 make of a call on a receiver.
enum OnReceiver {
    /// The function it reaches.
    Found(u32, Strategy),
    /// A function of a library module: nothing in the project.
    Library,
    /// Not known yet: the later strategies try.
    Unknown,
}

/// Lookups the strategies share, over every node and file of a graph.
pub(super) struct Indexes<'g> {
    nodes: &'g [Node],
    files: &'g [FileEntry],
    /// The files' imports and exports.
    links: &'g [Links<'g>],
    /// Functions by name.
    by_name: ByHash,
    /// Exported free functions by name (strategy 5 reads only these).
    exported: ByHash,
    /// Methods by `(owner's last segment, name)`.
    by_owner: ByHash,
    /// Class simple name -> its bases (every class of that name).
    bases: FxHashMap<&'g str, Vec<&'g str>>,
    /// Files by module key (path without extension; a package's `index` / `__init__` also by
    /// its directory).
    modules: FxHashMap<String, Vec<usize>>,
    /// Whether the project uses a dependency-injection framework.
    di: bool,
    /// Each node's name, qualified name and the last segment of its owner, by node: read in
    /// every lookup, so kept at hand for the build rather than worked out again.
    names: Vec<(&'g str, &'g str, Option<&'g str>)>,
    /// Per file, what its imports name: worked out the first time a call of the file asks,
    /// then read by every other call of it.
    import_files: Box<[OnceLock<FileImports<'g>>]>,
}

/// What one file's imports name.
struct FileImports<'g> {
    /// The project files of each import, in import order.
    files: Box<[Box<[usize]>]>,
    /// The names under which it imports modules that are not the project's own (a standard
    /// library or a dependency).
    library: Vec<&'g str>,
    /// Imports (their indices) by the last segment of each name they import.
    by_name: ByHash,
    /// Imports by the name a module they import is reached under: the alias, or the last
    /// segment of the source, or (`from pkg import mod`) a name they import.
    by_alias: ByHash,
}

impl<'g> Indexes<'g> {
    pub(super) fn new(nodes: &'g [Node], files: &'g [FileEntry], links: &'g [Links<'g>]) -> Self {
        let names: Vec<(&'g str, &'g str, Option<&'g str>)> = nodes
            .par_iter()
            .map(|node| {
                let qualified = node.qualified_in(files);
                let owner = owner_of(qualified).map(rules::last_segment);
                (node.name_in(files), qualified, owner)
            })
            .collect();
        // The lookups by hash, and the classes' bases and the modules by key, apart from each
        // other on the pool the caller runs in.
        let lookups = || {
            // Every function but the module node (first) of each file: that one is not a
            // function anyone calls by name.
            let functions = || {
                files.iter().flat_map(|file| {
                    let first = file.first as usize + 1;
                    (first..(file.first + file.len) as usize).map(|at| (at, &nodes[at]))
                })
            };
            let by_name = || {
                ByHash::new(
                    functions()
                        .map(|(at, _)| (hash_of(&[names[at].0]), index(at)))
                        .collect(),
                )
            };
            let exported = || {
                ByHash::new(
                    functions()
                        .filter(|(_, function)| function.exported() && !function.is_method())
                        .map(|(at, _)| (hash_of(&[names[at].0]), index(at)))
                        .collect(),
                )
            };
            let by_owner = || {
                ByHash::new(
                    functions()
                        .filter_map(|(at, _)| {
                            let (name, _, owner) = names[at];
                            Some((hash_of(&[owner?, name]), index(at)))
                        })
                        .collect(),
                )
            };
            let (by_name, (exported, by_owner)) =
                rayon::join(by_name, || rayon::join(exported, by_owner));
            (by_name, exported, by_owner)
        };
        let outline = || {
            let mut bases: FxHashMap<&'g str, Vec<&'g str>> = FxHashMap::default();
            let mut modules: FxHashMap<String, Vec<usize>> = FxHashMap::default();
            for (file_index, file) in files.iter().enumerate() {
                for class in &file.classes {
                    let entry = bases.entry(&*class.name).or_default();
                    entry.extend(class.bases.iter().map(|base| &**base));
                }
                for key in rules::module_keys(&file.path) {
                    modules.entry(key).or_default().push(file_index);
                }
            }
            (bases, modules)
        };
        let ((by_name, exported, by_owner), (bases, modules)) = rayon::join(lookups, outline);
        Self {
            nodes,
            files,
            links,
            by_name,
            exported,
            by_owner,
            bases,
            modules,
            di: files.iter().any(|file| file.di),
            names,
            import_files: files.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The functions of `file` by name.
    pub(super) fn local(&self, file: usize) -> Local<'g> {
        let entry = &self.files[file];
        let first = entry.first as usize;
        let mut local: Local<'g> = FxHashMap::default();
        for node in first + 1..first + entry.len as usize {
            local
                .entry(self.names[node].0)
                .or_default()
                .push(index(node));
        }
        local
    }

    /// Functions named `name`, in node order (an upper bound of their number first).
    fn named<'a>(&'a self, name: &'a str) -> (usize, impl Iterator<Item = u32> + 'a) {
        let found = self.by_name.get(hash_of(&[name]));
        (found.len(), found.filter(move |&n| self.name(n) == name))
    }

    /// Methods `method` of a class named `class` (by its last segment), in node order.
    fn owned<'a>(&'a self, class: &'a str, method: &'a str) -> impl Iterator<Item = u32> + 'a {
        self.by_owner
            .get(hash_of(&[class, method]))
            .filter(move |&n| {
                let (name, _, owner) = self.names[n as usize];
                name == method && owner == Some(class)
            })
    }

    pub(super) fn file_of(&self, node: u32) -> usize {
        self.nodes[node as usize].file_index()
    }

    fn node(&self, node: u32) -> &'g Node {
        &self.nodes[node as usize]
    }

    fn owner(&self, node: u32) -> Option<&'g str> {
        owner_of(self.qualified(node))
    }

    /// The declared name of `node`.
    pub(super) fn name(&self, node: u32) -> &'g str {
        self.names[node as usize].0
    }

    /// The qualified name of `node`.
    pub(super) fn qualified(&self, node: u32) -> &'g str {
        self.names[node as usize].1
    }

    fn same_family(&self, a: usize, b: usize) -> bool {
        rules::family(self.files[a].language) == rules::family(self.files[b].language)
    }

    /// Resolves one call made by `caller` (whose facts are `caller_fact`) in `file`; `None`
    /// when no strategy finds a target.
    pub(super) fn resolve(
        &self,
        file: usize,
        local: &Local<'_>,
        caller: u32,
        caller_fact: &FunctionFact,
        call: &CallFact,
    ) -> Option<(u32, Strategy)> {
        let receiver = call.receiver.as_deref().map(rules::receiver_key);
        let self_call = receiver.is_some_and(rules::is_self);
        // `super` / `parent` / `base` skip the class itself: only its ancestors answer.
        let parent_call = receiver.is_some_and(|r| matches!(r, "super" | "parent" | "base"));
        let caller_owner = caller_fact.owner.as_deref();
        let (defined, candidates) = self.named(&call.callee);

        // 1. Same file: a plain call, or `this.`/`self.` on a method of the caller's class.
        if receiver.is_none() || self_call {
            let local: &[u32] = local.get(call.callee.as_str()).map_or(&[], Vec::as_slice);
            let pick = if parent_call {
                None
            } else if self_call {
                local
                    .iter()
                    .copied()
                    .find(|&n| self.owner(n) == caller_owner)
            } else {
                local
                    .iter()
                    .copied()
                    .find(|&n| !self.node(n).is_method())
                    .or_else(|| {
                        local
                            .iter()
                            .copied()
                            .find(|&n| caller_owner.is_some() && self.owner(n) == caller_owner)
                    })
            };
            if let Some(target) = pick {
                return Some((target, Strategy::SameFile));
            }
            // A constructor call `Name()` / `new Name()` of a class in this file.
            if receiver.is_none()
                && let Some(target) = self.constructor(&call.callee, Some(file))
            {
                return Some((target, Strategy::SameFile));
            }
            // Ruby's bare `new` in a class method builds the class itself.
            if receiver.is_none()
                && call.callee == "new"
                && self.files[file].language == Language::Ruby
                && let Some(owner) = caller_owner
                && let Some(target) = self.constructor(rules::last_segment(owner), Some(file))
            {
                return Some((target, Strategy::SameFile));
            }
        }

        // 2. Method calls: inherited through `self` (or implicitly, a bare call in a method), on
        // a class name, or on a module alias.
        if receiver.is_none()
            && caller_fact.is_method
            && let Some(owner) = caller_owner
            && let Some(target) = self.inherited(rules::last_segment(owner), &call.callee, file)
        {
            return Some((target, Strategy::MethodCall));
        }
        if self_call {
            if let Some(owner) = caller_owner
                && let Some(target) = self.inherited(rules::last_segment(owner), &call.callee, file)
            {
                return Some((target, Strategy::MethodCall));
            }
        } else if let Some(receiver) = receiver {
            match self.on_receiver(file, caller_fact, receiver, call) {
                OnReceiver::Found(target, strategy) => return Some((target, strategy)),
                // No strategy may take a library module's function for a project function.
                OnReceiver::Library => return None,
                OnReceiver::Unknown => {}
            }
        }

        if receiver.is_none() {
            // 4. Imports: a name this file imports, in the module it comes from; in Go, a
            // function of the package's other files (they share one scope).
            if let Some(target) = self
                .imported(file, &call.callee)
                .or_else(|| self.in_package(file, &call.callee))
            {
                return Some((target, Strategy::ImportBased));
            }
            if let Some(target) = self.constructor(&call.callee, None) {
                return Some((target, Strategy::ImportBased));
            }
            // 5. Exports: one exported function of that name in the language family.
            let exported: Vec<u32> = self
                .exported
                .get(hash_of(&[call.callee.as_str()]))
                .filter(|&n| self.name(n) == call.callee && self.same_family(file, self.file_of(n)))
                .take(2)
                .collect();
            if exported.len() == 1 {
                return Some((exported[0], Strategy::ExportBased));
            }
        }

        // 6. Fuzzy: the only function of that name in the language family, for names that
        // are not everyday words; never for `self` calls, which only the class hierarchy
        // answers.
        // A name defined hundreds of times is never unique in a family: not worth the scan.
        if self_call || rules::is_blocklisted(&call.callee) || defined > FUZZY_SCAN_LIMIT {
            return None;
        }
        // Never the caller itself: `foo` calling another object's `foo` is delegation.
        let mut fuzzy = candidates.filter(|&n| {
            n != caller
                && self.same_family(file, self.file_of(n))
                && (receiver.is_none() || self.node(n).is_method())
        });
        let first = fuzzy.next()?;
        fuzzy.next().is_none().then_some((first, Strategy::Fuzzy))
    }

    /// The function a reference passed to a call names, looked up as a call of it would be
    /// by the first four strategies (never by name alone: most names passed are variables):
    /// a function of the caller's file, of its class or an ancestor (`self.on_done`), of a
    /// class or an imported module (`Foo::bar`, `views.index`), an imported one, or one of the
    /// same Go package.
    pub(super) fn referenced(
        &self,
        file: usize,
        local: &Local<'_>,
        caller_fact: &FunctionFact,
        reference: &ReferenceFact,
    ) -> Option<u32> {
        let name = reference.name.as_str();
        let caller_owner = caller_fact.owner.as_deref();
        let local: &[u32] = local.get(name).map_or(&[], Vec::as_slice);
        match reference.receiver.as_deref().map(rules::receiver_key) {
            // A parameter passed on is that value, not a function of the same name.
            None if caller_fact
                .untyped_parameters
                .iter()
                .chain(caller_fact.typed_parameters.iter().map(|(name, _)| name))
                .any(|parameter| parameter == name) =>
            {
                None
            }
            None => {
                // A function of the file, or a method of the caller's class (a C# method
                // group).
                if let Some(found) = local.iter().copied().find(|&n| {
                    !self.node(n).is_method()
                        || (caller_owner.is_some() && self.owner(n) == caller_owner)
                }) {
                    return Some(found);
                }
                self.imported(file, name)
                    .or_else(|| self.in_package(file, name))
            }
            Some(receiver) if rules::is_self(receiver) => {
                // A class body (Ruby's `before_action :load`) is the file's top-level code here:
                // a method of that name in the file.
                let Some(owner) = caller_owner else {
                    return local.iter().copied().find(|&n| self.node(n).is_method());
                };
                local
                    .iter()
                    .copied()
                    .find(|&n| self.owner(n) == Some(owner))
                    .or_else(|| self.inherited(rules::last_segment(owner), name, file))
            }
            Some(receiver) => self
                .unique_method(receiver, name, file)
                .or_else(|| self.in_imported_module(file, receiver, name))
                .or_else(|| {
                    let path = reference.receiver.as_deref()?;
                    (self.files[file].language == Language::Rust && !path.contains('.'))
                        .then(|| self.top_level_in(&self.module_files(file, path), name, 0))
                        .flatten()
                }),
        }
    }

    /// Strategies 2 and 3 for a call on a receiver other than `self`: a class name, a typed
    /// parameter, an imported module, a Rust module path, an injected service.
    fn on_receiver(
        &self,
        file: usize,
        caller_fact: &FunctionFact,
        receiver: &str,
        call: &CallFact,
    ) -> OnReceiver {
        // `Class.new` (Ruby, Rust's `Type::new` is a method like any other) builds a `Class`.
        if call.callee == "new"
            && self.files[file].language == Language::Ruby
            && let Some(target) = self.constructor(receiver, None)
        {
            return OnReceiver::Found(target, Strategy::MethodCall);
        }
        // `Foo.new.run`, `new Foo().run()`, `Foo().run()`: a method of the class just built.
        if let Some(class) = call.receiver.as_deref().and_then(rules::constructed_type)
            && let Some(target) = self
                .unique_method(class, &call.callee, file)
                .or_else(|| self.inherited(class, &call.callee, file))
        {
            return OnReceiver::Found(target, Strategy::MethodCall);
        }
        if let Some(target) = self
            .unique_method(receiver, &call.callee, file)
            .or_else(|| {
                self.bases
                    .contains_key(receiver)
                    .then(|| self.inherited(receiver, &call.callee, file))
                    .flatten()
            })
        {
            return OnReceiver::Found(target, Strategy::MethodCall);
        }
        // A parameter with a declared type: `db: Database` makes `db.fetch()` a call of
        // `Database.fetch` (or of an ancestor's).
        if let Some((_, class)) = caller_fact
            .typed_parameters
            .iter()
            .find(|(name, _)| name == receiver)
            && let Some(target) = self
                .unique_method(class, &call.callee, file)
                .or_else(|| self.inherited(class, &call.callee, file))
        {
            return OnReceiver::Found(target, Strategy::MethodCall);
        }
        if let Some(target) = self.in_imported_module(file, receiver, &call.callee) {
            return OnReceiver::Found(target, Strategy::MethodCall);
        }
        // A module this file imports that is not the project's own (`runtime.Version()`,
        // `json.dumps()`): a library call, never a project method that shares the name.
        if self.names_library_module(file, receiver) {
            return OnReceiver::Library;
        }
        // Rust paths: `util::format_count()` names a function of the module `util`.
        if self.files[file].language == Language::Rust
            && let Some(path) = call.receiver.as_deref()
            && !path.contains(['.', '(', '<'])
            && let Some(target) = self.top_level_in(&self.module_files(file, path), &call.callee, 0)
        {
            return OnReceiver::Found(target, Strategy::MethodCall);
        }
        // 3. Dependency injection: `this.userService.create()` -> `UserService.create`.
        // Constructor injection is how C#, JVM and PHP (Laravel, Symfony) code is wired even
        // without markers.
        if (self.di || matches!(rules::family(self.files[file].language), 1 | 3 | 7))
            && let Some(class) = rules::injected_type(receiver)
            && let Some(target) = self.unique_method(&class, &call.callee, file)
        {
            return OnReceiver::Found(target, Strategy::DiInjection);
        }
        OnReceiver::Unknown
    }

    /// A Go function `name` of the package `file` belongs to (its directory's other files).
    fn in_package(&self, file: usize, name: &str) -> Option<u32> {
        let entry = &self.files[file];
        if entry.language != Language::Go {
            return None;
        }
        let dir = |path: &'g str| path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let package = dir(&entry.path);
        // Go has no re-exports: the first function of that name in the package's files (the
        // Go files of the directory, in node order), looked up by name rather than by reading
        // every function of a package that may hold hundreds of files.
        self.named(name).1.find(|&n| {
            !self.nodes[n as usize].is_method() && {
                let other = &self.files[self.file_of(n)];
                other.language == Language::Go && dir(&other.path) == package
            }
        })
    }

    /// Whether `receiver` names a module `file` imports whose files are not in the project
    /// (a standard library or dependency package), by its alias or last segment, and no class
    /// or function of the project bears that name.
    pub(super) fn names_library_module(&self, file: usize, receiver: &str) -> bool {
        self.imported_of(file).library.contains(&receiver)
            && !self.bases.contains_key(receiver)
            && self.named(receiver).0 == 0
    }

    /// The imports and exports of `file` (for as long as the graph's files live).
    fn links_of(&self, file: usize) -> &'g Links<'g> {
        let links: &'g [Links<'g>] = self.links;
        &links[file]
    }

    /// The imports of `file`, each with the project files it names.
    fn imports_with_files(
        &self,
        file: usize,
    ) -> impl Iterator<Item = (&'g super::facts::ImportFact<'g>, &[usize])> + '_ {
        let imports = self.links_of(file).imports();
        let files = &self.imported_of(file).files;
        imports.iter().zip(files.iter().map(|files| &**files))
    }

    /// What the imports of `file` name, worked out on the first call that asks.
    fn imported_of(&self, file: usize) -> &FileImports<'g> {
        self.import_files[file].get_or_init(|| {
            let imports = self.links_of(file).imports();
            let files: Box<[Box<[usize]>]> = imports
                .iter()
                .map(|import| self.module_files(file, &import.source).into_boxed_slice())
                .collect();
            // A module is named by its alias, or else (imported whole) by the last part of
            // its source, after its last `/` or `.`.
            let library = imports
                .iter()
                .zip(&files)
                .filter(|(_, files)| files.is_empty())
                .filter_map(|(import, _)| match import.alias.as_deref() {
                    Some(alias) => Some(alias),
                    None => import
                        .names
                        .is_empty()
                        .then(|| import.source.rsplit(['/', '.']).next().unwrap_or_default()),
                })
                .collect();
            // Each import under the names `imported` and `in_imported_module` look it up by
            // (they check the name itself: hashes may collide).
            let mut by_name = Vec::new();
            let mut by_alias = Vec::new();
            for (at, import) in imports.iter().enumerate() {
                let at = index(at);
                by_name.extend(
                    import
                        .names
                        .iter()
                        .map(|name| (hash_of(&[rules::last_segment(name)]), at)),
                );
                let whole = match import.alias.as_deref() {
                    Some(alias) => Some(alias),
                    None => import
                        .names
                        .is_empty()
                        .then(|| rules::last_segment(&import.source)),
                };
                by_alias.extend(whole.map(|alias| (hash_of(&[alias]), at)));
                by_alias.extend(
                    import
                        .names
                        .iter()
                        .map(|name| (hash_of(&[name.as_str()]), at)),
                );
            }
            FileImports {
                files,
                library,
                by_name: ByHash::new(by_name),
                by_alias: ByHash::new(by_alias),
            }
        })
    }

    /// `Class.method` for a receiver naming a class, unique in the caller's language family
    /// (the caller's file first).
    fn unique_method(&self, class: &str, method: &str, file: usize) -> Option<u32> {
        let family: Vec<u32> = self
            .owned(class, method)
            .filter(|&n| self.same_family(file, self.file_of(n)))
            .collect();
        family
            .iter()
            .copied()
            .find(|&n| self.file_of(n) == file)
            .or_else(|| (family.len() == 1).then(|| family[0]))
    }

    /// `method` on `class` or, walking its bases breadth first, on an ancestor.
    pub(super) fn inherited(&self, class: &str, method: &str, file: usize) -> Option<u32> {
        // Most classes extend nothing Drift knows of: no walk at all.
        let bases = self.bases.get(class).filter(|bases| !bases.is_empty())?;
        // Breadth first: `queue[next..]` waits, `queue[..next]` was seen.
        let mut queue: Vec<&str> = Vec::with_capacity(8);
        queue.extend(bases.iter().copied());
        let mut next = 0;
        while next < queue.len() && next < 64 {
            let current = queue[next];
            next += 1;
            if current == class || queue[..next - 1].contains(&current) {
                continue;
            }
            if let Some(target) = self.unique_method(current, method, file) {
                return Some(target);
            }
            if let Some(bases) = self.bases.get(current) {
                queue.extend(bases.iter().copied());
            }
        }
        None
    }

    /// `class` and its ancestors, breadth first (at most 64).
    pub(super) fn lineage<'a>(&'a self, class: &'a str) -> Vec<&'a str> {
        let mut queue = std::collections::VecDeque::from([class]);
        let mut seen: Vec<&str> = Vec::new();
        while let Some(current) = queue.pop_front() {
            if seen.contains(&current) || seen.len() == 64 {
                continue;
            }
            seen.push(current);
            if let Some(bases) = self.bases.get(current) {
                queue.extend(bases.iter().copied());
            }
        }
        seen
    }

    /// The constructor of class `name` (in `file` when given).
    fn constructor(&self, name: &str, file: Option<usize>) -> Option<u32> {
        if !name.starts_with(char::is_uppercase) {
            return None;
        }
        for method in ["constructor", "__init__", "new", "initialize", "init", name] {
            let found: Vec<u32> = self.owned(name, method).collect();
            if !found.is_empty() {
                let pick = found
                    .iter()
                    .copied()
                    .find(|&n| file.is_none_or(|file| self.file_of(n) == file));
                if let Some(target) = pick
                    && (file.is_some() || found.len() == 1)
                {
                    return Some(target);
                }
            }
        }
        None
    }

    /// Files a module specifier written in `file` names.
    fn module_files(&self, file: usize, source: &str) -> Vec<usize> {
        rules::module_candidates(&self.files[file].path, source, self.files[file].language)
            .iter()
            .filter_map(|key| self.modules.get(key))
            .flatten()
            .copied()
            .collect()
    }

    /// `name` defined at the top level of one of `files`, following re-exports a few steps.
    fn top_level_in(&self, files: &[usize], name: &str, depth: u32) -> Option<u32> {
        for &target in files {
            let entry = &self.files[target];
            let first = entry.first as usize;
            if let Some(found) = (first + 1..first + entry.len as usize)
                .find(|&n| self.name(index(n)) == name && !self.nodes[n].is_method())
            {
                return Some(index(found));
            }
            if depth < 5 {
                // Python packages re-export what their `__init__.py` imports.
                if entry.language == Language::Python {
                    for (import, next) in self.imports_with_files(target) {
                        if import.names.iter().any(|n| n == name)
                            && let Some(found) = self.top_level_in(next, name, depth + 1)
                        {
                            return Some(found);
                        }
                    }
                }
                for export in self.links_of(target).exports() {
                    if let Some(source) = &export.source
                        && (export.name == name || export.name == "*" || export.name.is_empty())
                    {
                        let next = self.module_files(target, source);
                        if let Some(found) = self.top_level_in(&next, name, depth + 1) {
                            return Some(found);
                        }
                    }
                }
            }
        }
        None
    }

    /// A function `name` imported by `file`, in the module it is imported from.
    fn imported(&self, file: usize, name: &str) -> Option<u32> {
        let imported = self.imported_of(file);
        let imports = self.links_of(file).imports();
        for at in imported.by_name.get(hash_of(&[name])) {
            let import = &imports[at as usize];
            if import
                .names
                .iter()
                .any(|imported| rules::last_segment(imported) == name)
                && let Some(found) = self.top_level_in(&imported.files[at as usize], name, 0)
            {
                return Some(found);
            }
        }
        None
    }

    /// `alias.name()` where `alias` names an imported module (`import * as alias`,
    /// `import pkg.mod as alias`, `from pkg import mod`).
    fn in_imported_module(&self, file: usize, alias: &str, name: &str) -> Option<u32> {
        let by_import = self.imported_of(file);
        let imports = self.links_of(file).imports();
        for at in by_import.by_alias.get(hash_of(&[alias])) {
            let (import, imported) = (&imports[at as usize], &*by_import.files[at as usize]);
            let matches_alias = import.alias.as_deref() == Some(alias)
                || (import.alias.is_none()
                    && import.names.is_empty()
                    && rules::last_segment(&import.source) == alias);
            let files = if matches_alias {
                std::borrow::Cow::Borrowed(imported)
            } else if import.names.iter().any(|n| n == alias) {
                // `from pkg import mod`: the module `pkg/mod`.
                let joined = if import.source.ends_with('.') {
                    format!("{}{alias}", import.source)
                } else {
                    format!("{}.{alias}", import.source)
                };
                std::borrow::Cow::Owned(self.module_files(file, &joined))
            } else {
                continue;
            };
            if let Some(found) = self.top_level_in(&files, name, 0) {
                return Some(found);
            }
        }
        None
    }

    /// Whether the method `node` redefines an ancestor's or is declared by an interface or
    /// trait of its own file: then it is called through a type Drift does not see.
    pub(super) fn overrides(&self, file: usize, node: u32) -> bool {
        let function = self.node(node);
        function.is_method()
            && self.owner(node).is_some_and(|owner| {
                let owner = rules::last_segment(owner);
                self.files[file]
                    .classes
                    .iter()
                    .any(|class| class.is_interface && &*class.name == owner)
                    || self.inherited(owner, self.name(node), file).is_some()
            })
    }
}
