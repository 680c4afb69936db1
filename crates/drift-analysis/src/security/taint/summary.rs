//! What one function does with the values it receives, reads and returns, as far as taint is
//! concerned: the summaries flows across functions are composed from ([`super::across`]).
//!
//! Each summary holds records "a value of this origin reaches this target, through these
//! steps, sanitized for these sinks". Origins are a source read in the function, one of its
//! parameters, or what a call returned; targets are a sink, an argument of a call, or the
//! function's return value. A scan keeps one [`TaintSummary`] per file, so the flows across
//! functions are composed over the call graph without reading any file again.

use drift_core::types::security::TaintStep;
use serde::{Deserialize, Serialize};

/// Bumped whenever the summaries change shape: stored summaries of another version are not
/// read (the next full scan writes them again).
pub const SUMMARY_VERSION: u32 = 1;

/// Most records kept per function: a function passing its values to many calls keeps the
/// first ones.
pub(super) const MAX_RECORDS: usize = 64;

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Origin {
    /// A source read in the function (`request.GET`, `req.query`).
    Source {
        /// `user_input`, `env_var`, `cli_input`.
        label: String,
        /// 0-based line of the read.
        line: u32,
        /// The expression read (clipped).
        text: String,
    },
    /// The function's parameter at this index (receivers such as `self` count).
    Parameter(u32),
    /// What a call of `callee` (the called name) on `line` returned.
    Returned {
        /// The called name, as the call graph's call sites name it.
        callee: String,
        /// 0-based line of the call.
        line: u32,
    },
}

/// Where a value went.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    /// A sink's checked argument.
    Sink {
        /// `sql_query`, `os_command`, ...
        kind: String,
        /// The sink's CWE id.
        cwe: u32,
        /// 0-based line of the sink call.
        line: u32,
        /// Its byte column.
        column: u32,
        /// The call as written (`cursor.execute`).
        text: String,
    },
    /// An argument of a call to another function.
    Argument {
        /// The called name.
        callee: String,
        /// 0-based line of the call.
        line: u32,
        /// The argument's position (0-based, as written at the call).
        index: u32,
        /// The parameter it names, for a keyword argument (`f(name=x)`).
        keyword: Option<String>,
    },
    /// The function's return value (a `return` on this 0-based line).
    Return {
        /// The line of the `return`.
        line: u32,
    },
}

/// One way a value goes through a function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Where it came from.
    pub origin: Origin,
    /// Where it went.
    pub target: Target,
    /// The steps in between, in order (lines of the function's file).
    pub steps: Vec<TaintStep>,
    /// Sink types it was sanitized for on the way (`*` for all).
    pub safe_for: Vec<String>,
}

/// The records of one function (or of a file's top-level code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionSummary {
    /// The qualified name; empty for the file's top-level code.
    pub function: String,
    /// The function's first line (0-based), which tells same-named functions apart.
    pub line: u32,
    /// Parameter names in declaration order (a receiver such as `self` included).
    pub parameters: Vec<String>,
    /// The first parameter is the receiver (`self`, `cls`, `&self`): a call's first argument
    /// is the second parameter.
    pub has_receiver: bool,
    /// What reaches where.
    pub records: Vec<Record>,
}

impl FunctionSummary {
    /// The parameter an argument of a call binds: by keyword when it names a parameter,
    /// else by position after the receiver.
    #[must_use]
    pub fn parameter_of(&self, index: u32, keyword: Option<&str>) -> Option<u32> {
        if let Some(keyword) = keyword {
            return self
                .parameters
                .iter()
                .position(|name| name.trim_start_matches('$') == keyword)
                .and_then(|at| u32::try_from(at).ok());
        }
        let at = index + u32::from(self.has_receiver);
        (usize::try_from(at).ok()? < self.parameters.len()).then_some(at)
    }
}

/// The summaries of one file's functions (only those with records).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaintSummary {
    /// By function, in source order.
    pub functions: Vec<FunctionSummary>,
}

impl TaintSummary {
    /// Nothing in this file carries a value anywhere that matters.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.functions.is_empty()
    }
}
