//! `drift-bench graph DIR [--out FILE] [--builds N]`: the call graph's costs on a corpus. Parses every source
//! file once (keeping only the graph facts, as a scan does), then times what the graph adds on
//! top of the scan: building it from the facts, and the queries (callers, callees, entry-point
//! pages, reachability and impact to depth 10, dead code, paths), with p50 / p99 over many
//! functions; and its memory (live heap bytes counted by the allocator, and peak RSS).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use drift_analysis::callgraph::{CallGraph, Direction, FileFacts, UpdatePlan};
use drift_analysis::parsers::ParserManager;
use drift_analysis::pipeline::Pipeline;
use drift_analysis::pool::{build_pool, default_threads};
use drift_analysis::scanner::{BaselineMode, OsSource, SnapshotBaseline};
use drift_core::CancellationToken;
use drift_core::config::ScanConfig;
use serde_json::json;

use crate::{Failure, heap};

fn mib(bytes: usize) -> f64 {
    bytes as f64 / f64::from(1u32 << 20)
}

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    if times.is_empty() {
        return 0.0;
    }
    times.sort_unstable();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "an index into a short list"
    )]
    let at = ((times.len() - 1) as f64 * p).round() as usize;
    times[at].as_secs_f64() * 1e3
}

/// Times `work` once per node of `sample`.
fn timed(sample: &[u32], mut work: impl FnMut(u32)) -> (f64, f64) {
    let mut times: Vec<Duration> = sample
        .iter()
        .map(|&node| {
            let started = Instant::now();
            work(node);
            started.elapsed()
        })
        .collect();
    (percentile(&mut times, 0.5), percentile(&mut times, 0.99))
}

/// Runs the graph benchmark; see the module documentation.
pub fn run(args: &[String]) -> Result<(), Failure> {
    let (dir, out, builds) = options(args)?;
    let rss_start = crate::peak_rss_kib()?;
    let (facts, counted) = heap::counted(|| collect_facts(&dir));
    let facts = facts?;
    let rss_facts = crate::peak_rss_kib()?;
    let (graph, build_ms, held) = build_twice(&facts, counted.kept, builds);
    let build = build_ms[build_ms.len() / 2];
    let rss_graph = crate::peak_rss_kib()?;

    let updates = measure_updates(&graph, &facts)?;
    drop(facts);

    let functions: Vec<u32> = (0..u32::try_from(graph.nodes.len())?)
        .filter(|&n| !graph.nodes[n as usize].is_module())
        .collect();
    // Every 7th function, up to 2,000: a spread over the corpus.
    let sample: Vec<u32> = functions.iter().copied().step_by(7).take(2000).collect();
    let upward = timed(&sample, |n| {
        let _ = graph.callers(n).count();
    });
    let downward = timed(&sample, |n| {
        let _ = graph.callees(n).count();
    });
    let reach = timed(&sample, |n| {
        let _ = graph.reach(n, Direction::Forward, 10, 2000);
    });
    let impact = timed(&sample, |n| {
        let _ = graph.impact(n, 10, 2000);
    });
    let paths = timed(&sample[..sample.len().min(500)], |n| {
        let _ = graph.path(n, sample[0], 10);
    });
    let started = Instant::now();
    let dead = graph.dead_code();
    let dead_time = started.elapsed();
    let started = Instant::now();
    let entries = graph.entry_points().count();
    let entry_time = started.elapsed();

    let stats = &graph.stats;
    println!(
        "graph {}: {} functions, {} edges, resolution {:.1}%, built in {:.1} ms from the facts (median of {})",
        dir.display(),
        stats.functions,
        stats.edges,
        stats.resolution_rate() * 100.0,
        build,
        build_ms.len()
    );
    println!(
        "  update after 10 changed files: {:.1} ms ({:.1} ms planning and reading {} affected files, {} of {} calls resolved again)",
        updates.update.as_secs_f64() * 1e3,
        updates.planned.as_secs_f64() * 1e3,
        updates.affected,
        updates.calls,
        graph.stats.resolved + graph.stats.unresolved,
    );
    println!(
        "  callers p50 {:.4} ms p99 {:.4} ms; callees p50 {:.4} ms p99 {:.4} ms",
        upward.0, upward.1, downward.0, downward.1
    );
    println!(
        "  reachability depth 10 p50 {:.3} ms p99 {:.3} ms; impact p50 {:.3} ms p99 {:.3} ms",
        reach.0, reach.1, impact.0, impact.1
    );
    println!(
        "  path p50 {:.3} ms p99 {:.3} ms; dead code {:.1} ms ({} candidates); {} entry points listed in {:.2} ms",
        paths.0,
        paths.1,
        dead_time.as_secs_f64() * 1e3,
        dead.len(),
        entries,
        entry_time.as_secs_f64() * 1e3
    );
    let memory = memory_report(&graph, held);
    println!(
        "  peak RSS: {rss_start} KiB at start, {rss_facts} KiB with the facts, {rss_graph} KiB with the graph"
    );
    let report = json!({
        "corpus": dir,
        "functions": stats.functions,
        "edges": stats.edges,
        "resolution_rate": stats.resolution_rate(),
        "by_language": stats.by_language.iter().map(|(l, r, t)| json!({"language": l.name(), "resolved": r, "total": t})).collect::<Vec<_>>(),
        "build_ms": build,
        "build_runs_ms": build_ms,
        "update_10_files_ms": updates.update.as_secs_f64() * 1e3,
        "update_affected_files": updates.affected,
        "update_calls_resolved": updates.calls,
        "callers_ms": {"p50": upward.0, "p99": upward.1},
        "callees_ms": {"p50": downward.0, "p99": downward.1},
        "reachability_depth10_ms": {"p50": reach.0, "p99": reach.1},
        "impact_depth10_ms": {"p50": impact.0, "p99": impact.1},
        "path_ms": {"p50": paths.0, "p99": paths.1},
        "dead_code_ms": dead_time.as_secs_f64() * 1e3,
        "dead_code_candidates": dead.len(),
        "memory": memory,
        "peak_rss_kib": {"start": rss_start, "facts": rss_facts, "graph": rss_graph},
    });
    crate::write_report(&out, &report)
}

