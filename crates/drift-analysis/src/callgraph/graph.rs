//! Building the graph: every call resolved to the function it reaches by the first of six
//! strategies that finds one (spec `call-graph.md` §3), entry points marked (§4).

use drift_core::Language;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use serde::Serialize;

use super::facts::{ClassFact, ExportFact, FileFacts, IdForm, ImportFact, MODULE_NODE, Text};
use super::resolve::{Indexes, index};
use super::rules;

/// How an edge was found, in the order the strategies run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// Defined in the caller's file.
    SameFile,
    /// A method of the receiver's class (or an ancestor), or of an imported module.
    MethodCall,
    /// A method of an injected service.
    DiInjection,
    /// Imported by the caller's file.
    ImportBased,
    /// The one exported function of that name.
    ExportBased,
    /// The one function of that name in the language family.
    Fuzzy,
    /// Passed as a value to a call (a callback): the callee may call it. Found by the first
    /// four strategies' lookups, never by name alone.
    Callback,
}

impl Strategy {
    /// Every strategy, in resolution order (callbacks apart: they resolve references, not
    /// calls).
    pub const ALL: [Self; 7] = [
        Self::SameFile,
        Self::MethodCall,
        Self::DiInjection,
        Self::ImportBased,
        Self::ExportBased,
        Self::Fuzzy,
        Self::Callback,
    ];

    /// The name used in storage and across the bridge.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::SameFile => "same_file",
            Self::MethodCall => "method_call",
            Self::DiInjection => "di_injection",
            Self::ImportBased => "import_based",
            Self::ExportBased => "export_based",
            Self::Fuzzy => "fuzzy",
            Self::Callback => "callback",
        }
    }
}

/// A function of the graph (or a file's module node).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Index of its file among the graph's files (in path order).
    file: u32,
    /// Where its strings are in its file's [`FileEntry::text`]: the qualified name at
    /// `text.0..text.1`, followed up to `text.2` by the rest of its id (`#L12` for a second
    /// function of one name; the whole id when it does not start with `path::qualified`).
    text: (u32, u32, u32),
    /// Its declared name, at `name.0..name.1` of the same text (inside the qualified name
    /// when that ends with it).
    name: (u32, u32),
    /// Its file's language.
    pub language: Language,
    /// First line (0-based).
    pub line: u32,
    /// Last line (0-based).
    pub end_line: u32,
    /// What is true of it, one bit each (see the methods of the same names).
    flags: u8,
    /// The entry point kind, if the function is one.
    pub entry: Option<EntryKind>,
    /// The entry point kind its own file declares (before registrations by other code).
    declared: Option<EntryKind>,
}

/// [`Node::flags`] bits.
const EXPORTED: u8 = 1;
const MODULE: u8 = 1 << 1;
const METHOD: u8 = 1 << 2;
const TEST: u8 = 1 << 3;
const DECORATED: u8 = 1 << 4;
/// Its id is the whole text after its qualified name, not relative to its path.
const WHOLE_ID: u8 = 1 << 5;
const OVERRIDES: u8 = 1 << 6;

impl Node {
    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// The index of its file among the graph's files.
    pub(super) fn file_index(&self) -> usize {
        self.file as usize
    }

    /// Importable from other modules.
    #[must_use]
    pub fn exported(&self) -> bool {
        self.has(EXPORTED)
    }

    /// A file's top-level code rather than a function.
    #[must_use]
    pub fn is_module(&self) -> bool {
        self.has(MODULE)
    }

    /// Declared in a class, struct, trait or impl block (or with a Go receiver).
    #[must_use]
    pub fn is_method(&self) -> bool {
        self.has(METHOD)
    }

    /// A test or test helper.
    #[must_use]
    pub fn is_test(&self) -> bool {
        self.has(TEST)
    }

    /// Carries decorators / annotations / attributes (code outside the graph may call it).
    #[must_use]
    pub fn decorated(&self) -> bool {
        self.has(DECORATED)
    }

    /// A method redefining one of an ancestor's, or declared by an interface or trait: called
    /// through a type Drift does not see at the call. Worked out for the dead-code candidates
    /// (methods nothing else calls, undecorated, not entry points of their file), `false` for
    /// the others.
    #[must_use]
    pub fn overrides(&self) -> bool {
        self.has(OVERRIDES)
    }

    fn set_overrides(&mut self, overrides: bool) {
        self.flags = (self.flags & !OVERRIDES) | if overrides { OVERRIDES } else { 0 };
    }

    fn span(text: &str, from: u32, to: u32) -> &str {
        text.get(from as usize..to as usize).unwrap_or_default()
    }

    /// Its qualified name, from the graph's `files`.
    pub(super) fn qualified_in<'f>(&self, files: &'f [FileEntry]) -> &'f str {
        Self::span(&files[self.file as usize].text, self.text.0, self.text.1)
    }

    /// Its declared name, from the graph's `files`.
    pub(super) fn name_in<'f>(&self, files: &'f [FileEntry]) -> &'f str {
        Self::span(&files[self.file as usize].text, self.name.0, self.name.1)
    }

    /// Whether its id is `id`.
    fn has_id(&self, files: &[FileEntry], id: &str) -> bool {
        let file = &files[self.file as usize];
        let rest = Self::span(&file.text, self.text.1, self.text.2);
        if self.has(WHOLE_ID) {
            return rest == id;
        }
        id.strip_prefix(file.path.as_str())
            .and_then(|id| id.strip_prefix("::"))
            .and_then(|id| id.strip_prefix(self.qualified_in(files)))
            .is_some_and(|id| id == rest)
    }

    /// Whether its id is `id` (taken apart by [`FileFacts::id_form`]); `qualified` is the
    /// qualified name the id was taken apart with.
    fn has_id_form(&self, files: &[FileEntry], id: IdForm<'_>, qualified: &str) -> bool {
        let file = &files[self.file as usize];
        let rest = Self::span(&file.text, self.text.1, self.text.2);
        match id {
            IdForm::Whole(id) => self.has(WHOLE_ID) && rest == id,
            IdForm::Relative(id) => {
                !self.has(WHOLE_ID) && id == rest && self.qualified_in(files) == qualified
            }
        }
    }

    /// Its id: `path::QualifiedName`, with `#L<line>` when its file has two of that name.
    fn id_in(&self, files: &[FileEntry]) -> String {
        let file = &files[self.file as usize];
        let rest = Self::span(&file.text, self.text.1, self.text.2);
        if self.has(WHOLE_ID) {
            return rest.to_owned();
        }
        format!("{}::{}{rest}", file.path, self.qualified_in(files))
    }
}

/// Why a function is where execution starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A route or event handler declared by a decorator or attribute.
    RouteHandler,
    /// A method of a class declared as a controller.
    ControllerMethod,
    /// `main`.
    MainFunction,
    /// A test.
    Test,
    /// Exported from its module (library API).
    Exported,
    /// A file's top-level code.
    Module,
}

impl EntryKind {
    /// The name used across the bridge.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::RouteHandler => "route_handler",
            Self::ControllerMethod => "controller_method",
            Self::MainFunction => "main_function",
            Self::Test => "test",
            Self::Exported => "exported",
            Self::Module => "module",
        }
    }
}

/// A resolved call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// Index of the calling node.
    pub caller: u32,
    /// Index of the called node.
    pub callee: u32,
    /// The call's 0-based line in the low 24 bits, the strategy's index in the high 8.
    at: u32,
}

