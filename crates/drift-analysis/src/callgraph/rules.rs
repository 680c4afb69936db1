//! The tables the call graph's strategies read: language families, self receivers, the fuzzy
//! blocklist, entry-point and dependency-injection markers, test conventions and how module
//! specifiers map to files. Data, kept apart from the resolution engine in `graph.rs`.

use drift_core::Language;
use drift_core::types::parse::Visibility;

use super::facts::{FileFacts, FunctionFact, MODULE_NODE, ReferenceFact};
use super::graph::{EntryKind, Strategy};

/// Default confidence of an edge found by `strategy` (spec §3).
#[must_use]
pub fn confidence(strategy: Strategy) -> f32 {
    match strategy {
        Strategy::SameFile => 0.95,
        Strategy::MethodCall => 0.90,
        Strategy::DiInjection => 0.80,
        Strategy::ImportBased => 0.75,
        Strategy::ExportBased => 0.60,
        Strategy::Fuzzy => 0.40,
        Strategy::Callback => 0.50,
    }
}

/// Whether passing a function to this call registers it as a route or request handler
/// (`app.get('/x', handler)`, `router.post`, `http.HandleFunc`, `r.GET`, Django's
/// `path('x/', views.index)`, Flask's `add_url_rule`): such a function is an entry point.
#[must_use]
pub fn registers_handler(language: Language, reference: &ReferenceFact) -> bool {
    let name = reference.passed_to.as_str();
    let with_receiver = matches!(
        name,
        "get"
            | "post"
            | "put"
            | "patch"
            | "delete"
            | "del"
            | "head"
            | "options"
            | "all"
            | "use"
            | "route"
            | "GET"
            | "POST"
            | "PUT"
            | "PATCH"
            | "DELETE"
            | "HEAD"
            | "OPTIONS"
            | "Any"
            | "Handle"
            | "HandleFunc"
            | "HandlerFunc"
            | "Get"
            | "Post"
            | "Put"
            | "Patch"
            | "Delete"
            | "add_url_rule"
            | "add_route"
            | "add_api_route"
            | "add_api_websocket_route"
            | "on"
            | "subscribe"
            | "register"
    );
    let bare = match language {
        Language::Python => matches!(name, "path" | "re_path" | "url"),
        Language::Go => matches!(name, "HandleFunc" | "Handle"),
        _ => false,
    };
    (with_receiver && reference.call_has_receiver) || bare
}

/// Languages whose code calls each other's functions directly.
#[must_use]
pub fn family(language: Language) -> u8 {
    match language {
        Language::TypeScript | Language::JavaScript => 0,
        Language::Java | Language::Kotlin => 1,
        Language::Python => 2,
        Language::CSharp => 3,
        Language::Go => 4,
        Language::Rust => 5,
        Language::Ruby => 6,
        Language::Php => 7,
    }
}

/// The last identifier of a dotted, `::` or `\` path.
#[must_use]
pub fn last_segment(text: &str) -> &str {
    last_part(text, |byte| matches!(byte, b'.' | b':' | b'\\' | b'/'))
}

/// The last non-empty part of `text` cut at the ASCII bytes `separator` picks; `text` when it
/// has none. Byte by byte from the end, every cut a char boundary: these run for every call
/// and every import, and `str::rsplit` with a set of chars decodes each char, which costs most
/// in wasm.
fn last_part(text: &str, separator: impl Fn(u8) -> bool) -> &str {
    let bytes = text.as_bytes();
    let Some(end) = bytes.iter().rposition(|&byte| !separator(byte)) else {
        return text;
    };
    let start = bytes[..end]
        .iter()
        .rposition(|&byte| separator(byte))
        .map_or(0, |at| at + 1);
    &text[start..=end]
}

/// `text` without surrounding white space; without a pass over chars when it starts and ends
/// with a printable ASCII byte (the common case for names and receivers).
fn trimmed(text: &str) -> &str {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// `text` without the ASCII bytes of `set` at its start.
fn trim_start_bytes<'t>(text: &'t str, set: &[u8]) -> &'t str {
    let cut = text
        .as_bytes()
        .iter()
        .position(|byte| !set.contains(byte))
        .unwrap_or(text.len());
    &text[cut..]
}

