use super::{DriftErrorCode, codes};

/// A call-graph question that cannot be answered.
#[derive(Debug, thiserror::Error)]
pub enum GraphError {
    /// No scan has parsed anything yet, so there is no graph.
    #[error("there is no call graph yet: scan the project first (drift scan, or nativeScan)")]
    NotBuilt,

    /// The stored graph facts were written by another version of Drift.
    #[error(
        "the stored call graph was made by another version of Drift: run a full scan (drift scan --full) to rebuild it"
    )]
    Stale,

    /// No function has this id or name.
    #[error(
        "no function is called `{name}`; name it by id (path::Qualified.name), by qualified name, or as FILE:QUALIFIED_NAME"
    )]
    FunctionNotFound {
        /// The name as given.
        name: String,
    },

    /// Several functions have this name.
    #[error("`{name}` names {} functions: {}; give one of these ids", candidates.len(), candidates.join(", "))]
    Ambiguous {
        /// The name as given.
        name: String,
        /// The ids of the functions it names (at most 20).
        candidates: Vec<String>,
    },
}

impl DriftErrorCode for GraphError {
    fn code(&self) -> &'static str {
        match self {
            Self::NotBuilt | Self::Stale => codes::CALL_GRAPH_NOT_BUILT,
            Self::FunctionNotFound { .. } => codes::FUNCTION_NOT_FOUND,
            Self::Ambiguous { .. } => codes::AMBIGUOUS_FUNCTION,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::test_support::check_samples;

    #[test]
    fn every_variant_has_a_registered_code() {
        let samples = [
            GraphError::NotBuilt,
            GraphError::Stale,
            GraphError::FunctionNotFound {
                name: "nope".into(),
            },
            GraphError::Ambiguous {
                name: "create".into(),
                candidates: vec!["a.ts::A.create".into(), "b.ts::B.create".into()],
            },
        ];
        check_samples(
            &samples,
            |e| match e {
                GraphError::NotBuilt => 0,
                GraphError::FunctionNotFound { .. } => 1,
                GraphError::Ambiguous { .. } => 2,
                GraphError::Stale => 3,
            },
            4,
        );
    }
}