/// Lines kept by an edge: 24 bits (a file of 16 million lines is far beyond any size limit).
const LINE_BITS: u32 = 24;
const LINE_MASK: u32 = (1 << LINE_BITS) - 1;

impl Edge {
    /// The call from `from` to `to` on `line`, found by `strategy`.
    #[must_use]
    pub fn new(from: u32, to: u32, strategy: Strategy, line: u32) -> Self {
        let strategy = Strategy::ALL
            .iter()
            .position(|&known| known == strategy)
            .map_or(0, index);
        Self {
            caller: from,
            callee: to,
            at: (strategy << LINE_BITS) | line.min(LINE_MASK),
        }
    }

    /// The strategy that resolved it.
    #[must_use]
    pub fn strategy(&self) -> Strategy {
        Strategy::ALL[(self.at >> LINE_BITS) as usize]
    }

    /// 0-based line of the call.
    #[must_use]
    pub fn line(&self) -> u32 {
        self.at & LINE_MASK
    }

    /// Its strategy's confidence (0-1).
    #[must_use]
    pub fn confidence(&self) -> f32 {
        rules::confidence(self.strategy())
    }
}

/// Counts of a build.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GraphStats {
    /// Functions (module nodes not counted).
    pub functions: u64,
    /// Distinct edges.
    pub edges: u64,
    /// Entry points (module nodes not counted).
    pub entry_points: u64,
    /// Calls resolved to a function.
    pub resolved: u64,
    /// Calls left unresolved (library calls, dynamic calls).
    pub unresolved: u64,
    /// Resolved calls per strategy (and references resolved as callbacks).
    pub by_strategy: Vec<(Strategy, u64)>,
    /// Per language: (resolved, total) calls.
    pub by_language: Vec<(Language, u64, u64)>,
}

impl GraphStats {
    /// resolved / (resolved + unresolved); 1 when there are no calls.
    #[must_use]
    #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    pub fn resolution_rate(&self) -> f64 {
        let total = self.resolved + self.unresolved;
        if total == 0 {
            1.0
        } else {
            self.resolved as f64 / total as f64
        }
    }
}

/// The call graph of a project.
#[derive(Debug, Default, Clone)]
pub struct CallGraph {
    /// Every function and module node, file by file.
    pub nodes: Vec<Node>,
    /// Every distinct edge, by caller (so file by file), each caller's in the order of its
    /// calls.
    pub edges: Vec<Edge>,
    /// Where each node's calls start in `edges`: node `n`'s are `out[n]..out[n + 1]`.
    out: Vec<u32>,
    /// Edge indices by callee.
    into: Adjacency,
    /// What the graph keeps of each file, in path order.
    files: Vec<FileEntry>,
    /// Barrels by the module keys they re-export from (see [`barrels_of`]).
    barrels: FxHashMap<String, Vec<u32>>,
    /// How many files call a method of each name (hashed) on a receiver Drift could not type:
    /// a method of that name may be what they reach, so it is not reported dead.
    untyped_methods: FxHashMap<u32, u32>,
    /// What the build found.
    pub stats: GraphStats,
}

/// Edge indices grouped by node, in one array: node `n`'s are `edges[starts[n]..starts[n + 1]]`.
#[derive(Debug, Default, Clone)]
struct Adjacency {
    starts: Vec<u32>,
    edges: Vec<u32>,
}

impl Adjacency {
    /// Groups `edges` by the node `key` gives, keeping their order within a node.
    fn new(nodes: usize, edges: &[Edge], key: impl Fn(&Edge) -> u32) -> Self {
        let mut starts = vec![0_u32; nodes + 1];
        for edge in edges {
            starts[key(edge) as usize + 1] += 1;
        }
        for at in 1..starts.len() {
            starts[at] += starts[at - 1];
        }
        let mut next = starts.clone();
        let mut grouped = vec![0_u32; edges.len()];
        for (at, edge) in edges.iter().enumerate() {
            let slot = &mut next[key(edge) as usize];
            grouped[*slot as usize] = index(at);
            *slot += 1;
        }
        Self {
            starts,
            edges: grouped,
        }
    }

    fn of(&self, node: u32) -> &[u32] {
        let node = node as usize;
        match (self.starts.get(node), self.starts.get(node + 1)) {
            (Some(&start), Some(&end)) => &self.edges[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// What the graph keeps of a file between builds: everything but its calls, which are read
/// again only when the file, or what its calls may reach, changes.
#[derive(Debug, Clone)]
pub(super) struct FileEntry {
    pub(super) path: String,
    /// Its nodes' names and ids (see [`Node::text`]), one string for all.
    text: Box<str>,
    pub(super) language: Language,
    /// Its classes, as resolution reads them.
    pub(super) classes: Box<[KeptClass]>,
    /// Its imports and exports, encoded (see [`Links`]): read by the builds and updates only,
    /// so kept small in between.
    links: Box<[u8]>,
    /// The module keys it re-exports from, if it is a barrel (see [`barrels_of`]).
    barrel_keys: Box<[String]>,
    /// Its nodes are `first..first + len`, the module node first.
    pub(super) first: u32,
    pub(super) len: u32,
    /// It marks a dependency-injection framework (decorators, `FastAPI`'s `Depends`).
    pub(super) di: bool,
    /// Its edges are `edges.0..edges.0 + edges.1`.
    edges: (u32, u32),
    outcome: Outcome,
}

/// A class as the graph keeps it between builds: what resolution and update plans read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct KeptClass {
    /// The declared name.
    pub(super) name: Box<str>,
    /// What it extends or implements, by simple name.
    pub(super) bases: Box<[Box<str>]>,
    /// An interface or trait.
    pub(super) is_interface: bool,
}

impl KeptClass {
    fn of(class: &ClassFact) -> Self {
        Self {
            name: class.name.as_str().into(),
            bases: class
                .bases
                .iter()
                .map(|base| base.as_str().into())
                .collect(),
            is_interface: class.is_interface,
        }
    }
}

/// A file's imports and exports, as resolution reads them: borrowed from the facts of a file
/// read for the build, or decoded from its [`FileEntry::links`] the first time a resolution
/// asks (most kept files are never asked).
pub(super) enum Links<'a> {
    Facts(&'a FileFacts<'a>),
    Stored(&'a [u8], OnceLock<LinkLists<'a>>),
}

/// Imports and exports (their strings borrowed from the bytes they were decoded from).
type LinkLists<'a> = (Vec<ImportFact<'a>>, Vec<ExportFact<'a>>);

impl<'a> Links<'a> {
    fn encode(facts: &FileFacts<'_>) -> Box<[u8]> {
        // Encoding lists in memory into a growable buffer cannot fail.
        postcard::to_allocvec(&(&facts.imports, &facts.exports))
            .map(Vec::into_boxed_slice)
            .unwrap_or_default()
    }

    fn decode(bytes: &'a [u8]) -> LinkLists<'a> {
        // Only ever decoded from what `encode` wrote in the same process.
        postcard::from_bytes(bytes).unwrap_or_default()
    }

    fn lists(&self) -> (&[ImportFact<'a>], &[ExportFact<'a>]) {
        match self {
            Self::Facts(facts) => (&facts.imports, &facts.exports),
            Self::Stored(bytes, decoded) => {
                let (imports, exports) = decoded.get_or_init(|| Self::decode(bytes));
                (imports, exports)
            }
        }
    }

    pub(super) fn imports(&self) -> &[ImportFact<'a>] {
        self.lists().0
    }

    pub(super) fn exports(&self) -> &[ExportFact<'a>] {
        self.lists().1
    }
}

/// What resolving one file's calls found.
#[derive(Debug, Clone, Default)]
struct Outcome {
    resolved: u32,
    total: u32,
    by_strategy: [u32; Strategy::ALL.len()],
    /// Hashes of the names its calls and references use, sorted: an update resolves the file
    /// again when a function of one of these names appears or goes.
    names: Box<[u32]>,
    /// Hashes of what its calls may reach through, sorted: receivers, the types of its typed
    /// parameters and injected services, its classes and the ancestors of all those, the
    /// names and modules it imports. A function of a changed file whose name it calls reaches
    /// it only through one of these (or by name alone, which the plan checks apart).
    context: Box<[u32]>,
    /// Hashes of the method names it calls on receivers Drift could not type, sorted.
    untyped: Box<[u32]>,
    /// Nodes its references register as handlers (`app.get('/x', handler)`).
    registered: Box<[u32]>,
}

/// What an update after a scan has to read again (see [`CallGraph::plan_update`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdatePlan {
    /// Build from every file's facts: much changed, or something every resolution depends on
    /// (class hierarchies, re-exports, the use of dependency injection).
    Rebuild,
    /// Resolve the changed files and these unchanged ones (paths) again; keep the other edges.
    Update {
        /// Unchanged files whose calls may now reach something else.
        affected: Vec<String>,
    },
}

fn hash64(text: &str) -> u64 {
    let mut hasher = FxHasher::default();
    text.hash(&mut hasher);
    hasher.finish()
}

fn hash32(text: &str) -> u32 {
    let hash = hash64(text);
    #[expect(
        clippy::cast_possible_truncation,
        reason = "both halves folded into one"
    )]
    let folded = (hash ^ (hash >> 32)) as u32;
    folded
}