/// `text` without the ASCII bytes of `set` at its end.
fn trim_end_bytes<'t>(text: &'t str, set: &[u8]) -> &'t str {
    let keep = text
        .as_bytes()
        .iter()
        .rposition(|byte| !set.contains(byte))
        .map_or(0, |at| at + 1);
    &text[..keep]
}

/// `text` without every leading repetition of `prefix`.
fn strip_prefixes<'t>(mut text: &'t str, prefix: &str) -> &'t str {
    while let Some(rest) = text.strip_prefix(prefix) {
        text = rest;
    }
    text
}

/// What a receiver expression names for lookup: its last member (`this.users.repo` -> `repo`),
/// without call parentheses, `?`/`!` and sigils.
#[must_use]
pub fn receiver_key(receiver: &str) -> &str {
    let trimmed = trim_end_bytes(trimmed(receiver), b"?!");
    // `super()` / `super(Class, self)` (Python) is the parent class.
    if trimmed.starts_with("super(") {
        return "super";
    }
    if matches!(
        trimmed,
        "this" | "self" | "cls" | "super" | "$this" | "static" | "parent" | "Self" | "base"
    ) {
        return trimmed;
    }
    let last = last_part(trimmed, |byte| matches!(byte, b'.' | b':' | b'>'));
    let last = trim_end_bytes(trim_start_bytes(last, b"$@&*"), b"?!-");
    // `foo()` as a receiver (a call's result) names nothing to look up by.
    if last.ends_with(')') { "" } else { last }
}

/// The class a receiver expression builds on the spot: `Foo.new` and `Foo.new(x)` (Ruby),
/// `new Foo(x)` (JavaScript, Java, C#, PHP), `Foo(x)` (Python, Kotlin), `Foo::new(x)` (Rust),
/// `&Foo{...}` (Go); `None` for anything else.
#[must_use]
pub fn constructed_type(receiver: &str) -> Option<&str> {
    let text = trim_start_bytes(trimmed(receiver), b"(&");
    let opens = text.bytes().position(|byte| matches!(byte, b'(' | b'{'));
    let (head, called) = match opens {
        Some(at) if text.ends_with([')', '}']) => (&text[..at], true),
        _ => (text, false),
    };
    let head = trimmed(head);
    let class = if let Some(rest) = head.strip_prefix("new ") {
        rest.trim()
    } else if let Some(class) = head
        .strip_suffix(".new")
        .or_else(|| head.strip_suffix("::new"))
    {
        class
    } else if called {
        head
    } else {
        return None;
    };
    let class = class.split('<').next().unwrap_or(class);
    let class = last_segment(class).trim_start_matches('\\');
    (class.starts_with(char::is_uppercase)
        && class.chars().all(|c| c.is_alphanumeric() || c == '_'))
    .then_some(class)
}

/// Receivers meaning the enclosing class or its parent.
#[must_use]
pub fn is_self(receiver: &str) -> bool {
    matches!(
        receiver,
        "this" | "self" | "cls" | "super" | "$this" | "static" | "parent" | "Self" | "base"
    )
}

