//! Keyset pagination: pages ordered by `(sort_key, id)` and continued after the last row seen,
//! never with OFFSET, so a page costs the same at any depth and concurrent inserts cannot make
//! a row appear twice or be skipped.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use drift_core::errors::StorageError;

/// Most rows in one page.
pub const MAX_LIMIT: u32 = 100;

/// Where a page starts: after the row with this sort key and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// Which listing the cursor belongs to (`files`, `functions`, ...).
    pub listing: String,
    /// The last row's sort key.
    pub sort_key: String,
    /// The last row's id.
    pub id: i64,
}

impl Cursor {
    /// The opaque text handed to callers.
    #[must_use]
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!(
            "v1\0{}\0{}\0{}",
            self.listing, self.id, self.sort_key
        ))
    }

    /// Parses a cursor made by [`Cursor::encode`] for `listing`.
    ///
    /// Errors: `INVALID_CURSOR` for anything else.
    pub fn decode(text: &str, listing: &str) -> Result<Self, StorageError> {
        let invalid = |reason: &str| StorageError::InvalidCursor {
            reason: reason.to_owned(),
        };
        let bytes = URL_SAFE_NO_PAD
            .decode(text.trim())
            .map_err(|_| invalid("it is not base64url text"))?;
        let text = String::from_utf8(bytes).map_err(|_| invalid("it does not decode to text"))?;
        let mut parts = text.splitn(4, '\0');
        let (Some("v1"), Some(kind), Some(id), Some(sort_key)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid("it was not made by Drift"));
        };
        if kind != listing {
            return Err(invalid(&format!(
                "it belongs to the {kind} listing, not {listing}"
            )));
        }
        let id = id
            .parse()
            .map_err(|_| invalid("its row id is not a number"))?;
        Ok(Self {
            listing: listing.to_owned(),
            sort_key: sort_key.to_owned(),
            id,
        })
    }
}

/// A page request: up to `limit` rows after `cursor` (from the start without one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageRequest {
    /// A cursor from a previous page's `next_cursor`.
    pub cursor: Option<String>,
    /// Rows wanted, 1..=100; `None` = 100.
    pub limit: Option<u32>,
}

impl PageRequest {
    /// The checked limit.
    ///
    /// Errors: `INVALID_FILTER` outside 1..=100.
    pub fn limit(&self) -> Result<u32, StorageError> {
        match self.limit {
            None => Ok(MAX_LIMIT),
            Some(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
            Some(limit) => Err(StorageError::InvalidFilter {
                reason: format!("limit must be between 1 and {MAX_LIMIT}, got {limit}"),
            }),
        }
    }
}

impl PageRequest {
    /// Where the page starts in `listing`: the last row's `(sort key, id)`, or `(None, 0)` for
    /// the first page.
    ///
    /// Errors: `INVALID_CURSOR` for a cursor of another listing or not made by Drift.
    pub fn after(&self, listing: &str) -> Result<(Option<String>, i64), StorageError> {
        Ok(match &self.cursor {
            Some(text) => {
                let cursor = Cursor::decode(text, listing)?;
                (Some(cursor.sort_key), cursor.id)
            }
            None => (None, 0),
        })
    }
}

/// The page of `listing` made of `rows` (fetched with `LIMIT limit + 1`, in `(sort key, id)`
/// order, each with its sort key and id) when `total` rows match in all.
#[must_use]
pub fn keyed_page<T>(
    mut rows: Vec<(T, String, i64)>,
    limit: u32,
    total: i64,
    listing: &str,
) -> Page<T> {
    let has_more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if has_more {
        rows.last().map(|(_, key, id)| {
            Cursor {
                listing: listing.to_owned(),
                sort_key: key.clone(),
                id: *id,
            }
            .encode()
        })
    } else {
        None
    };
    Page {
        items: rows.into_iter().map(|(row, _, _)| row).collect(),
        total: u64::try_from(total).unwrap_or(0),
        has_more,
        next_cursor,
    }
}

/// One page of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The rows, in `(sort_key, id)` order.
    pub items: Vec<T>,
    /// Rows matching the filter, over all pages.
    pub total: u64,
    /// Whether another page follows.
    pub has_more: bool,
    /// Pass back to get the next page (present when `has_more`).
    pub next_cursor: Option<String>,
}

/// A `count(*)` over a table (or join) with only the conditions given: each condition is
/// written in a form an index of the table answers, and an absent filter adds nothing (no
/// `?1 IS NULL OR ...`, which scans the whole table).
#[derive(Debug, Default)]
pub(crate) struct Count {
    values: Vec<rusqlite::types::Value>,
    conditions: Vec<String>,
}

impl Count {
    /// Binds `value` and returns its parameter number (for `?N` in a condition).
    pub(crate) fn bind(&mut self, value: impl Into<rusqlite::types::Value>) -> usize {
        self.values.push(value.into());
        self.values.len()
    }

    /// Adds a condition (its parameters bound with [`Count::bind`] first).
    pub(crate) fn require(&mut self, condition: String) {
        self.conditions.push(condition);
    }

    /// Counts the rows of `from` that meet every condition.
    pub(crate) fn run(
        self,
        connection: &rusqlite::Connection,
        from: &str,
    ) -> Result<u64, drift_core::errors::StorageError> {
        let sql = if self.conditions.is_empty() {
            format!("SELECT count(*) FROM {from}")
        } else {
            format!(
                "SELECT count(*) FROM {from} WHERE {}",
                self.conditions.join(" AND ")
            )
        };
        connection
            .prepare_cached(&sql)
            .map_err(crate::connection::classify)?
            .query_row(rusqlite::params_from_iter(self.values), |row| row.get(0))
            .map_err(crate::connection::classify)
    }
}
