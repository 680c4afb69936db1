use std::io;
use std::path::PathBuf;

use super::{Cancelled, ConfigError, DriftErrorCode, StorageError, codes};

/// The scanner could not walk the project or read a file.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// The scan root does not exist or is not a directory.
    #[error("the scan root {} does not exist or is not a directory; pass the project's root folder", path.display())]
    InvalidRoot {
        /// The root that was passed in.
        path: PathBuf,
    },

    /// A file or directory could not be read.
    #[error("could not read {}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The I/O failure.
        #[source]
        source: io::Error,
    },

    /// The directory walker reported an error that is not a plain I/O failure (an ignore file
    /// that does not parse, a symlink loop, ...).
    #[error("could not walk {}: {message}", path.as_ref().map_or_else(|| "the project".to_owned(), |p| p.display().to_string()))]
    Walk {
        /// Where the walker was, if it said.
        path: Option<PathBuf>,
        /// The walker's explanation.
        message: String,
    },

    /// A file is over the configured size limit.
    #[error(
        "{} is {size} bytes, over the {limit}-byte limit; raise scan.max_file_size or ignore the file in .driftignore",
        path.display()
    )]
    FileTooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The configured limit in bytes.
        limit: u64,
    },

    /// The OS refused access to a file or directory.
    #[error("permission denied reading {}; check its permissions or ignore it in .driftignore", path.display())]
    PermissionDenied {
        /// The file or directory.
        path: PathBuf,
        /// The I/O failure (kind `PermissionDenied`).
        #[source]
        source: io::Error,
    },

    /// The scan was cancelled; results gathered so far are partial.
    #[error("the scan was cancelled before it finished")]
    Cancelled,

    /// Configuration needed by the scan is invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),

    /// Persisting scan results failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl ScanError {
    /// Wraps an I/O failure on `path`, picking [`ScanError::PermissionDenied`] when that is
    /// what the OS said, so JavaScript sees `PERMISSION_DENIED` rather than `SCAN_ERROR`.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        let path = path.into();
        if source.kind() == io::ErrorKind::PermissionDenied {
            Self::PermissionDenied { path, source }
        } else {
            Self::Io { path, source }
        }
    }
}

impl From<Cancelled> for ScanError {
    fn from(_: Cancelled) -> Self {
        Self::Cancelled
    }
}

impl DriftErrorCode for ScanError {
    fn code(&self) -> &'static str {
        match self {
            Self::InvalidRoot { .. } | Self::Io { .. } | Self::Walk { .. } => codes::SCAN_ERROR,
            Self::FileTooLarge { .. } => codes::FILE_TOO_LARGE,
            Self::PermissionDenied { .. } => codes::PERMISSION_DENIED,
            Self::Cancelled => codes::SCAN_CANCELLED,
            Self::Config(inner) => inner.code(),
            Self::Storage(inner) => inner.code(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ConfigLayer;
    use crate::errors::test_support::check_samples;

    fn variant_index(e: &ScanError) -> usize {
        match e {
            ScanError::InvalidRoot { .. } => 0,
            ScanError::Io { .. } => 1,
            ScanError::Walk { .. } => 2,
            ScanError::FileTooLarge { .. } => 3,
            ScanError::PermissionDenied { .. } => 4,
            ScanError::Cancelled => 5,
            ScanError::Config(_) => 6,
            ScanError::Storage(_) => 7,
        }
    }

    #[test]
    fn every_variant_has_a_registered_code() {
        let samples = [
            ScanError::InvalidRoot {
                path: "/nope".into(),
            },
            ScanError::io("a.ts", io::Error::from(io::ErrorKind::NotFound)),
            ScanError::Walk {
                path: None,
                message: "symlink loop".into(),
            },
            ScanError::FileTooLarge {
                path: "big.js".into(),
                size: 10,
                limit: 5,
            },
            ScanError::io(
                "secret.py",
                io::Error::from(io::ErrorKind::PermissionDenied),
            ),
            ScanError::Cancelled,
            ScanError::Config(ConfigError::Invalid {
                key: "scan.max_file_size".into(),
                layer: ConfigLayer::Project,
                origin: "drift.toml".into(),
                reason: "must be greater than 0".into(),
            }),
            ScanError::Storage(StorageError::DiskFull),
        ];
        check_samples(&samples, variant_index, 8);
        let codes: Vec<_> = samples.iter().map(DriftErrorCode::code).collect();
        assert_eq!(
            codes,
            [
                "SCAN_ERROR",
                "SCAN_ERROR",
                "SCAN_ERROR",
                "FILE_TOO_LARGE",
                "PERMISSION_DENIED",
                "SCAN_CANCELLED",
                "CONFIG_INVALID",
                "DB_DISK_FULL",
            ]
        );
    }

    #[test]
    fn io_keeps_the_source_chain() {
        let err = ScanError::io("a.ts", io::Error::other("disk on fire"));
        let source = std::error::Error::source(&err).expect("io error is the source");
        assert_eq!(source.to_string(), "disk on fire");
        assert_eq!(err.to_string(), "could not read a.ts: disk on fire");
    }

    #[test]
    fn cancelled_converts_to_scan_cancelled() {
        let err: ScanError = Cancelled.into();
        assert_eq!(err.code(), codes::SCAN_CANCELLED);
    }
}