/// `userService`, `_userService`, `user_service`, `usersRepo` -> the type they are injected as
/// (`UserService`, ...), for dependency-injected fields.
#[must_use]
pub fn injected_type(receiver: &str) -> Option<String> {
    let name = receiver.trim_start_matches('_');
    if name.is_empty() || !name.starts_with(char::is_lowercase) {
        return None;
    }
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Whether `call` may be a variable read rather than a call: Ruby's bare names, which the
/// parser records as calls on `self` without arguments.
#[must_use]
pub fn maybe_variable(language: Language, call: &super::facts::CallFact) -> bool {
    language == Language::Ruby && call.receiver.as_deref() == Some("self") && call.arg_count == 0
}

/// Decorators and annotations that say a dependency-injection container builds the class.
#[must_use]
pub fn is_di_marker(decorator: &str) -> bool {
    let name = last_segment(decorator.split('(').next().unwrap_or(decorator));
    matches!(
        name,
        "Injectable"
            | "Inject"
            | "Autowired"
            | "Component"
            | "Service"
            | "Repository"
            | "Controller"
            | "RestController"
            | "Bean"
            | "FromServices"
            | "Module"
    )
}

/// Names too common to resolve by name alone (spec §3, strategy 6).
const BLOCKLIST: &[&str] = &[
    "get",
    "set",
    "run",
    "init",
    "start",
    "stop",
    "map",
    "filter",
    "reduce",
    "forEach",
    "render",
    "handle",
    "process",
    "execute",
    "emit",
    "then",
    "catch",
    "finally",
    "log",
    "parse",
    "format",
    "save",
    "load",
    "validate",
    "update",
    "create",
    "delete",
    "remove",
    "add",
    "push",
    "pop",
    "find",
    "call",
    "apply",
    "bind",
    "close",
    "open",
    "read",
    "write",
    "send",
    "on",
    "off",
    "new",
    "next",
    "done",
    "resolve",
    "reject",
    "toString",
    "equals",
    "hashCode",
    "keys",
    "values",
    "items",
    "len",
    "print",
    "println",
    "printf",
    "append",
    "join",
    "split",
    "replace",
    "trim",
    "length",
    "size",
    "clear",
    "has",
    "contains",
    "includes",
    "test",
    "main",
    "setup",
    "build",
    "init",
    "__init__",
    "__str__",
    "__repr__",
    "to_s",
    "to_string",
    "clone",
    "unwrap",
    "expect",
    "into",
    "from",
    "default",
    "Error",
    "String",
    "Ok",
    "Err",
    "Some",
    "assert",
    "describe",
    "it",
    "require",
    "import",
    "super",
    "sort",
    "reverse",
    "fetch",
    "request",
    "response",
    "json",
    "query",
    "exec",
    "dispatch",
    "subscribe",
    "listen",
    "connect",
    "use",
    "wrap",
    "error",
    "warn",
    "info",
    "debug",
    "write_all",
    "flush",
    "iter",
    "collect",
    "min",
    "max",
    "count",
    "first",
    "last",
    "each",
    "select",
    "where",
    "order",
    "group",
    "merge",
    "extend",
    "copy",
    "match",
];

/// Whether fuzzy resolution must leave `name` alone.
#[must_use]
pub fn is_blocklisted(name: &str) -> bool {
    // Asked for every call: one hash lookup, not a walk over the list.
    static BLOCKED: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| BLOCKLIST.iter().copied().collect());
    name.len() <= 2 || BLOCKED.contains(name)
}

/// Whether the file at `path` holds tests by the usual conventions (its name, a `test`
/// directory).
#[must_use]
pub fn is_test_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.contains(".test.")
        || file.contains(".spec.")
        || file.ends_with("_test.go")
        || file.ends_with("_test.py")
        || file.starts_with("test_")
        || file.ends_with("Test.java")
        || file.ends_with("Tests.cs")
        || file.ends_with("Test.kt")
        || file.ends_with("_spec.rb")
        || path
            .split('/')
            .any(|dir| matches!(dir, "test" | "tests" | "__tests__" | "spec"))
}

/// Whether `function` is a test or test helper by the usual conventions (`test` names in a
/// test file, see [`is_test_file`], or test decorators anywhere).
#[must_use]
pub fn is_test(in_test_file: bool, function: &FunctionFact) -> bool {
    let test_name = function.name.starts_with("test")
        || function.name.starts_with("Test")
        || function.name.starts_with("Benchmark");
    let test_decorator = function.decorators.iter().any(|d| {
        let name = last_segment(d.split('(').next().unwrap_or(d));
        matches!(
            name,
            "Test" | "test" | "Fact" | "Theory" | "TestMethod" | "ParameterizedTest" | "fixture"
        )
    });
    test_decorator || (in_test_file && (test_name || !function.is_method))
}

/// Decorator names that declare a route, an RPC or event handler, or a scheduled job.
fn is_route_decorator(name: &str) -> bool {
    let name = last_segment(name.split('(').next().unwrap_or(name)).to_ascii_lowercase();
    matches!(
        name.as_str(),
        "get"
            | "post"
            | "put"
            | "delete"
            | "patch"
            | "head"
            | "options"
            | "route"
            | "api_view"
            | "getmapping"
            | "postmapping"
            | "putmapping"
            | "deletemapping"
            | "patchmapping"
            | "requestmapping"
            | "httpget"
            | "httppost"
            | "httpput"
            | "httpdelete"
            | "httppatch"
            | "scheduled"
            | "eventlistener"
            | "kafkalistener"
            | "subscribe"
            | "cron"
            | "query"
            | "mutation"
            | "resolvefield"
            | "messagepattern"
            | "eventpattern"
            | "websocket"
            | "task"
            | "shared_task"
            | "receiver"
            | "command"
    ) || name.ends_with("mapping")
}

