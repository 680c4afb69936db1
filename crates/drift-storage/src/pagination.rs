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
