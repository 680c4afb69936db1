use super::{
    Cancelled, ConfigError, DriftErrorCode, GraphError, ParseError, ScanError, StorageError, codes,
};

/// Errors of the runtime lifecycle and of the calls the bridge makes into it.
///
/// This is what `drift-napi` functions return: the lifecycle variants are its own, the others
/// wrap subsystem errors and keep their codes.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    /// A call needs the runtime but `driftInitialize` has not run.
    #[error("the Drift runtime is not initialized; call driftInitialize() first")]
    NotInitialized,

    /// `driftInitialize` was called on a running runtime with settings it cannot apply.
    #[error(
        "the Drift runtime is already initialized; call driftShutdown() before initializing it again"
    )]
    AlreadyInitialized,

    /// A call arrived after `driftShutdown`.
    #[error(
        "the Drift runtime has been shut down and accepts no more calls; call driftInitialize() to start it again"
    )]
    ShutDown,

    /// Initialization failed for a reason without its own error type.
    #[error("could not initialize the Drift runtime: {reason}")]
    Init {
        /// What went wrong and how to fix it.
        reason: String,
    },

    /// An argument passed from JavaScript is not acceptable.
    #[error("invalid argument `{name}`: {reason}")]
    InvalidArgument {
        /// The parameter or option name as JavaScript sees it.
        name: String,
        /// What is wrong and what is accepted.
        reason: String,
    },

    /// A broken invariant (a bug), e.g. a caught panic in a background task.
    #[error("internal error: {message}; this is a bug in Drift, please report it")]
    Internal {
        /// What broke.
        message: String,
    },

    /// The call was cancelled.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),

    /// A configuration error.
    #[error(transparent)]
    Config(#[from] ConfigError),

    /// A scanner error.
    #[error(transparent)]
    Scan(#[from] ScanError),

    /// A parser error.
    #[error(transparent)]
    Parse(#[from] ParseError),

    /// A storage error.
    #[error(transparent)]
    Storage(#[from] StorageError),

    /// A call-graph error.
    #[error(transparent)]
    Graph(#[from] GraphError),
}

impl DriftErrorCode for RuntimeError {
    fn code(&self) -> &'static str {
        match self {
            Self::NotInitialized => codes::RUNTIME_NOT_INITIALIZED,
            Self::AlreadyInitialized => codes::ALREADY_INITIALIZED,
            Self::ShutDown => codes::ALREADY_SHUT_DOWN,
            Self::Init { .. } => codes::INIT_ERROR,
            Self::InvalidArgument { .. } => codes::INVALID_ARGUMENT,
            Self::Internal { .. } => codes::INTERNAL_ERROR,
            Self::Cancelled(inner) => inner.code(),
            Self::Config(inner) => inner.code(),
            Self::Scan(inner) => inner.code(),
            Self::Graph(inner) => inner.code(),
            Self::Parse(inner) => inner.code(),
            Self::Storage(inner) => inner.code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::test_support::check_samples;

    fn variant_index(e: &RuntimeError) -> usize {
        match e {
            RuntimeError::NotInitialized => 0,
            RuntimeError::AlreadyInitialized => 1,
            RuntimeError::ShutDown => 2,
            RuntimeError::Init { .. } => 3,
            RuntimeError::InvalidArgument { .. } => 4,
            RuntimeError::Internal { .. } => 5,
            RuntimeError::Cancelled(_) => 6,
            RuntimeError::Config(_) => 7,
            RuntimeError::Scan(_) => 8,
            RuntimeError::Parse(_) => 9,
            RuntimeError::Storage(_) => 10,
            RuntimeError::Graph(_) => 11,
        }
    }

    #[test]
    fn every_variant_has_a_registered_code() {
        let samples = [
            RuntimeError::NotInitialized,
            RuntimeError::AlreadyInitialized,
            RuntimeError::ShutDown,
            RuntimeError::Init {
                reason: "the project root does not exist".into(),
            },
            RuntimeError::InvalidArgument {
                name: "limit".into(),
                reason: "must be 1..=100".into(),
            },
            RuntimeError::Internal {
                message: "worker panicked".into(),
            },
            RuntimeError::Cancelled(Cancelled),
            RuntimeError::Config(ConfigError::Read {
                layer: crate::config::ConfigLayer::User,
                path: "/u/config.toml".into(),
                source: std::io::Error::other("EIO"),
            }),
            RuntimeError::Scan(ScanError::Cancelled),
            RuntimeError::Parse(ParseError::UnsupportedLanguage {
                extension: "cob".into(),
            }),
            RuntimeError::Storage(StorageError::Busy),
            RuntimeError::Graph(GraphError::NotBuilt),
        ];
        check_samples(&samples, variant_index, 12);
        let codes: Vec<_> = samples.iter().map(DriftErrorCode::code).collect();
        assert_eq!(
            codes,
            [
                "RUNTIME_NOT_INITIALIZED",
                "ALREADY_INITIALIZED",
                "ALREADY_SHUT_DOWN",
                "INIT_ERROR",
                "INVALID_ARGUMENT",
                "INTERNAL_ERROR",
                "CANCELLED",
                "CONFIG_ERROR",
                "SCAN_CANCELLED",
                "UNSUPPORTED_LANGUAGE",
                "DB_BUSY",
                "CALL_GRAPH_NOT_BUILT",
            ]
        );
    }

    #[test]
    fn wrapped_errors_render_like_the_original() {
        let err = RuntimeError::from(StorageError::DiskFull);
        assert_eq!(err.to_string(), StorageError::DiskFull.to_string());
        assert_eq!(
            err.coded_message(),
            "[DB_DISK_FULL] the disk holding the database is full; free some space and retry"
        );
    }

    #[test]
    fn deeply_wrapped_code_survives() {
        let err = RuntimeError::from(ScanError::from(StorageError::LockPoisoned {
            what: "writer",
        }));
        assert_eq!(err.code(), codes::LOCK_POISONED);
    }
}