/// Heap bytes of the facts, and of the graph: kept once built, and the most its build had
/// allocated at once (measured in a second build, so that the timed one does not count).
#[derive(Clone, Copy)]
struct Held {
    facts: usize,
    graph: usize,
    peak: usize,
}

/// Builds the graph of `facts` `builds` times timed (the times sorted), then again counted.
fn build_twice(
    facts: &[FileFacts],
    facts_bytes: usize,
    builds: usize,
) -> (CallGraph, Vec<f64>, Held) {
    let started = Instant::now();
    let graph = CallGraph::build(facts);
    let mut times = vec![started.elapsed().as_secs_f64() * 1e3];
    // More builds on request, for a steadier figure (and for profiling the build alone).
    for _ in 1..builds {
        let started = Instant::now();
        drop(CallGraph::build(facts));
        times.push(started.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    let (again, held) = heap::counted(|| CallGraph::build(facts));
    drop(again);
    let held = Held {
        facts: facts_bytes,
        graph: held.kept,
        peak: held.peak,
    };
    (graph, times, held)
}

/// `DIR [--out FILE] [--builds N]`.
fn options(args: &[String]) -> Result<(PathBuf, PathBuf, usize), Failure> {
    let dir = PathBuf::from(
        args.first()
            .ok_or("usage: drift-bench graph DIR [--out FILE] [--builds N]")?,
    );
    let mut out = PathBuf::from("bench-graph.json");
    let mut builds = 1_usize;
    let mut rest = args[1..].iter();
    while let Some(flag) = rest.next() {
        let mut value = || rest.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--out" => out = PathBuf::from(value()?),
            "--builds" => {
                builds = value()?
                    .parse::<usize>()
                    .map_err(|_| "--builds needs a count")?
                    .max(1);
            }
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    Ok((dir, out, builds))
}

/// Prints what the graph holds and returns it for the report.
fn memory_report(graph: &CallGraph, held: Held) -> serde_json::Value {
    let Held {
        facts: facts_bytes,
        graph: graph_bytes,
        peak: build_peak_bytes,
    } = held;
    println!(
        "  graph memory: {:.1} MiB live once built ({:.1} MiB at the build's peak, the facts not counted); facts {:.1} MiB",
        mib(graph_bytes),
        mib(build_peak_bytes),
        mib(facts_bytes)
    );
    let parts = graph.heap_bytes();
    println!(
        "  of which (approximately): {}",
        parts
            .iter()
            .map(|(part, bytes)| format!("{part} {:.1} MiB", mib(*bytes)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    json!({
        "graph_heap_bytes": graph_bytes,
        "build_peak_heap_bytes": build_peak_bytes,
        "facts_heap_bytes": facts_bytes,
        "graph_heap_parts": parts.iter().map(|(part, bytes)| json!({"part": part, "bytes": bytes})).collect::<Vec<_>>(),
    })
}

/// What updating the graph costs after a scan that changed 10 files spread over the corpus,
/// and whether updates after removing and adding files give what a build gives.
struct Updates {
    /// Plan, read the affected files (cloned here, decoded by the engine) and update.
    update: Duration,
    /// Of which planning and reading.
    planned: Duration,
    /// Unchanged files read again.
    affected: usize,
    /// Calls resolved again.
    calls: usize,
}

fn measure_updates(graph: &CallGraph, facts: &[FileFacts]) -> Result<Updates, Failure> {
    // An update after a scan that changed 10 files spread over the corpus (read again with
    // the same facts, as after an edit inside function bodies): plan, then resolve those
    // files' calls and the calls of the files that may reach them again.
    let changed: Vec<FileFacts> = facts
        .iter()
        .step_by((facts.len() / 10).max(1))
        .take(10)
        .cloned()
        .collect();
    let copy = graph.clone();
    let started = Instant::now();
    let plan = copy.plan_update(&changed, &[]);
    let affected: Vec<FileFacts> = match &plan {
        UpdatePlan::Update { affected } => facts
            .iter()
            .filter(|file| {
                affected
                    .binary_search_by(|path| path.as_str().cmp(&file.path))
                    .is_ok()
            })
            .cloned()
            .collect(),
        UpdatePlan::Rebuild => Vec::new(),
    };
    let planned = started.elapsed();
    let updated = match plan {
        UpdatePlan::Update { .. } => copy.update(&changed, &[], &affected),
        UpdatePlan::Rebuild => CallGraph::build(facts),
    };
    let update = started.elapsed();
    if updated.observed() != graph.observed() {
        return Err("the updated graph differs from the one built".into());
    }
    drop(updated);
    // The same 10 files removed, then added back: each update must give what a build gives.
    let removed: Vec<String> = changed.iter().map(|file| file.path.to_string()).collect();
    let others: Vec<FileFacts> = facts
        .iter()
        .filter(|file| {
            removed
                .binary_search_by(|path| path.as_str().cmp(&file.path))
                .is_err()
        })
        .cloned()
        .collect();
    let without = CallGraph::build(&others);
    // What the engine does with a plan: an update, or a build from every file's facts.
    let reread = |plan: UpdatePlan| -> Option<Vec<FileFacts>> {
        match plan {
            UpdatePlan::Update { affected } => Some(
                facts
                    .iter()
                    .filter(|file| {
                        affected
                            .binary_search_by(|path| path.as_str().cmp(&file.path))
                            .is_ok()
                    })
                    .cloned()
                    .collect(),
            ),
            UpdatePlan::Rebuild => None,
        }
    };
    let after_removal = match reread(graph.plan_update(&[], &removed)) {
        Some(affected) => graph.clone().update(&[], &removed, &affected),
        None => CallGraph::build(&others),
    };
    if after_removal.observed() != without.observed() {
        return Err(format!(
            "the graph updated after removing 10 files differs from a build: {}",
            difference(&after_removal, &without)
        )
        .into());
    }
    let after_adding = match reread(without.plan_update(&changed, &[])) {
        Some(affected) => without.update(&changed, &[], &affected),
        None => CallGraph::build(facts),
    };
    if after_adding.observed() != graph.observed() {
        return Err(format!(
            "the graph updated after adding 10 files differs from a build: {}",
            difference(&after_adding, graph)
        )
        .into());
    }
    drop((after_removal, after_adding, others));
    Ok(Updates {
        update,
        planned,
        affected: affected.len(),
        calls: affected
            .iter()
            .chain(&changed)
            .map(|file| file.calls.len())
            .sum(),
    })
}

/// The first few edges and dead functions one graph has and the other lacks.
fn difference(updated: &CallGraph, built: &CallGraph) -> String {
    let (a, b) = (updated.observed(), built.observed());
    let only = |x: &BTreeSet<String>, y: &BTreeSet<String>| -> Vec<String> {
        x.difference(y).take(5).cloned().collect()
    };
    format!(
        "updated only {:?} {:?}; built only {:?} {:?}",
        only(&a.edges, &b.edges),
        only(&a.dead, &b.dead),
        only(&b.edges, &a.edges),
        only(&b.dead, &a.dead)
    )
}

/// The graph facts of every source file under `dir`, from one cold scan + parse on the pool.
fn collect_facts(dir: &Path) -> Result<Vec<FileFacts<'static>>, Failure> {
    let pool = build_pool(default_threads())?;
    let config = ScanConfig::default();
    let parsers = ParserManager::new(0);
    let facts = Mutex::new(Vec::new());
    let keep = |_: &drift_analysis::scanner::ScanEntry,
                _: &[u8],
                parsed: Option<(
        std::sync::Arc<drift_analysis::parsers::ParseResult>,
        drift_analysis::parsers::Origin,
    )>,
                _: Option<drift_core::types::detection::FileDetections>| {
        let Some((result, _)) = parsed else {
            return;
        };
        let file = FileFacts::of(&result).into_owned();
        facts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(file);
    };
    let pipeline = Pipeline {
        pool: &pool,
        config: &config,
        parsers: &parsers,
        events: None,
        cancel: CancellationToken::new(),
        on_file: Some(&keep),
        detection: None,
    };
    pipeline.run(
        &OsSource::new(dir),
        &SnapshotBaseline::new(),
        "bench",
        BaselineMode::Full,
    )?;
    let mut facts = facts
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    facts.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(facts)
}
