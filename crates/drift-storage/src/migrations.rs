//! Schema migrations, tracked by `PRAGMA user_version`: migration N takes the database from
//! version N-1 to N inside one transaction, so a failure leaves it at N-1.

use drift_core::errors::StorageError;
use rusqlite::Connection;

use crate::connection::classify;

/// One schema step.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The version this step produces (1, 2, ...).
    pub version: u32,
    /// What it does, for logs.
    pub name: &'static str,
    /// The SQL, run as one batch inside the step's transaction.
    pub sql: &'static str,
}

/// Every migration of this build, in order.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "files, parse cache and parse results",
        sql: include_str!("migrations/v001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "exports",
        sql: include_str!("migrations/v002_exports.sql"),
    },
    Migration {
        version: 3,
        name: "call graph facts",
        sql: include_str!("migrations/v003_graph_facts.sql"),
    },
    Migration {
        version: 4,
        name: "call sites as one id range per file",
        sql: include_str!("migrations/v004_call_site_ranges.sql"),
    },
    Migration {
        version: 5,
        name: "secrets and sensitive fields",
        sql: include_str!("migrations/v005_security.sql"),
    },
    Migration {
        version: 6,
        name: "pattern detection",
        sql: include_str!("migrations/v006_detection.sql"),
    },
    Migration {
        version: 7,
        name: "taint summaries",
        sql: include_str!("migrations/v007_taint_summaries.sql"),
    },
    Migration {
        version: 8,
        name: "graph updates",
        sql: include_str!("migrations/v008_graph_updates.sql"),
    },
];

/// The schema version this build creates.
#[must_use]
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |migration| migration.version)
}

/// Brings the database up to the last of `migrations`; returns the version before.
///
/// Errors: `MIGRATION_FAILED` when a step fails (that step is rolled back; earlier ones stay)
/// or when the file is newer than every step known here.
pub fn migrate(connection: &mut Connection, migrations: &[Migration]) -> Result<u32, StorageError> {
    let current: u32 = connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(classify)?;
    let supported = migrations.last().map_or(0, |migration| migration.version);
    if current > supported {
        return Err(StorageError::SchemaTooNew {
            found: current,
            supported,
        });
    }
    for migration in migrations.iter().filter(|m| m.version > current) {
        let failed = |err: rusqlite::Error| StorageError::MigrationFailed {
            version: migration.version,
            source: Box::new(err),
        };
        let tx = connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(failed)?;
        tx.execute_batch(migration.sql).map_err(failed)?;
        tx.pragma_update(None, "user_version", migration.version)
            .map_err(failed)?;
        tx.commit().map_err(failed)?;
        tracing::info!(
            version = migration.version,
            name = migration.name,
            "database migrated"
        );
    }
    Ok(current)
}
