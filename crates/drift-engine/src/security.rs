//! The security findings of the stored scan: secrets, listed and summarised.

use drift_core::errors::RuntimeError;
use drift_core::types::security::SecretFinding;
use drift_storage::pagination::{Page, PageRequest};
use drift_storage::security::{self, SecretFilter, SecretRow, SecretsSummary};

use crate::Engine;

impl Engine {
    /// Secrets matching `filter`, worst first, a page at a time.
    ///
    /// Errors: `INVALID_FILTER` (a bad limit), `INVALID_CURSOR`, storage codes.
    pub fn secrets(
        &self,
        filter: &SecretFilter,
        request: &PageRequest,
    ) -> Result<Page<SecretRow>, RuntimeError> {
        Ok(self
            .db
            .read(|connection| security::query_secrets(connection, filter, request))?)
    }

    /// Counts of the stored secrets.
    pub fn secrets_summary(&self) -> Result<SecretsSummary, RuntimeError> {
        Ok(self.db.read(security::secrets_summary)?)
    }

    /// Every secret found in the file at `path` (all statuses), in source order: what an
    /// editor masks.
    pub fn secrets_in_file(&self, path: &str) -> Result<Vec<SecretFinding>, RuntimeError> {
        Ok(self
            .db
            .read(|connection| security::secrets_in_file(connection, path))?)
    }
}