/// Whether `file` marks a dependency-injection framework.
fn uses_di(file: &FileFacts) -> bool {
    file.functions
        .iter()
        .flat_map(|function| &function.decorators)
        .chain(file.classes.iter().flat_map(|class| &class.decorators))
        .any(|decorator| rules::is_di_marker(decorator))
        || file.calls.iter().any(|call| call.callee == "Depends")
}

/// What an update cannot patch: classes that extend or implement something (or are
/// interfaces), and re-exports.
fn shape<'e>(
    classes: &[KeptClass],
    exports: &[ExportFact<'e>],
) -> (Vec<KeptClass>, Vec<ExportFact<'e>>) {
    (
        classes
            .iter()
            .filter(|class| !class.bases.is_empty() || class.is_interface)
            .cloned()
            .collect(),
        exports
            .iter()
            .filter(|export| export.source.is_some())
            .cloned()
            .collect(),
    )
}

/// The module keys a file re-exports from: a barrel's, whose exports (or, for a Python
/// package's `__init__`, imports) name another module, through which its functions are
/// reached. Empty for other files.
fn barrel_keys(file: &FileFacts) -> Vec<String> {
    let package =
        file.language == Language::Python && file.path.rsplit('/').next() == Some("__init__.py");
    let sources = file
        .exports
        .iter()
        .filter_map(|export| export.source.as_deref())
        .chain(
            package
                .then_some(&file.imports)
                .into_iter()
                .flatten()
                .map(|import| import.source.as_str()),
        );
    let mut keys: Vec<String> = sources
        .flat_map(|source| rules::module_candidates(&file.path, source, file.language))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Barrels (as file indices) by the module keys they re-export from.
fn barrels_of(files: &[FileEntry]) -> FxHashMap<String, Vec<u32>> {
    let mut barrels: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (at, file) in files.iter().enumerate() {
        for key in &file.barrel_keys {
            barrels.entry(key.clone()).or_default().push(index(at));
        }
    }
    barrels
}

/// The nodes of `file` (at `at` among the graph's files), in order, their names appended to
/// `text`.
fn push_nodes(nodes: &mut Vec<Node>, text: &mut String, at: u32, file: &FileFacts) {
    let offset = |text: &str| u32::try_from(text.len()).unwrap_or(u32::MAX);
    let in_test_file = rules::is_test_file(&file.path);
    for function in &file.functions {
        let is_module = function.name == MODULE_NODE;
        let is_test = !is_module && rules::is_test(in_test_file, function);
        let declared = rules::entry_kind(file, function, is_test);
        let start = offset(text);
        text.push_str(&function.qualified_name);
        let end = offset(text);
        let (rest, whole) = match file.id_form(function) {
            IdForm::Relative(rest) => (rest, false),
            IdForm::Whole(id) => (id, true),
        };
        text.push_str(rest);
        let id_end = offset(text);
        let name = if function.qualified_name.ends_with(function.name.as_str()) {
            (end - offset(&function.name), end)
        } else {
            text.push_str(&function.name);
            (id_end, offset(text))
        };
        nodes.push(Node {
            file: at,
            text: (start, end, id_end),
            name,
            language: file.language,
            line: function.line,
            end_line: if is_module { 0 } else { function.end_line },
            flags: [
                (function.exported, EXPORTED),
                (is_module, MODULE),
                (function.is_method, METHOD),
                (is_test, TEST),
                (!function.decorators.is_empty(), DECORATED),
                (whole, WHOLE_ID),
            ]
            .into_iter()
            .filter(|(set, _)| *set)
            .fold(0, |flags, (_, flag)| flags | flag),
            entry: declared,
            declared,
        });
    }
}

/// The nodes of a new or changed file (at `at` among the graph's files) and its entry, its
/// nodes not numbered yet (`first` is 0).
fn file_of_facts(at: u32, facts: &FileFacts) -> (Vec<Node>, FileEntry) {
    let mut nodes = Vec::with_capacity(facts.functions.len());
    let mut text = String::new();
    push_nodes(&mut nodes, &mut text, at, facts);
    let entry = FileEntry {
        path: facts.path.to_string(),
        text: text.into_boxed_str(),
        language: facts.language,
        classes: facts.classes.iter().map(KeptClass::of).collect(),
        links: Links::encode(facts),
        barrel_keys: barrel_keys(facts).into_boxed_slice(),
        first: 0,
        len: index(facts.functions.len()),
        di: uses_di(facts),
        edges: (0, 0),
        outcome: Outcome::default(),
    };
    (nodes, entry)
}

/// Resolves every call and reference of `facts` (the file at `file`, nodes from `first`),
/// into `edges` (empty), grouped by caller.
fn resolve_file(
    indexes: &Indexes<'_>,
    file: usize,
    first: u32,
    facts: &FileFacts,
    edges: &mut Vec<Edge>,
) -> Outcome {
    let mut outcome = Outcome::default();
    let local = indexes.local(file);
    let mut seen: FxHashSet<(u32, u32, u32)> = FxHashSet::default();
    let mut names = Vec::with_capacity(facts.calls.len() + facts.references.len());
    let mut untyped = Vec::new();
    let mut registered = Vec::new();
    let mut add = |caller: u32, callee: u32, strategy: Strategy, line: u32| {
        if seen.insert((caller, callee, line)) {
            edges.push(Edge::new(caller, callee, strategy, line));
        }
    };
    for call in &facts.calls {
        names.push(hash32(&call.callee));
        // Stored facts are checked by their version, not their indices: a bad one is skipped.
        let Some(caller_fact) = facts.functions.get(call.caller as usize) else {
            continue;
        };
        let caller = first + call.caller;
        let resolved = indexes.resolve(file, &local, caller, caller_fact, call);
        // An unresolved bare Ruby name is most likely a local variable, not a call.
        if resolved.is_none() && rules::maybe_variable(facts.language, call) {
            continue;
        }
        outcome.total += 1;
        let Some((target, strategy)) = resolved else {
            // A method of that name may be what an untyped receiver reaches; a library
            // module's function is not.
            if let Some(receiver) = call.receiver.as_deref()
                && !indexes.names_library_module(file, rules::receiver_key(receiver))
            {
                untyped.push(hash32(&call.callee));
            }
            continue;
        };
        outcome.resolved += 1;
        outcome.by_strategy[strategy as usize] += 1;
        add(caller, target, strategy, call.line);
    }
    // Callbacks: a function passed as a value may be called by whatever it is passed to.
    for reference in &facts.references {
        names.push(hash32(&reference.name));
        let Some(caller_fact) = facts.functions.get(reference.caller as usize) else {
            continue;
        };
        let caller = first + reference.caller;
        let Some(target) = indexes.referenced(file, &local, caller_fact, reference) else {
            continue;
        };
        if target == caller {
            continue;
        }
        outcome.by_strategy[Strategy::Callback as usize] += 1;
        if rules::registers_handler(facts.language, reference) {
            registered.push(target);
        }
        add(caller, target, Strategy::Callback, reference.line);
    }
    names.sort_unstable();
    names.dedup();
    untyped.sort_unstable();
    untyped.dedup();
    registered.sort_unstable();
    registered.dedup();
    outcome.names = names.into_boxed_slice();
    outcome.untyped = untyped.into_boxed_slice();
    outcome.registered = registered.into_boxed_slice();
    // By caller, each caller's in call order (the graph's edges are grouped by caller).
    edges.sort_by_key(|edge| edge.caller);
    outcome
}

/// What the calls of `facts` may reach functions of other files through (see
/// [`Outcome::context`]).
fn context_of(indexes: &Indexes<'_>, facts: &FileFacts) -> Box<[u32]> {
    let mut classes: Vec<&str> = Vec::new();
    let mut keys: Vec<u32> = Vec::new();
    let receivers = facts
        .calls
        .iter()
        .filter_map(|call| call.receiver.as_deref())
        .chain(
            facts
                .references
                .iter()
                .filter_map(|reference| reference.receiver.as_deref()),
        );
    let mut injected = Vec::new();
    // What follows depends on the receiver's text alone: each once (a file names the same few
    // receivers again and again).
    let mut read: FxHashSet<&str> = FxHashSet::default();
    for receiver in receivers {
        if !read.insert(receiver) {
            continue;
        }
        let key = rules::receiver_key(receiver);
        // A class (`Prices.total()`), or a module path (`util::f()`, which Rust keeps as
        // `util` like a variable); another lower-case receiver is a variable, or a module this
        // file imports (kept below).
        if key.starts_with(char::is_uppercase) {
            classes.push(key);
        } else if facts.language == Language::Rust
            || receiver.as_bytes().windows(2).any(|pair| pair == b"::")
        {
            keys.extend(receiver.split("::").map(hash32));
        }
        if let Some(class) = rules::constructed_type(receiver) {
            classes.push(class);
        }
        if let Some(class) = rules::injected_type(key) {
            injected.push(class);
        }
    }
    // `Name()` / `new Name()`: a class built by its name.
    classes.extend(
        facts
            .calls
            .iter()
            .filter(|call| call.receiver.is_none() && call.callee.starts_with(char::is_uppercase))
            .map(|call| call.callee.as_str()),
    );
    classes.extend(
        facts
            .functions
            .iter()
            .flat_map(|function| &function.typed_parameters)
            .map(|(_, class)| class.as_str()),
    );
    classes.extend(facts.classes.iter().map(|class| class.name.as_str()));
    classes.extend(
        facts
            .classes
            .iter()
            .flat_map(|class| &class.bases)
            .map(Text::as_str),
    );
    classes.extend(
        facts
            .functions
            .iter()
            .filter_map(|function| function.owner.as_deref())
            .map(rules::last_segment),
    );
    classes.extend(injected.iter().map(String::as_str));
    // Each class once (a set: sorting strings costs more, in wasm most of all).
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for class in classes {
        if seen.insert(class) {
            keys.extend(indexes.lineage(class).into_iter().map(hash32));
        }
    }
    for import in &facts.imports {
        keys.extend(
            import
                .names
                .iter()
                .map(|name| hash32(rules::last_segment(name))),
        );
        keys.extend(import.alias.as_deref().map(hash32));
        keys.extend(module_segments(&import.source).map(hash32));
    }
    keys.extend(file_keys(&facts.path).into_iter().map(hash32));
    keys.sort_unstable();
    keys.dedup();
    keys.into_boxed_slice()
}

/// The last two segments of a module specifier (`./shared/text` -> `shared`, `text`;
/// `app.services` -> `app`, `services`).
fn module_segments(source: &str) -> impl Iterator<Item = &str> {
    let mut segments: Vec<&str> = source
        .split(['/', '.', ':', '\\'])
        .filter(|segment| !segment.is_empty())
        .collect();
    let keep = segments.len().saturating_sub(2);
    segments.drain(..keep);
    segments.into_iter()
}

/// How code elsewhere names the module of the file at `path`: its stem and its directory (a
/// package, a barrel's directory).
fn file_keys(path: &str) -> Vec<&str> {
    let (stem, extension) = path.rsplit_once('.').unwrap_or((path, ""));
    let (dir, name) = stem.rsplit_once('/').unwrap_or(("", stem));
    // `user.service` is imported as `./user.service`: both parts, as `module_segments` cuts it.
    let mut keys: Vec<&str> = name.split('.').filter(|part| part.len() > 1).collect();
    // A package is named by its directory: a Go package, a barrel, `__init__`, `mod.rs`.
    if extension == "go" || matches!(name, "index" | "__init__" | "mod" | "lib") {
        keys.extend(dir.rsplit('/').next().filter(|dir| !dir.is_empty()));
    }
    keys
}

/// Where each file of an updated graph comes from.
#[derive(Clone, Copy)]
enum Source<'f> {
    /// Kept from the old graph (its index there), with its edges, or with its facts read again
    /// when its calls may reach something else now.
    Old(usize, Option<&'f FileFacts<'f>>),
    /// New or changed.
    Facts(&'f FileFacts<'f>),
}

