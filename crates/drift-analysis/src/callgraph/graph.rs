//! Building the graph: every call resolved to the function it reaches by the first of six
//! strategies that finds one (spec `call-graph.md` §3), entry points marked (§4).

use drift_core::Language;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use super::facts::{CallFact, FileFacts, MODULE_NODE, ReferenceFact};
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts about a function that the queries filter on"
)]
pub struct Node {
    /// The stable id: `path::QualifiedName`.
    pub id: String,
    /// The declared name.
    pub name: String,
    /// With its enclosing types.
    pub qualified_name: String,
    /// Relative path of its file.
    pub file: String,
    /// Its file's language.
    pub language: Language,
    /// First line (0-based).
    pub line: u32,
    /// Last line (0-based).
    pub end_line: u32,
    /// Importable from other modules.
    pub exported: bool,
    /// A file's top-level code rather than a function.
    pub is_module: bool,
    /// A test or test helper.
    pub is_test: bool,
    /// Decorator / annotation names.
    pub decorators: Vec<String>,
    /// A method redefining one of an ancestor's, or declared by an interface or trait: called
    /// through a type Drift does not see at the call.
    pub overrides: bool,
    /// The entry point kind, if the function is one.
    pub entry: Option<EntryKind>,
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
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Edge {
    /// Index of the calling node.
    pub caller: u32,
    /// Index of the called node.
    pub callee: u32,
    /// The strategy that resolved it.
    pub strategy: Strategy,
    /// The strategy's confidence (0-1).
    pub confidence: f32,
    /// 0-based line of the call.
    pub line: u32,
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
    /// Resolved calls per strategy.
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
#[derive(Debug, Default)]
pub struct CallGraph {
    /// Every function and module node, file by file.
    pub nodes: Vec<Node>,
    /// Every distinct edge.
    pub edges: Vec<Edge>,
    /// Edge indices by caller and by callee.
    out: Vec<Vec<u32>>,
    into: Vec<Vec<u32>>,
    by_id: FxHashMap<String, u32>,
    /// Names of methods called on receivers Drift could not type: a method of that name may
    /// be what they reach, so it is not reported dead.
    pub(super) unresolved_methods: FxHashSet<String>,
    /// What the build found.
    pub stats: GraphStats,
}

/// Fuzzy resolution gives up on names with more definitions than this.
const FUZZY_SCAN_LIMIT: usize = 256;

fn index(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Lookups the strategies share, over every file's facts.
struct Indexes<'f> {
    files: &'f [FileFacts],
    /// First node index of each file (its module node).
    first: Vec<usize>,
    by_name: FxHashMap<&'f str, Vec<u32>>,
    /// Functions by `(file, name)`: the same-file lookup, which a project-wide list of a
    /// common name (`constructor`, `__init__`) would make slow.
    by_file_name: FxHashMap<(usize, &'f str), Vec<u32>>,
    /// Exported free functions by name (strategy 5 reads only these).
    exported: FxHashMap<&'f str, Vec<u32>>,
    /// Methods by `(owner's last segment, name)`.
    by_owner: FxHashMap<(&'f str, &'f str), Vec<u32>>,
    /// Class simple name -> its bases (every class of that name).
    bases: FxHashMap<&'f str, Vec<&'f str>>,
    /// Files by module key (path without extension; a package's `index` / `__init__` also by
    /// its directory).
    modules: FxHashMap<String, Vec<usize>>,
    /// Whether the project uses a dependency-injection framework.
    di: bool,
}

impl CallGraph {
    /// Builds the graph of `files`.
    #[must_use]
    #[expect(
        clippy::too_many_lines,
        reason = "the build's passes in order: nodes, calls, callbacks, indexes, entries"
    )]
    pub fn build(files: &[FileFacts]) -> Self {
        let mut graph = Self::default();
        let mut first = Vec::with_capacity(files.len());
        for file in files {
            first.push(graph.nodes.len());
            for function in &file.functions {
                let is_module = function.name == MODULE_NODE;
                let is_test = !is_module && rules::is_test(&file.path, function);
                graph.nodes.push(Node {
                    id: function.id.clone(),
                    name: function.name.clone(),
                    qualified_name: function.qualified_name.clone(),
                    file: file.path.clone(),
                    language: file.language,
                    line: function.line,
                    end_line: if is_module { 0 } else { function.end_line },
                    exported: function.exported,
                    is_module,
                    is_test,
                    decorators: function.decorators.clone(),
                    overrides: false,
                    entry: None,
                });
            }
        }
        graph.by_id = graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| (node.id.clone(), index(i)))
            .collect();
        let indexes = Indexes::new(files, first);
        let mut by_strategy: FxHashMap<Strategy, u64> = FxHashMap::default();
        let mut by_language: FxHashMap<Language, (u64, u64)> = FxHashMap::default();
        let mut seen_edges: FxHashSet<(u32, u32, u32)> = FxHashSet::default();
        for (file_index, file) in files.iter().enumerate() {
            for call in &file.calls {
                let caller = index(indexes.first[file_index] + call.caller as usize);
                let resolved = indexes.resolve(file_index, caller, call);
                // An unresolved bare Ruby name is most likely a local variable, not a call.
                if resolved.is_none() && rules::maybe_variable(file.language, call) {
                    continue;
                }
                let counts = by_language.entry(file.language).or_default();
                counts.1 += 1;
                let Some((target, strategy)) = resolved else {
                    graph.stats.unresolved += 1;
                    if call.receiver.is_some() {
                        graph.unresolved_methods.insert(call.callee.clone());
                    }
                    continue;
                };
                counts.0 += 1;
                graph.stats.resolved += 1;
                *by_strategy.entry(strategy).or_default() += 1;
                if seen_edges.insert((caller, target, call.line)) {
                    graph.edges.push(Edge {
                        caller,
                        callee: target,
                        strategy,
                        confidence: rules::confidence(strategy),
                        line: call.line,
                    });
                }
            }
        }
        // Callbacks: a function passed as a value may be called by whatever it is passed to.
        let mut registered = FxHashSet::default();
        for (file_index, file) in files.iter().enumerate() {
            for reference in &file.references {
                let caller = index(indexes.first[file_index] + reference.caller as usize);
                let Some(target) = indexes.referenced(file_index, caller, reference) else {
                    continue;
                };
                if target == caller {
                    continue;
                }
                *by_strategy.entry(Strategy::Callback).or_default() += 1;
                if rules::registers_handler(file.language, reference) {
                    registered.insert(target);
                }
                if seen_edges.insert((caller, target, reference.line)) {
                    graph.edges.push(Edge {
                        caller,
                        callee: target,
                        strategy: Strategy::Callback,
                        confidence: rules::confidence(Strategy::Callback),
                        line: reference.line,
                    });
                }
            }
        }
        graph.out = vec![Vec::new(); graph.nodes.len()];
        graph.into = vec![Vec::new(); graph.nodes.len()];
        for (i, edge) in graph.edges.iter().enumerate() {
            graph.out[edge.caller as usize].push(index(i));
            graph.into[edge.callee as usize].push(index(i));
        }
        for (file_index, file) in files.iter().enumerate() {
            let base = indexes.first[file_index];
            for (offset, function) in file.functions.iter().enumerate() {
                let overrides = function.is_method
                    && function.owner.as_deref().is_some_and(|owner| {
                        let owner = rules::last_segment(owner);
                        file.classes
                            .iter()
                            .any(|class| class.is_interface && class.name == owner)
                            || indexes
                                .inherited(owner, &function.name, file_index)
                                .is_some()
                    });
                let node = &mut graph.nodes[base + offset];
                node.entry = rules::entry_kind(file, function, node.is_test);
                // Registered as a route or request handler (`app.get('/x', handler)`).
                if registered.contains(&index(base + offset))
                    && node.entry.is_none_or(|kind| kind == EntryKind::Exported)
                {
                    node.entry = Some(EntryKind::RouteHandler);
                }
                node.overrides = overrides;
            }
        }
        graph.count(by_strategy, by_language);
        graph
    }

