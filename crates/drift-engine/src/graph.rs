//! The call graph of what drift.db holds: built from the stored per-file facts on first use
//! after each scan, then kept until the next scan changes the database.

use std::sync::{Arc, Mutex, PoisonError};

use drift_analysis::callgraph::{CallGraph, DeadFunction, FACTS_VERSION, FileFacts};
use drift_core::errors::{GraphError, RuntimeError, StorageError};
use drift_storage::pagination::{Cursor, Page, PageRequest};

use crate::Engine;

/// The last graph built, with the scan generation it reflects.
#[derive(Debug, Default)]
pub(crate) struct GraphCache(Mutex<Option<(i64, Arc<CallGraph>)>>);

impl Engine {
    /// The call graph of the stored scan. Queries while a scan runs see the last committed
    /// one. Errors: `CALL_GRAPH_NOT_BUILT` before any file was parsed, storage codes.
    pub fn call_graph(&self) -> Result<Arc<CallGraph>, RuntimeError> {
        let generation = self.status()?.generation;
        let mut cached = self.graph.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((built, graph)) = cached.as_ref()
            && *built == generation
        {
            return Ok(Arc::clone(graph));
        }
        let blobs = self.db.read(drift_storage::scans::all_graph_facts)?;
        if blobs.is_empty() {
            return Err(GraphError::NotBuilt.into());
        }
        let mut facts = Vec::with_capacity(blobs.len());
        for blob in &blobs {
            match postcard::from_bytes::<(u32, FileFacts)>(blob) {
                Ok((FACTS_VERSION, file)) => facts.push(file),
                // Another version's facts (or damaged ones): rebuilt by a full scan.
                _ => return Err(GraphError::Stale.into()),
            }
        }
        let graph = Arc::new(CallGraph::build(&facts));
        *cached = Some((generation, Arc::clone(&graph)));
        Ok(graph)
    }
}

/// Which entry points `Engine::entry_points` lists; every field is optional.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    /// `route_handler`, `controller_method`, `main_function`, `test` or `exported`.
    pub kind: Option<String>,
    /// A language name.
    pub language: Option<String>,
    /// Files whose path starts with this.
    pub path_prefix: Option<String>,
}

/// One page of `items` (already sorted by their ids) after the cursor, keyed by id.
fn keyed_page<T>(
    items: Vec<T>,
    id_of: impl Fn(&T) -> String,
    listing: &str,
    request: &PageRequest,
) -> Result<Page<T>, RuntimeError> {
    let limit = request.limit()? as usize;
    let start = match &request.cursor {
        Some(text) => {
            let cursor = Cursor::decode(text, listing)?;
            items.partition_point(|item| id_of(item) <= cursor.sort_key)
        }
        None => 0,
    };
    let total = items.len() as u64;
    let has_more = items.len() > start + limit;
    let mut page: Vec<T> = items.into_iter().skip(start).take(limit).collect();
    let next_cursor = has_more.then(|| {
        Cursor {
            listing: listing.to_owned(),
            sort_key: page.last().map(&id_of).unwrap_or_default(),
            id: 0,
        }
        .encode()
    });
    page.shrink_to_fit();
    Ok(Page {
        items: page,
        total,
        has_more,
        next_cursor,
    })
}

impl Engine {
    /// Entry points matching `filter`, by id, a page at a time (with the graph they index).
    ///
    /// Errors: `INVALID_FILTER` for an unknown kind or a bad limit, `INVALID_CURSOR`, and those
    /// of [`Engine::call_graph`].
    pub fn entry_points(
        &self,
        filter: &EntryFilter,
        request: &PageRequest,
    ) -> Result<(Arc<CallGraph>, Page<u32>), RuntimeError> {
        const KINDS: [&str; 5] = [
            "route_handler",
            "controller_method",
            "main_function",
            "test",
            "exported",
        ];
        if let Some(kind) = &filter.kind
            && !KINDS.contains(&kind.as_str())
        {
            return Err(StorageError::InvalidFilter {
                reason: format!("kind must be one of {}, got `{kind}`", KINDS.join(", ")),
            }
            .into());
        }
        let graph = self.call_graph()?;
        let mut found: Vec<u32> = graph
            .entry_points()
            .filter(|(node, kind)| {
                let node = &graph.nodes[*node as usize];
                filter
                    .kind
                    .as_deref()
                    .is_none_or(|wanted| wanted == kind.name())
                    && filter
                        .language
                        .as_deref()
                        .is_none_or(|wanted| wanted == node.language.name())
                    && filter
                        .path_prefix
                        .as_deref()
                        .is_none_or(|prefix| node.file.starts_with(prefix))
            })
            .map(|(node, _)| node)
            .collect();
        found.sort_by(|a, b| {
            graph.nodes[*a as usize]
                .id
                .cmp(&graph.nodes[*b as usize].id)
        });
        let page = keyed_page(
            found,
            |node| graph.nodes[*node as usize].id.clone(),
            "entry_points",
            request,
        )?;
        Ok((graph, page))
    }

    /// Functions nothing calls, by id, a page at a time (with the graph they index).
    pub fn dead_code(
        &self,
        request: &PageRequest,
    ) -> Result<(Arc<CallGraph>, Page<DeadFunction>), RuntimeError> {
        let graph = self.call_graph()?;
        let mut dead = graph.dead_code();
        dead.sort_by(|a, b| {
            graph.nodes[a.node as usize]
                .id
                .cmp(&graph.nodes[b.node as usize].id)
        });
        let page = keyed_page(
            dead,
            |dead| graph.nodes[dead.node as usize].id.clone(),
            "dead_code",
            request,
        )?;
        Ok((graph, page))
    }
}