impl CallGraph {
    /// Builds the graph of `files`.
    #[must_use]
    pub fn build(files: &[FileFacts]) -> Self {
        Self::default().apply(files, &[], &[])
    }

    /// What updating this graph after a scan needs read again, given the facts of the files
    /// the scan added or changed and the paths it removed.
    #[must_use]
    pub fn plan_update(&self, changed: &[FileFacts], removed: &[String]) -> UpdatePlan {
        let gone: FxHashSet<&str> = removed
            .iter()
            .map(String::as_str)
            .chain(changed.iter().map(|file| file.path.as_str()))
            .collect();
        if self.files.is_empty() || gone.len() > self.files.len() / 4 + 32 {
            return UpdatePlan::Rebuild;
        }
        let di_before = self.files.iter().any(|file| file.di);
        let di_after = self
            .files
            .iter()
            .any(|file| file.di && !gone.contains(file.path.as_str()))
            || changed.iter().any(uses_di);
        if di_before != di_after {
            return UpdatePlan::Rebuild;
        }
        let empty = (Vec::new(), Vec::new());
        for path in &gone {
            let before = self.file_index(path).map_or_else(
                || empty.clone(),
                |at| {
                    let (_, exports) = Links::decode(&self.files[at].links);
                    shape(&self.files[at].classes, &exports)
                },
            );
            let after = changed.iter().find(|file| file.path == *path).map_or_else(
                || empty.clone(),
                |file| {
                    let classes: Vec<KeptClass> = file.classes.iter().map(KeptClass::of).collect();
                    shape(&classes, &file.exports)
                },
            );
            if before != after {
                return UpdatePlan::Rebuild;
            }
        }
        // Changed files that declare what they did: nothing resolves differently into them.
        let same: FxHashSet<&str> = changed
            .iter()
            .filter(|facts| {
                self.file_index(&facts.path)
                    .is_some_and(|at| self.same_outline(at, facts))
            })
            .map(|facts| facts.path.as_str())
            .collect();
        let barrels = self.barrels();
        let moves: Vec<(FxHashSet<u32>, FxHashSet<u32>)> = gone
            .iter()
            .filter(|path| !same.contains(*path))
            .map(|path| self.change_of(path, changed, Some(&barrels)))
            .collect();
        let names: FxHashSet<u32> = moves
            .iter()
            .flat_map(|(names, _)| names.iter().copied())
            .collect();
        let loose = self.loose_names(changed, &gone, &names);
        let mut affected: FxHashSet<usize> = FxHashSet::default();
        for (at, file) in self.files.iter().enumerate() {
            if gone.contains(file.path.as_str()) {
                if same.contains(file.path.as_str()) {
                    continue;
                }
                // Whoever called into the file resolves its calls again.
                for node in file.first..file.first + file.len {
                    for edge in self.callers(node) {
                        affected.insert(self.file_of(edge.caller));
                    }
                }
                continue;
            }
            // A call of a changed name may move if the name resolves by itself (fuzzy or
            // export), or if the file reaches the changed files' classes or modules.
            let outcome = &file.outcome;
            let calls =
                |names: &FxHashSet<u32>| outcome.names.iter().any(|name| names.contains(name));
            if calls(&loose)
                || moves.iter().any(|(names, keys)| {
                    calls(names) && outcome.context.iter().any(|key| keys.contains(key))
                })
            {
                affected.insert(at);
            }
        }
        let mut affected: Vec<String> = affected
            .into_iter()
            .map(|at| self.files[at].path.clone())
            .filter(|path| !gone.contains(path.as_str()))
            .collect();
        affected.sort_unstable();
        UpdatePlan::Update { affected }
    }