fn is_controller_decorator(name: &str) -> bool {
    let name = last_segment(name.split('(').next().unwrap_or(name)).to_ascii_lowercase();
    name.contains("controller") || name == "resolver" || name == "apicontroller"
}

/// The entry-point kind of `function` in `file`, if it is one.
#[must_use]
pub fn entry_kind(file: &FileFacts, function: &FunctionFact, is_test: bool) -> Option<EntryKind> {
    if function.name == MODULE_NODE {
        return Some(EntryKind::Module);
    }
    if function.decorators.iter().any(|d| is_route_decorator(d)) {
        return Some(EntryKind::RouteHandler);
    }
    if function.is_method
        && let Some(owner) = &function.owner
    {
        let owner = last_segment(owner);
        // Declared as a controller, or named like one (Rails, Laravel, plain Spring MVC): its
        // public methods are actions the framework routes to.
        let hidden = matches!(
            function.visibility,
            Some(Visibility::Private | Visibility::Protected)
        );
        let controller = file.classes.iter().any(|class| {
            class.name == owner
                && (class.decorators.iter().any(|d| is_controller_decorator(d))
                    || (class.name.ends_with("Controller") && !hidden))
        });
        if controller {
            return Some(EntryKind::ControllerMethod);
        }
    }
    if function.name == "main" || function.name == "Main" {
        return Some(EntryKind::MainFunction);
    }
    if is_test {
        return Some(EntryKind::Test);
    }
    function.exported.then_some(EntryKind::Exported)
}

/// Keys under which the file at `path` can be imported: its path without extension, and for
/// `index.*` / `__init__.py` / `mod.rs` also its directory; plus Go's package directory.
#[must_use]
pub fn module_keys(path: &str) -> Vec<String> {
    let mut keys = Vec::with_capacity(3);
    let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    keys.push(stem.to_owned());
    let (dir, name) = stem.rsplit_once('/').unwrap_or(("", stem));
    if matches!(name, "index" | "__init__" | "mod" | "lib") {
        keys.push(dir.to_owned());
    }
    if std::path::Path::new(path)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("go"))
    {
        keys.push(format!("go:{dir}"));
    }
    keys
}

/// Module keys a specifier written in the file at `from` may name, most likely first.
#[must_use]
pub fn module_candidates(from: &str, source: &str, language: Language) -> Vec<String> {
    let dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
    let mut out = Vec::new();
    match language {
        Language::TypeScript | Language::JavaScript | Language::Php | Language::Ruby => {
            let source = strip_prefixes(source, "node:");
            if source.starts_with('.') {
                let joined = normalize(&format!("{dir}/{source}"));
                out.push(strip_extension(&joined).to_owned());
            } else {
                // Bare specifiers (packages, path aliases like `@/x` or `src/x`): try them as
                // paths from the root and from `src/`.
                let bare = strip_prefixes(strip_prefixes(source, "@/"), "~/");
                out.push(strip_extension(bare).to_owned());
                out.push(format!("src/{}", strip_extension(bare)));
            }
        }
        Language::Python => {
            let dots = source.chars().take_while(|c| *c == '.').count();
            let rest = source[dots..].replace('.', "/");
            if dots > 0 {
                let mut base = dir.to_owned();
                for _ in 1..dots {
                    base = base
                        .rsplit_once('/')
                        .map_or(String::new(), |(up, _)| up.to_owned());
                }
                out.push(normalize(&format!("{base}/{rest}")));
            } else {
                out.push(rest.clone());
                out.push(format!("src/{rest}"));
                // A project nested in the repository: match by suffix from the file's dirs.
                let mut prefix = dir;
                while let Some((up, _)) = prefix.rsplit_once('/') {
                    out.push(format!("{up}/{rest}"));
                    prefix = up;
                }
                if !dir.is_empty() {
                    out.push(format!("{dir}/{rest}"));
                }
            }
        }
        Language::Go => {
            // `example.com/mod/internal/pkg`: any directory ending in a suffix of the path.
            let parts: Vec<&str> = source.split('/').collect();
            for start in 0..parts.len() {
                out.push(format!("go:{}", parts[start..].join("/")));
            }
        }
        Language::Rust => {
            let path = strip_prefixes(
                strip_prefixes(strip_prefixes(source, "crate::"), "self::"),
                "super::",
            )
            .replace("::", "/");
            out.push(format!("{dir}/{path}"));
            out.push(format!("src/{path}"));
        }
        Language::Java | Language::Kotlin | Language::CSharp => {
            let path = source.trim_end_matches(".*").replace('.', "/");
            out.push(path.clone());
            for root in ["src/main/java", "src/main/kotlin", "src"] {
                out.push(format!("{root}/{path}"));
            }
        }
    }
    out.into_iter()
        .map(|key| key.trim_start_matches('/').to_owned())
        .collect()
}