    /// Fills the stats from the nodes, the edges and the counts taken while resolving.
    fn count(
        &mut self,
        by_strategy: FxHashMap<Strategy, u64>,
        by_language: FxHashMap<Language, (u64, u64)>,
    ) {
        self.stats.functions = self.nodes.iter().filter(|n| !n.is_module).count() as u64;
        self.stats.edges = self.edges.len() as u64;
        self.stats.entry_points = self
            .nodes
            .iter()
            .filter(|n| n.entry.is_some_and(|kind| kind != EntryKind::Module))
            .count() as u64;
        let mut strategies: Vec<(Strategy, u64)> = by_strategy.into_iter().collect();
        strategies.sort();
        self.stats.by_strategy = strategies;
        let mut languages: Vec<(Language, u64, u64)> = by_language
            .into_iter()
            .map(|(language, (resolved, total))| (language, resolved, total))
            .collect();
        languages.sort_by_key(|(language, _, _)| language.name());
        self.stats.by_language = languages;
    }

    /// The node with this id.
    #[must_use]
    pub fn node(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// Edges out of `node` (its calls).
    pub fn callees(&self, node: u32) -> impl Iterator<Item = &Edge> {
        self.out
            .get(node as usize)
            .into_iter()
            .flatten()
            .map(|&edge| &self.edges[edge as usize])
    }

    /// Edges into `node` (calls of it).
    pub fn callers(&self, node: u32) -> impl Iterator<Item = &Edge> {
        self.into
            .get(node as usize)
            .into_iter()
            .flatten()
            .map(|&edge| &self.edges[edge as usize])
    }
}

impl<'f> Indexes<'f> {
    fn new(files: &'f [FileFacts], first: Vec<usize>) -> Self {
        let mut by_name: FxHashMap<&'f str, Vec<u32>> = FxHashMap::default();
        let mut by_file_name: FxHashMap<(usize, &'f str), Vec<u32>> = FxHashMap::default();
        let mut exported: FxHashMap<&'f str, Vec<u32>> = FxHashMap::default();
        let mut by_owner: FxHashMap<(&'f str, &'f str), Vec<u32>> = FxHashMap::default();
        let mut bases: FxHashMap<&'f str, Vec<&'f str>> = FxHashMap::default();
        let mut modules: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut di = false;
        for (file_index, file) in files.iter().enumerate() {
            for (offset, function) in file.functions.iter().enumerate().skip(1) {
                let node = index(first[file_index] + offset);
                by_name
                    .entry(function.name.as_str())
                    .or_default()
                    .push(node);
                by_file_name
                    .entry((file_index, function.name.as_str()))
                    .or_default()
                    .push(node);
                if function.exported && !function.is_method {
                    exported
                        .entry(function.name.as_str())
                        .or_default()
                        .push(node);
                }
                if let Some(owner) = &function.owner {
                    let last = rules::last_segment(owner);
                    by_owner
                        .entry((last, function.name.as_str()))
                        .or_default()
                        .push(node);
                }
                di |= function.decorators.iter().any(|d| rules::is_di_marker(d));
            }
            for class in &file.classes {
                let entry = bases.entry(class.name.as_str()).or_default();
                entry.extend(class.bases.iter().map(String::as_str));
                di |= class.decorators.iter().any(|d| rules::is_di_marker(d));
            }
            di |= file.calls.iter().any(|call| call.callee == "Depends");
            for key in rules::module_keys(&file.path) {
                modules.entry(key).or_default().push(file_index);
            }
        }
        Self {
            files,
            first,
            by_name,
            by_file_name,
            exported,
            by_owner,
            bases,
            modules,
            di,
        }
    }

    fn file_of(&self, node: u32) -> usize {
        self.first.partition_point(|&start| start <= node as usize) - 1
    }

    fn fact(&self, node: u32) -> &'f super::facts::FunctionFact {
        let file = self.file_of(node);
        &self.files[file].functions[node as usize - self.first[file]]
    }