    /// This graph after a scan: `changed` are the facts of the files it added or changed,
    /// `removed` the paths it removed, and `affected` the facts of the unchanged files
    /// [`CallGraph::plan_update`] listed. Resolves only those files' calls again.
    ///
    /// `affected` must [fit](CallGraph::fits) the graph; a file that does not is taken as
    /// changed.
    #[must_use]
    pub fn update(self, changed: &[FileFacts], removed: &[String], affected: &[FileFacts]) -> Self {
        if self.fits(affected) {
            return self.apply(changed, removed, affected);
        }
        let (fitting, misfits): (Vec<FileFacts>, Vec<FileFacts>) = affected
            .iter()
            .cloned()
            .partition(|file| self.fits(std::slice::from_ref(file)));
        let mut changed = changed.to_vec();
        changed.extend(misfits);
        self.apply(&changed, removed, &fitting)
    }

    /// Whether each of `files` is a file of the graph with the functions the graph holds of it
    /// (as an unchanged file read again is).
    #[must_use]
    pub fn fits(&self, files: &[FileFacts]) -> bool {
        files.iter().all(|file| {
            self.file_index(&file.path).is_some_and(|at| {
                let entry = &self.files[at];
                let first = entry.first as usize;
                entry.len as usize == file.functions.len()
                    && self.nodes[first..first + file.functions.len()]
                        .iter()
                        .zip(&file.functions)
                        .all(|(node, function)| {
                            node.has_id_form(
                                &self.files,
                                file.id_form(function),
                                &function.qualified_name,
                            )
                        })
            })
        })
    }