fn strip_extension(path: &str) -> &str {
    for ext in [
        ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".php", ".rb",
    ] {
        if let Some(stem) = path.strip_suffix(ext) {
            return stem;
        }
    }
    path
}

/// `a/./b/../c` -> `a/c`.
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_segments_of_paths_of_every_kind() {
        for (text, last) in [
            ("UserService.create", "create"),
            ("App\\Http\\Controller", "Controller"),
            ("crate::db::Pool", "Pool"),
            ("github.com/acme/store", "store"),
            ("./users/", "users"),
            ("plain", "plain"),
            ("a.b.", "b"),
            ("::", "::"),
            ("", ""),
            ("módulo.función", "función"),
            ("名前::関数", "関数"),
        ] {
            assert_eq!(last_segment(text), last, "{text}");
        }
    }

    #[test]
    fn receivers_name_their_last_member() {
        assert_eq!(receiver_key("this.userService"), "userService");
        assert_eq!(receiver_key("self"), "self");
        assert_eq!(receiver_key("$this->repo"), "repo");
        assert_eq!(receiver_key("a.b().c"), "c");
        assert_eq!(receiver_key("make()"), "");
        assert_eq!(receiver_key("super()"), "super");
        assert_eq!(receiver_key("super(Jar, self)"), "super");
        // Sigils, optional chaining and white space (Unicode too) around the receiver.
        assert_eq!(receiver_key("  this.repo?  "), "repo");
        assert_eq!(receiver_key("@client!"), "client");
        assert_eq!(receiver_key("\u{a0}módulo.función\u{2003}"), "función");
        assert_eq!(receiver_key("a::b"), "b");
        assert_eq!(receiver_key("..."), "...");
        assert_eq!(receiver_key(""), "");
        assert_eq!(
            injected_type("_user_service").as_deref(),
            Some("UserService")
        );
        assert_eq!(injected_type("Users"), None);
    }

    #[test]
    fn receivers_built_on_the_spot_name_their_class() {
        assert_eq!(constructed_type("Exporter.new"), Some("Exporter"));
        assert_eq!(
            constructed_type("Reports::Exporter.new(io)"),
            Some("Exporter")
        );
        assert_eq!(constructed_type("new Mailer(config)"), Some("Mailer"));
        assert_eq!(constructed_type("new Map<String, Long>()"), Some("Map"));
        assert_eq!(constructed_type("ReportService()"), Some("ReportService"));
        assert_eq!(constructed_type("Store::new()"), Some("Store"));
        assert_eq!(constructed_type("&Server{port: 80}"), Some("Server"));
        assert_eq!(constructed_type("new \\App\\Printer()"), Some("Printer"));
        assert_eq!(constructed_type("make_service()"), None);
        assert_eq!(constructed_type("this.service"), None);
        assert_eq!(constructed_type("Exporter"), None);
        assert_eq!(constructed_type(" (new Mailer()) "), Some("Mailer"));
        assert_eq!(constructed_type("\u{a0}Ünïcode()"), Some("Ünïcode"));
    }

    #[test]
    fn module_specifiers_map_to_files() {
        assert_eq!(
            module_keys("src/users/index.ts"),
            ["src/users/index", "src/users"]
        );
        assert_eq!(
            module_candidates("src/app.ts", "./users/service.js", Language::TypeScript)[0],
            "src/users/service"
        );
        assert_eq!(
            module_candidates("pkg/api/views.py", "..models", Language::Python)[0],
            "pkg/models"
        );
        assert!(
            module_candidates(
                "cmd/main.go",
                "example.com/tool/internal/store",
                Language::Go
            )
            .contains(&"go:internal/store".to_owned())
        );
    }
}
