//! Drift's analysis layer: the work that runs in parallel on the worker pool.
//!
//! It holds the pool itself ([`pool`]), the [`scanner`] (files on disk or in memory to
//! [`ScanEntry`](scanner::ScanEntry)s and a [`ScanDiff`](scanner::ScanDiff)), and
//! [`workload::hash_buffers`], the smallest workload exercising the threading plumbing.
//!
//! ```
//! use drift_analysis::{pool::build_pool, workload::hash_buffers};
//! use drift_core::cancellation::CancellationToken;
//!
//! let pool = build_pool(4)?;
//! let buffers = vec![vec![1_u8; 1024]; 8];
//! let report = hash_buffers(&pool, &buffers, &|p| assert!(p.done <= p.total), &CancellationToken::new())?;
//! assert_eq!(report.hashes.len(), 8);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Errors
//!
//! Building a pool fails with [`pool::PoolError`] (`INVALID_ARGUMENT` for a bad thread count,
//! `INIT_ERROR` when threads cannot be started); workloads fail only with
//! [`Cancelled`](drift_core::cancellation::Cancelled) (`CANCELLED`).
//!
//! # Performance
//!
//! Build the pool once and reuse it: every workload takes `&ThreadPool` and never spawns
//! threads. Workloads split their input down to single items (files, buffers) so that idle
//! workers can steal; that costs a few hundred nanoseconds per item, negligible next to
//! reading or parsing a file.

pub mod callgraph;
pub mod detection;
pub mod memory;
pub mod parsers;
pub mod pipeline;
pub mod pool;
pub mod scanner;
pub mod security;
pub mod workload;