    /// The paths of the graph's files, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|file| file.path.as_str())
    }

    /// What a change of the file at `path` (its facts among `changed`, if it is not removed)
    /// may move: the names (hashed) of its functions, classes, exports (and a Python
    /// package's imports), before and after; and what code elsewhere reaches it through (see
    /// [`Outcome::context`]): its classes and methods' owners, its module's names, and those
    /// of the `barrels` and packages re-exporting it, two steps out.
    fn change_of(
        &self,
        path: &str,
        changed: &[FileFacts],
        barrels: Option<&FxHashMap<String, Vec<&str>>>,
    ) -> (FxHashSet<u32>, FxHashSet<u32>) {
        let mut names = FxHashSet::default();
        let mut keys = FxHashSet::default();
        if let Some(at) = self.file_index(path) {
            let file = &self.files[at];
            for node in &self.nodes[file.first as usize..(file.first + file.len) as usize] {
                names.insert(hash32(node.name_in(&self.files)));
                if let Some(owner) = super::resolve::owner_of(node.qualified_in(&self.files)) {
                    keys.insert(hash32(rules::last_segment(owner)));
                }
            }
            let (imports, exports) = Links::decode(&file.links);
            let classes = || file.classes.iter().map(|class| &*class.name);
            Self::outline_names(&mut names, file.language, classes(), &exports, &imports);
            keys.extend(classes().map(hash32));
        }
        if let Some(file) = changed.iter().find(|file| file.path == path) {
            for function in &file.functions {
                names.insert(hash32(&function.name));
                if let Some(owner) = function.owner.as_deref() {
                    keys.insert(hash32(rules::last_segment(owner)));
                }
            }
            let classes = || file.classes.iter().map(|class| class.name.as_str());
            Self::outline_names(
                &mut names,
                file.language,
                classes(),
                &file.exports,
                &file.imports,
            );
            keys.extend(classes().map(hash32));
        }
        let Some(barrels) = barrels else {
            return (names, keys);
        };
        let mut paths = vec![path];
        for step in 0..3 {
            let mut next = Vec::new();
            for path in &paths {
                keys.extend(file_keys(path).into_iter().map(hash32));
                if step < 2 {
                    for key in rules::module_keys(path) {
                        next.extend(barrels.get(&key).into_iter().flatten().copied());
                    }
                }
            }
            paths = next;
        }
        (names, keys)
    }

    /// Of `names`, those whose resolution by name alone (fuzzy, or the one exported function
    /// of its name) the change may move: defined (as methods, functions or exported functions)
    /// a different number of times in a changed file's language family after than before,
    /// and at most twice on one side. A function replaced by one of the same name moves no
    /// count: the calls that reached the old one are resolved again anyway.
    fn loose_names(
        &self,
        changed: &[FileFacts],
        gone: &FxHashSet<&str>,
        names: &FxHashSet<u32>,
    ) -> FxHashSet<u32> {
        // (all, methods, exported free functions) before and after, per (name, family).
        type Counts = [i64; 6];
        let mut counts: FxHashMap<(u32, u8), Counts> = FxHashMap::default();
        let mut blocked: FxHashSet<u32> = FxHashSet::default();
        let mut tally =
            |name: &str, family: u8, is_method: bool, exported: bool, after: i64, before: i64| {
                let hash = hash32(name);
                if !names.contains(&hash) {
                    return;
                }
                if rules::is_blocklisted(name) {
                    blocked.insert(hash);
                }
                let entry = counts.entry((hash, family)).or_default();
                for (slot, counted) in [(0, true), (1, is_method), (2, exported && !is_method)] {
                    if counted {
                        entry[slot] += before;
                        entry[slot + 3] += after;
                    }
                }
            };
        for file in &self.files {
            let family = rules::family(file.language);
            let kept = i64::from(!gone.contains(file.path.as_str()));
            for node in &self.nodes[file.first as usize + 1..(file.first + file.len) as usize] {
                tally(
                    node.name_in(&self.files),
                    family,
                    node.is_method(),
                    node.exported(),
                    kept,
                    1,
                );
            }
        }
        for file in changed {
            let family = rules::family(file.language);
            for function in file.functions.iter().skip(1) {
                tally(
                    &function.name,
                    family,
                    function.is_method,
                    function.exported,
                    1,
                    0,
                );
            }
        }
        counts
            .into_iter()
            .filter(|((hash, _), counts)| {
                // A count that moves and is small on one side may make a name unique or
                // ambiguous (2 leaves room for the caller, which is never its own target).
                let moves = |slot: usize| {
                    counts[slot] != counts[slot + 3] && counts[slot].min(counts[slot + 3]) <= 2
                };
                (!blocked.contains(hash) && (moves(0) || moves(1))) || moves(2)
            })
            .map(|((hash, _), _)| hash)
            .collect()
    }

    /// The barrels by module key (see [`barrels_of`]), as paths.
    fn barrels(&self) -> FxHashMap<String, Vec<&str>> {
        self.barrels
            .iter()
            .map(|(key, files)| {
                let paths = files
                    .iter()
                    .map(|&file| self.files[file as usize].path.as_str())
                    .collect();
                (key.clone(), paths)
            })
            .collect()
    }

    fn outline_names<'a>(
        names: &mut FxHashSet<u32>,
        language: Language,
        classes: impl Iterator<Item = &'a str>,
        exports: &[ExportFact],
        imports: &[ImportFact],
    ) {
        let before = names.len();
        names.extend(classes.map(hash32));
        let has_classes = names.len() > before;
        names.extend(exports.iter().map(|export| hash32(&export.name)));
        if language == Language::Python {
            names.extend(
                imports
                    .iter()
                    .flat_map(|import| &import.names)
                    .map(|name| hash32(name)),
            );
        }
        // Ruby builds objects with `Class.new`, which reaches `initialize`.
        if language == Language::Ruby && has_classes {
            names.insert(hash32("new"));
        }
    }

    /// The index of the file at `path`.
    fn file_index(&self, path: &str) -> Option<usize> {
        self.files
            .binary_search_by(|file| file.path.as_str().cmp(path))
            .ok()
    }

    /// Whether `facts`, the new facts of the file at `at`, declare what the graph holds for it
    /// (functions with their names, ids and flags, classes, imports and exports), only at other
    /// lines. Other files' calls then resolve into it as before (resolution reads no lines), so
    /// their edges are kept and renumbered instead of resolved again.
    fn same_outline(&self, at: usize, facts: &FileFacts) -> bool {
        let file = &self.files[at];
        if file.len as usize != facts.functions.len()
            || file.language != facts.language
            || file.di != uses_di(facts)
            || file.classes.len() != facts.classes.len()
            || file
                .classes
                .iter()
                .zip(&facts.classes)
                .any(|(kept, class)| *kept != KeptClass::of(class))
            || *file.barrel_keys != *barrel_keys(facts)
            || *file.links != *Links::encode(facts)
        {
            return false;
        }
        let mut nodes = Vec::with_capacity(facts.functions.len());
        let mut text = String::new();
        push_nodes(&mut nodes, &mut text, 0, facts);
        let old = &self.nodes[file.first as usize..(file.first + file.len) as usize];
        old.iter().zip(&nodes).all(|(before, after)| {
            let strings = |node: &Node, text: &str| {
                (
                    text[node.text.0 as usize..node.text.2 as usize].to_owned(),
                    text[node.name.0 as usize..node.name.1 as usize].to_owned(),
                )
            };
            // Overrides are worked out after a build, from the edges.
            before.flags & !OVERRIDES == after.flags
                && before.declared == after.declared
                && strings(before, &file.text) == strings(after, &text)
        })
    }

    /// The file holding `node`.
    fn file_of(&self, node: u32) -> usize {
        self.nodes[node as usize].file_index()
    }

    #[expect(
        clippy::too_many_lines,
        reason = "the passes of a build in order: files and nodes, calls, overrides, entries, indexes"
    )]
    fn apply(self, changed: &[FileFacts], removed: &[String], affected: &[FileFacts]) -> Self {
        let old = self;
        let gone: FxHashSet<&str> = removed
            .iter()
            .map(String::as_str)
            .chain(changed.iter().map(|file| file.path.as_str()))
            .collect();
        let again: FxHashMap<&str, &FileFacts> = affected
            .iter()
            .map(|file| (file.path.as_str(), file))
            .collect();

        // The files in path order: the old ones kept, merged with the changed ones.
        let mut incoming: Vec<&FileFacts> = changed.iter().collect();
        // Stored facts come in path order already: checked, not sorted again.
        if !incoming.is_sorted_by(|a, b| a.path <= b.path) {
            incoming.sort_by(|a, b| a.path.cmp(&b.path));
        }
        incoming.dedup_by(|a, b| a.path == b.path);
        let mut order: Vec<Source<'_>> = Vec::with_capacity(old.files.len() + incoming.len());
        let mut kept = old
            .files
            .iter()
            .enumerate()
            .filter(|(_, file)| !gone.contains(file.path.as_str()))
            .peekable();
        let mut fresh = incoming.into_iter().peekable();
        loop {
            let take_old = match (kept.peek(), fresh.peek()) {
                (Some((_, a)), Some(b)) => *a.path < *b.path,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if take_old {
                let (at, file) = kept.next().unwrap_or_else(|| unreachable!());
                order.push(Source::Old(at, again.get(file.path.as_str()).copied()));
            } else if let Some(facts) = fresh.next() {
                order.push(Source::Facts(facts));
            }
        }

        // Changed files that declare what they did: their old nodes map onto their new ones,
        // so that other files' edges into them are kept.
        let same: FxHashMap<&str, u32> = changed
            .iter()
            .filter_map(|facts| {
                let at = old.file_index(&facts.path)?;
                old.same_outline(at, facts)
                    .then_some((facts.path.as_str(), old.files[at].first))
            })
            .collect();
        // Nodes: the kept files' moved over (renumbered), the others' made from their facts.
        let old_firsts: Vec<(u32, u32)> = old.files.iter().map(|f| (f.first, f.len)).collect();
        let mut remap = vec![u32::MAX; old.nodes.len()];
        let mut old_files: Vec<Option<FileEntry>> = old.files.into_iter().map(Some).collect();
        let mut old_nodes = old.nodes.into_iter().enumerate().peekable();
        // The new files' nodes and entries are made apart from each other, on the pool the
        // caller runs in; only numbering them is left to this loop.
        let mut made: Vec<Option<(Vec<Node>, FileEntry)>> = order
            .par_iter()
            .enumerate()
            .map(|(at, source)| match *source {
                Source::Facts(facts) => Some(file_of_facts(index(at), facts)),
                Source::Old(..) => None,
            })
            .collect();
        let mut nodes = Vec::with_capacity(remap.len());
        let mut files = Vec::with_capacity(order.len());
        for (at, source) in order.iter().enumerate() {
            let first = index(nodes.len());
            match *source {
                Source::Old(at, _) => {
                    let (old_first, len) = old_firsts[at];
                    while old_nodes.peek().is_some_and(|(i, _)| index(*i) < old_first) {
                        old_nodes.next();
                    }
                    for (i, mut node) in old_nodes.by_ref().take(len as usize) {
                        remap[i] = index(nodes.len());
                        node.file = index(files.len());
                        nodes.push(node);
                    }
                    let mut entry = old_files[at].take().unwrap_or_else(|| unreachable!());
                    entry.first = first;
                    files.push(entry);
                }
                Source::Facts(facts) => {
                    let (own, mut entry) = made[at].take().unwrap_or_else(|| unreachable!());
                    nodes.extend(own);
                    if let Some(&old_first) = same.get(facts.path.as_str()) {
                        for offset in 0..entry.len {
                            remap[(old_first + offset) as usize] = first + offset;
                        }
                    }
                    entry.first = first;
                    files.push(entry);
                }
            }
        }
        drop(old_nodes);

        // Calls: resolved again for the files read again, kept (renumbered) for the others.
        let mut edges = Vec::with_capacity(old.edges.len());
        let mut placed = Vec::with_capacity(files.len());
        let overrides: Vec<(u32, bool)>;
        {
            let links: Vec<Links<'_>> = order
                .iter()
                .zip(&files)
                .map(|(source, file)| match source {
                    Source::Facts(facts) => Links::Facts(facts),
                    Source::Old(..) => Links::Stored(&file.links, OnceLock::new()),
                })
                .collect();
            let indexes = Indexes::new(&nodes, &files, &links);
            // Files resolve apart from each other, on the pool the caller runs in.
            let resolved: Vec<(Vec<Edge>, Outcome)> = order
                .par_iter()
                .enumerate()
                .map(|(at, source)| match *source {
                    Source::Facts(facts) => {
                        let mut found = Vec::new();
                        let mut outcome =
                            resolve_file(&indexes, at, files[at].first, facts, &mut found);
                        outcome.context = context_of(&indexes, facts);
                        (found, outcome)
                    }
                    // Unchanged, read again: what it reaches through is unchanged too (a
                    // changed class hierarchy means a build).
                    Source::Old(_, Some(facts)) => {
                        let mut found = Vec::new();
                        let mut outcome =
                            resolve_file(&indexes, at, files[at].first, facts, &mut found);
                        outcome.context.clone_from(&files[at].outcome.context);
                        (found, outcome)
                    }
                    Source::Old(_, None) => {
                        let entry = &files[at];
                        let (from, len) = entry.edges;
                        let kept = old.edges[from as usize..(from + len) as usize]
                            .iter()
                            .filter_map(|edge| {
                                let from_node = remap[edge.caller as usize];
                                let to_node = remap[edge.callee as usize];
                                (from_node != u32::MAX && to_node != u32::MAX).then_some(Edge {
                                    caller: from_node,
                                    callee: to_node,
                                    ..*edge
                                })
                            })
                            .collect();
                        let mut outcome = entry.outcome.clone();
                        outcome.registered = outcome
                            .registered
                            .iter()
                            .map(|&node| remap[node as usize])
                            .filter(|&node| node != u32::MAX)
                            .collect();
                        (kept, outcome)
                    }
                })
                .collect();
            for (found, outcome) in resolved {
                placed.push(((index(edges.len()), index(found.len())), outcome));
                edges.extend(found);
            }
            // Overrides matter only to methods nothing else calls (dead-code candidates).
            let mut called = vec![false; nodes.len()];
            for edge in &edges {
                if edge.caller != edge.callee {
                    called[edge.callee as usize] = true;
                }
            }
            overrides = files
                .par_iter()
                .enumerate()
                .flat_map_iter(|(at, file)| {
                    let (nodes, called, indexes) = (&nodes, &called, &indexes);
                    (file.first..file.first + file.len)
                        .filter(move |&node| {
                            let function = &nodes[node as usize];
                            function.is_method()
                                && !called[node as usize]
                                && function.declared.is_none()
                                && !function.decorated()
                        })
                        .map(move |node| (node, indexes.overrides(at, node)))
                })
                .collect();
        }
        for (file, (range, outcome)) in files.iter_mut().zip(placed) {
            file.edges = range;
            file.outcome = outcome;
        }
        // Kept nodes carry the old graph's answer, for the callers they had then.
        for node in &mut nodes {
            node.set_overrides(false);
        }
        for (node, overrides) in overrides {
            nodes[node as usize].set_overrides(overrides);
        }

        // Built by pushing: give back what the growth left over.
        nodes.shrink_to_fit();
        edges.shrink_to_fit();
        files.shrink_to_fit();
        let barrels = barrels_of(&files);
        let mut graph = Self {
            nodes,
            edges,
            files,
            barrels,
            ..Self::default()
        };
        graph.finish();
        graph
    }

    /// Entry points, the lookups by id and by edge, and the counts, from the nodes, edges and
    /// files in place.
    fn finish(&mut self) {
        let registered: FxHashSet<u32> = self
            .files
            .iter()
            .flat_map(|file| file.outcome.registered.iter().copied())
            .collect();
        for (at, node) in self.nodes.iter_mut().enumerate() {
            node.entry = node.declared;
            // Registered as a route or request handler (`app.get('/x', handler)`).
            if registered.contains(&index(at))
                && node.entry.is_none_or(|kind| kind == EntryKind::Exported)
            {
                node.entry = Some(EntryKind::RouteHandler);
            }
        }
        self.out = vec![0; self.nodes.len() + 1];
        for edge in &self.edges {
            self.out[edge.caller as usize + 1] += 1;
        }
        for at in 1..self.out.len() {
            self.out[at] += self.out[at - 1];
        }
        self.into = Adjacency::new(self.nodes.len(), &self.edges, |edge| edge.callee);
        self.untyped_methods.clear();
        let mut by_strategy = [0_u64; Strategy::ALL.len()];
        let mut by_language: FxHashMap<Language, (u64, u64)> = FxHashMap::default();
        let (mut resolved, mut total) = (0, 0);
        for file in &self.files {
            let outcome = &file.outcome;
            for name in &outcome.untyped {
                *self.untyped_methods.entry(*name).or_default() += 1;
            }
            for (count, found) in by_strategy.iter_mut().zip(outcome.by_strategy) {
                *count += u64::from(found);
            }
            resolved += u64::from(outcome.resolved);
            total += u64::from(outcome.total);
            if outcome.total > 0 {
                let counts = by_language.entry(file.language).or_default();
                counts.0 += u64::from(outcome.resolved);
                counts.1 += u64::from(outcome.total);
            }
        }
        self.stats = GraphStats {
            functions: self.nodes.iter().filter(|n| !n.is_module()).count() as u64,
            edges: self.edges.len() as u64,
            entry_points: self
                .nodes
                .iter()
                .filter(|n| n.entry.is_some_and(|kind| kind != EntryKind::Module))
                .count() as u64,
            resolved,
            unresolved: total - resolved,
            by_strategy: Strategy::ALL
                .into_iter()
                .zip(by_strategy)
                .filter(|(_, count)| *count > 0)
                .collect(),
            by_language: {
                let mut languages: Vec<(Language, u64, u64)> = by_language
                    .into_iter()
                    .map(|(language, (resolved, total))| (language, resolved, total))
                    .collect();
                languages.sort_by_key(|(language, _, _)| language.name());
                languages
            },
        };
    }

    /// Whether some call names a method `name` on a receiver Drift could not type.
    #[must_use]
    pub fn called_on_untyped(&self, name: &str) -> bool {
        self.untyped_methods.contains_key(&hash32(name))
    }

    /// The node with this id: found through its file (the path before a `::`), whose nodes
    /// are few.
    #[must_use]
    pub fn node(&self, id: &str) -> Option<u32> {
        id.match_indices("::").find_map(|(at, _)| {
            let file = &self.files[self.file_index(&id[..at])?];
            (file.first..file.first + file.len)
                .find(|&node| self.nodes[node as usize].has_id(&self.files, id))
        })
    }

    /// The id of `node`: `path::QualifiedName`, with `#L<line>` when its file has two of that
    /// name.
    #[must_use]
    pub fn id_of(&self, node: u32) -> String {
        self.nodes[node as usize].id_in(&self.files)
    }

    /// The declared name of `node`.
    #[must_use]
    pub fn name_of(&self, node: u32) -> &str {
        self.nodes[node as usize].name_in(&self.files)
    }

    /// The qualified name of `node` (with its enclosing types).
    #[must_use]
    pub fn qualified_name_of(&self, node: u32) -> &str {
        self.nodes[node as usize].qualified_in(&self.files)
    }

    /// The path of the file holding `node`, relative to the project root.
    #[must_use]
    pub fn path_of(&self, node: u32) -> &str {
        &self.files[self.nodes[node as usize].file as usize].path
    }

    /// Edges out of `node` (its calls).
    pub fn callees(&self, node: u32) -> impl Iterator<Item = &Edge> {
        let node = node as usize;
        let calls = match (self.out.get(node), self.out.get(node + 1)) {
            (Some(&start), Some(&end)) => &self.edges[start as usize..end as usize],
            _ => &[],
        };
        calls.iter()
    }

    /// Edges into `node` (calls of it).
    pub fn callers(&self, node: u32) -> impl Iterator<Item = &Edge> {
        self.into
            .of(node)
            .iter()
            .map(|&edge| &self.edges[edge as usize])
    }
}