    fn same_family(&self, a: usize, b: usize) -> bool {
        rules::family(self.files[a].language) == rules::family(self.files[b].language)
    }

    /// Resolves one call; `None` when no strategy finds a target.
    fn resolve(&self, file: usize, caller: u32, call: &CallFact) -> Option<(u32, Strategy)> {
        let receiver = call.receiver.as_deref().map(rules::receiver_key);
        let self_call = receiver.is_some_and(rules::is_self);
        // `super` / `parent` / `base` skip the class itself: only its ancestors answer.
        let parent_call = receiver.is_some_and(|r| matches!(r, "super" | "parent" | "base"));
        let caller_fact = self.fact(caller);
        let candidates = self.by_name.get(call.callee.as_str());

        // 1. Same file: a plain call, or `this.`/`self.` on a method of the caller's class.
        if receiver.is_none() || self_call {
            let local: &[u32] = self
                .by_file_name
                .get(&(file, call.callee.as_str()))
                .map_or(&[], Vec::as_slice);
            let pick = if parent_call {
                None
            } else if self_call {
                local
                    .iter()
                    .copied()
                    .find(|&n| self.fact(n).owner == caller_fact.owner)
            } else {
                local
                    .iter()
                    .copied()
                    .find(|&n| !self.fact(n).is_method)
                    .or_else(|| {
                        local.iter().copied().find(|&n| {
                            self.fact(n).owner == caller_fact.owner && caller_fact.owner.is_some()
                        })
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
                && let Some(owner) = caller_fact.owner.as_deref()
                && let Some(target) = self.constructor(rules::last_segment(owner), Some(file))
            {
                return Some((target, Strategy::SameFile));
            }
        }

        // 2. Method calls: inherited through `self` (or implicitly, a bare call in a method), on
        // a class name, or on a module alias.
        if receiver.is_none()
            && caller_fact.is_method
            && let Some(owner) = caller_fact.owner.as_deref()
            && let Some(target) = self.inherited(rules::last_segment(owner), &call.callee, file)
        {
            return Some((target, Strategy::MethodCall));
        }
        if self_call {
            if let Some(owner) = caller_fact.owner.as_deref()
                && let Some(target) = self.inherited(rules::last_segment(owner), &call.callee, file)
            {
                return Some((target, Strategy::MethodCall));
            }
        } else if let Some(receiver) = receiver
            && let Some(found) = self.on_receiver(file, caller_fact, receiver, call)
        {
            return Some(found);
        }

        if receiver.is_none() {
            // 4. Imports: a name this file imports, in the module it comes from.
            if let Some(target) = self.imported(file, &call.callee) {
                return Some((target, Strategy::ImportBased));
            }
            if let Some(target) = self.constructor(&call.callee, None) {
                return Some((target, Strategy::ImportBased));
            }
            // 5. Exports: one exported function of that name in the language family.
            let exported: Vec<u32> = self
                .exported
                .get(call.callee.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|&n| self.same_family(file, self.file_of(n)))
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
        if self_call
            || rules::is_blocklisted(&call.callee)
            || candidates.is_some_and(|found| found.len() > FUZZY_SCAN_LIMIT)
        {
            return None;
        }
        // Never the caller itself: `foo` calling another object's `foo` is delegation.
        let mut fuzzy = candidates.into_iter().flatten().copied().filter(|&n| {
            if n == caller {
                return false;
            }
            let fact = self.fact(n);
            self.same_family(file, self.file_of(n)) && (receiver.is_none() || fact.is_method)
        });
        let first = fuzzy.next()?;
        fuzzy.next().is_none().then_some((first, Strategy::Fuzzy))
    }

    /// The function a reference passed to a call names, looked up as a call of it would be
    /// by the first four strategies (never by name alone: most names passed are variables):
    /// a function of the caller's file, of its class or an ancestor (`self.on_done`), of a
    /// class or an imported module (`Foo::bar`, `views.index`), an imported one, or one of the
    /// same Go package.
    fn referenced(&self, file: usize, caller: u32, reference: &ReferenceFact) -> Option<u32> {
        let caller_fact = self.fact(caller);
        let name = reference.name.as_str();
        let receiver = reference.receiver.as_deref().map(rules::receiver_key);
        match receiver {
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
                let local: &[u32] = self
                    .by_file_name
                    .get(&(file, name))
                    .map_or(&[], Vec::as_slice);
                // A function of the file, or a method of the caller's class (a C# method group,
                // a Scala-like bare method name).
                if let Some(found) = local.iter().copied().find(|&n| {
                    let fact = self.fact(n);
                    !fact.is_method || (fact.owner.is_some() && fact.owner == caller_fact.owner)
                }) {
                    return Some(found);
                }
                if let Some(found) = self.imported(file, name) {
                    return Some(found);
                }
                let facts = &self.files[file];
                if facts.language == Language::Go {
                    let dir = facts.path.rsplit_once('/').map_or("", |(dir, _)| dir);
                    if let Some(package) = self.modules.get(&format!("go:{dir}")) {
                        return self.top_level_in(package, name, 0);
                    }
                }
                None
            }
            Some(receiver) if rules::is_self(receiver) => {
                let local = self.by_file_name.get(&(file, name)).into_iter().flatten();
                // A class body (Ruby's `before_action :load`) is the file's top-level code here:
                // a method of that name in the file.
                let Some(owner) = caller_fact.owner.as_deref() else {
                    return local.copied().find(|&n| self.fact(n).is_method);
                };
                self.by_file_name
                    .get(&(file, name))
                    .into_iter()
                    .flatten()
                    .copied()
                    .find(|&n| self.fact(n).owner.as_deref() == Some(owner))
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
        caller_fact: &super::facts::FunctionFact,
        receiver: &str,
        call: &CallFact,
    ) -> Option<(u32, Strategy)> {
        // `Class.new` (Ruby, Rust's `Type::new` is a method like any other) builds a `Class`.
        if call.callee == "new"
            && self.files[file].language == Language::Ruby
            && let Some(target) = self.constructor(receiver, None)
        {
            return Some((target, Strategy::MethodCall));
        }
        // `Foo.new.run`, `new Foo().run()`, `Foo().run()`: a method of the class just built.
        if let Some(class) = call.receiver.as_deref().and_then(rules::constructed_type)
            && let Some(target) = self
                .unique_method(class, &call.callee, file)
                .or_else(|| self.inherited(class, &call.callee, file))
        {
            return Some((target, Strategy::MethodCall));
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
            return Some((target, Strategy::MethodCall));
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
            return Some((target, Strategy::MethodCall));
        }
        if let Some(target) = self.in_imported_module(file, receiver, &call.callee) {
            return Some((target, Strategy::MethodCall));
        }
        // Rust paths: `util::format_count()` names a function of the module `util`.
        if self.files[file].language == Language::Rust
            && let Some(path) = call.receiver.as_deref()
            && !path.contains(['.', '(', '<'])
            && let Some(target) = self.top_level_in(&self.module_files(file, path), &call.callee, 0)
        {
            return Some((target, Strategy::MethodCall));
        }
        // 3. Dependency injection: `this.userService.create()` -> `UserService.create`.
        // Constructor injection is how C#, JVM and PHP (Laravel, Symfony) code is wired even
        // without markers.
        if (self.di || matches!(rules::family(self.files[file].language), 1 | 3 | 7))
            && let Some(class) = rules::injected_type(receiver)
            && let Some(target) = self.unique_method(&class, &call.callee, file)
        {
            return Some((target, Strategy::DiInjection));
        }
        None
    }

    /// `Class.method` for a receiver naming a class, unique in the caller's language family
    /// (the caller's file first).
    fn unique_method(&self, class: &str, method: &str, file: usize) -> Option<u32> {
        let found = self.by_owner.get(&(class, method))?;
        let family: Vec<u32> = found
            .iter()
            .copied()
            .filter(|&n| self.same_family(file, self.file_of(n)))
            .collect();
        family
            .iter()
            .copied()
            .find(|&n| self.file_of(n) == file)
            .or_else(|| (family.len() == 1).then(|| family[0]))
    }

    /// `method` on `class` or, walking its bases breadth first, on an ancestor.
    fn inherited(&self, class: &str, method: &str, file: usize) -> Option<u32> {
        let mut queue = vec![class];
        let mut seen = FxHashSet::default();
        while let Some(current) = queue.first().copied() {
            queue.remove(0);
            if !seen.insert(current) || seen.len() > 64 {
                continue;
            }
            if current != class
                && let Some(target) = self.unique_method(current, method, file)
            {
                return Some(target);
            }
            if let Some(bases) = self.bases.get(current) {
                queue.extend(bases.iter().copied());
            }
        }
        None
    }

    /// The constructor of class `name` (in `file` when given).
    fn constructor(&self, name: &str, file: Option<usize>) -> Option<u32> {
        if !name.starts_with(char::is_uppercase) {
            return None;
        }
        for method in ["constructor", "__init__", "new", "initialize", "init", name] {
            if let Some(found) = self.by_owner.get(&(name, method)) {
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
            let facts = &self.files[target];
            if let Some(offset) = facts
                .functions
                .iter()
                .position(|f| f.name == name && !f.is_method)
            {
                return Some(index(self.first[target] + offset));
            }
            if depth < 5 {
                // Python packages re-export what their `__init__.py` imports.
                if facts.language == Language::Python {
                    for import in &facts.imports {
                        if import.names.iter().any(|n| n == name) {
                            let next = self.module_files(target, &import.source);
                            if let Some(found) = self.top_level_in(&next, name, depth + 1) {
                                return Some(found);
                            }
                        }
                    }
                }
                for export in &facts.exports {
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
        for import in &self.files[file].imports {
            if import
                .names
                .iter()
                .any(|imported| rules::last_segment(imported) == name)
            {
                let files = self.module_files(file, &import.source);
                if let Some(found) = self.top_level_in(&files, name, 0) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// `alias.name()` where `alias` names an imported module (`import * as alias`,
    /// `import pkg.mod as alias`, `from pkg import mod`).
    fn in_imported_module(&self, file: usize, alias: &str, name: &str) -> Option<u32> {
        for import in &self.files[file].imports {
            let source_last = rules::last_segment(&import.source);
            let matches_alias = import.alias.as_deref() == Some(alias)
                || (import.alias.is_none() && import.names.is_empty() && source_last == alias);
            let files = if matches_alias {
                self.module_files(file, &import.source)
            } else if import.names.iter().any(|n| n == alias) {
                // `from pkg import mod`: the module `pkg/mod`.
                let joined = if import.source.ends_with('.') {
                    format!("{}{alias}", import.source)
                } else {
                    format!("{}.{alias}", import.source)
                };
                self.module_files(file, &joined)
            } else {
                continue;
            };
            if let Some(found) = self.top_level_in(&files, name, 0) {
                return Some(found);
            }
        }
        None
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
        let functions = || {
            self.nodes
                .iter()
                .enumerate()
                .filter(|(_, node)| !node.is_module)
        };
        let mut found: Vec<u32> = match split_file(name) {
            Some((file, qualified)) => functions()
                .filter(|(_, node)| node.file == file && node.qualified_name == qualified)
                .map(|(i, _)| index(i))
                .collect(),
            None => Vec::new(),
        };
        if found.is_empty() {
            found = functions()
                .filter(|(_, node)| node.qualified_name == name)
                .map(|(i, _)| index(i))
                .collect();
        }
        if found.is_empty() {
            found = functions()
                .filter(|(_, node)| node.name == name)
                .map(|(i, _)| index(i))
                .collect();
        }
        match found.as_slice() {
            [] => Err(GraphError::FunctionNotFound {
                name: name.to_owned(),
            }),
            [one] => Ok(*one),
            many => Err(GraphError::Ambiguous {
                name: name.to_owned(),
                candidates: many
                    .iter()
                    .take(20)
                    .map(|&node| self.nodes[node as usize].id.clone())
                    .collect(),
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
