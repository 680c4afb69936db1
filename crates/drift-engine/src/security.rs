//! The security findings of the stored scan: secrets, sensitive fields and data-access
//! boundaries, listed and summarised.

use drift_core::errors::RuntimeError;
use drift_core::types::security::SecretFinding;
use drift_storage::pagination::{Page, PageRequest};
use drift_storage::security::{
    self, BoundariesSummary, BoundaryFilter, BoundaryRow, FieldFilter, FieldRow, FlowFilter,
    FlowRow, SecretFilter, SecretRow, SecretsSummary, SecuritySummary,
};

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

    /// Sensitive fields matching `filter`, by file, class and line (at most
    /// [`security::MAX_FIELDS`]), with how many match in all.
    pub fn sensitive_fields(
        &self,
        filter: &FieldFilter,
    ) -> Result<(Vec<FieldRow>, u64), RuntimeError> {
        Ok(self
            .db
            .read(|connection| security::query_sensitive_fields(connection, filter))?)
    }

    /// Data accesses matching `filter`, by model, file and line, a page at a time.
    ///
    /// Errors: `INVALID_FILTER` (a bad limit), `INVALID_CURSOR`, storage codes.
    pub fn boundaries(
        &self,
        filter: &BoundaryFilter,
        request: &PageRequest,
    ) -> Result<Page<BoundaryRow>, RuntimeError> {
        Ok(self
            .db
            .read(|connection| security::query_boundaries(connection, filter, request))?)
    }

    /// Counts of the stored boundaries.
    pub fn boundaries_summary(&self) -> Result<BoundariesSummary, RuntimeError> {
        Ok(self.db.read(security::boundaries_summary)?)
    }

    /// The project's security posture: every security analysis's findings, weighed.
    pub fn security_summary(&self) -> Result<SecuritySummary, RuntimeError> {
        Ok(self.db.read(security::security_summary)?)
    }

    /// Taint flows matching `filter`, by file and sink line (at most
    /// [`security::MAX_FIELDS`]), with how many match in all.
    pub fn taint_flows(&self, filter: &FlowFilter) -> Result<(Vec<FlowRow>, u64), RuntimeError> {
        Ok(self
            .db
            .read(|connection| security::query_taint_flows(connection, filter))?)
    }
}