impl CallGraph {
    /// The node a user means by `name`: an id (`path::Qualified.name`), `FILE:QUALIFIED_NAME`,
    /// a qualified name, or a plain name; module nodes only by id.
    ///
    /// Errors: `FUNCTION_NOT_FOUND`, or `AMBIGUOUS_FUNCTION` listing up to 20 candidate ids.
    pub fn find(&self, name: &str) -> Result<u32, drift_core::errors::GraphError> {
        use drift_core::errors::GraphError;
        if let Some(node) = self.node(name) {
            return Ok(node);
        }
        let functions =
            || (0..index(self.nodes.len())).filter(|&node| !self.nodes[node as usize].is_module());
        let mut found: Vec<u32> = match split_file(name) {
            // Only that file's nodes, found by its path.
            Some((file, qualified)) => self.file_index(file).map_or_else(Vec::new, |at| {
                let file = &self.files[at];
                (file.first..file.first + file.len)
                    .filter(|&node| {
                        !self.nodes[node as usize].is_module()
                            && self.qualified_name_of(node) == qualified
                    })
                    .collect()
            }),
            None => Vec::new(),
        };
        if found.is_empty() {
            found = functions()
                .filter(|&node| self.qualified_name_of(node) == name)
                .collect();
        }
        if found.is_empty() {
            found = functions()
                .filter(|&node| self.name_of(node) == name)
                .collect();
        }
        match found.as_slice() {
            [] => Err(GraphError::FunctionNotFound {
                name: name.to_owned(),
            }),
            [one] => Ok(*one),
            many => Err(GraphError::Ambiguous {
                name: name.to_owned(),
                candidates: many.iter().take(20).map(|&node| self.id_of(node)).collect(),
            }),
        }
    }
}

