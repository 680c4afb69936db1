//! What the engine's integration tests share: an engine over a project, and a scan of it.

use std::path::Path;

use drift_core::CancellationToken;
use drift_engine::{Engine, EngineOptions, ScanRequest, ScanTarget};

/// An engine over `root` on 2 threads, with `config` as its drift.toml.
pub fn engine_with(root: &Path, config: String) -> Engine {
    Engine::open(&EngineOptions {
        root: Some(root.to_path_buf()),
        threads: Some(2),
        config_toml: Some(config),
    })
    .unwrap()
}

/// An engine over `root` with the default configuration (drift.db in `root/.drift`).
#[allow(dead_code, reason = "not every test crate opens one")]
pub fn engine(root: &Path) -> Engine {
    engine_with(root, String::new())
}

/// An incremental scan of the whole root, parsed.
#[allow(dead_code, reason = "not every test crate scans this way")]
pub fn scan(engine: &Engine) {
    engine
        .scan(
            ScanTarget::Directory(".".into()),
            ScanRequest::default(),
            None,
            &CancellationToken::new(),
        )
        .unwrap();
}

/// Does to the scanned project of `engine` what the migration to schema `version` does to
/// files stored before it (its `UPDATE files` statement), after emptying `table` as an older
/// database would have it.
#[allow(dead_code, reason = "not every test crate upgrades a database")]
pub fn as_before_migration(engine: &Engine, version: u32, table: &str) {
    let migration = drift_storage::migrations::MIGRATIONS
        .iter()
        .find(|migration| migration.version == version)
        .unwrap();
    let reset = migration
        .sql
        .lines()
        .find(|line| line.starts_with("UPDATE files"))
        .unwrap();
    engine
        .database()
        .write(|tx| {
            tx.execute_batch(reset).unwrap();
            tx.execute_batch(&format!("DELETE FROM {table}")).unwrap();
            Ok(())
        })
        .unwrap();
}

/// Copies the directory tree `from` into the existing directory `to`.
#[allow(dead_code, reason = "not every test crate copies a project")]
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