/// `src/a.ts:Users.create` -> (`src/a.ts`, `Users.create`); `None` without a file part.
fn split_file(name: &str) -> Option<(&str, &str)> {
    let (file, qualified) = name.split_once(':')?;
    (!qualified.starts_with(':') && file.contains('.') && !qualified.is_empty())
        .then_some((file, qualified))
}

impl CallGraph {
    /// Approximate heap bytes the graph holds, by part (capacities of its arrays and strings;
    /// allocator overhead not counted): what the benchmark reports to show where memory goes.
    #[must_use]
    pub fn heap_bytes(&self) -> Vec<(&'static str, usize)> {
        let nodes = self.nodes.capacity() * size_of::<Node>();
        let texts = self.files.iter().map(|file| file.text.len()).sum::<usize>();
        let edges = self.edges.capacity() * size_of::<Edge>();
        let adjacency =
            (self.out.capacity() + self.into.starts.capacity() + self.into.edges.capacity())
                * size_of::<u32>();
        let lookups = self.untyped_methods.capacity() * (2 * size_of::<u32>() + 1);
        let paths = self
            .files
            .iter()
            .map(|file| file.path.capacity())
            .sum::<usize>();
        let facts = self.files.capacity() * size_of::<FileEntry>()
            + self
                .files
                .iter()
                .map(|file| {
                    file.links.len()
                        + file.classes.len() * size_of::<KeptClass>()
                        + file
                            .classes
                            .iter()
                            .map(|class| {
                                class.name.len()
                                    + class.bases.len() * size_of::<Box<str>>()
                                    + class.bases.iter().map(|base| base.len()).sum::<usize>()
                            })
                            .sum::<usize>()
                        + file.barrel_keys.iter().map(String::capacity).sum::<usize>()
                })
                .sum::<usize>()
            + self
                .barrels
                .iter()
                .map(|(key, files)| key.capacity() + files.capacity() * size_of::<u32>())
                .sum::<usize>();
        let outcomes = self
            .files
            .iter()
            .map(|file| {
                let outcome = &file.outcome;
                (outcome.names.len() + outcome.context.len() + outcome.registered.len())
                    * size_of::<u32>()
                    + outcome.untyped.len() * size_of::<u32>()
            })
            .sum::<usize>();
        vec![
            ("nodes", nodes),
            ("names", texts),
            ("edges", edges),
            ("adjacency", adjacency),
            ("lookups", lookups),
            ("paths", paths),
            ("file facts", facts),
            ("update bookkeeping", outcomes),
        ]
    }
}
