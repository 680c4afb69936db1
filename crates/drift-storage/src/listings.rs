//! Listings of what the parsers extracted (functions, classes, imports, exports, call sites),
//! one keyset page at a time, each row with the file it came from.
//!
//! Every listing is ordered by its name column and row id, filtered by the file's language,
//! a path prefix and a name prefix, and described by one [`Listing`] so the five share one
//! query builder and one row shape.

use drift_core::errors::StorageError;
use rusqlite::{Connection, params};
use serde_json::{Map, Value};

use crate::connection::classify;
use crate::pagination::{Cursor, Page, PageRequest};

/// A column of a listing: its SQL name (on the listed table) and how to read it.
#[derive(Debug, Clone, Copy)]
enum Column {
    Text(&'static str),
    OptionalText(&'static str),
    Integer(&'static str),
    Flag(&'static str),
    /// A JSON array stored as text.
    Json(&'static str),
}

impl Column {
    fn name(self) -> &'static str {
        match self {
            Self::Text(name)
            | Self::OptionalText(name)
            | Self::Integer(name)
            | Self::Flag(name)
            | Self::Json(name) => name,
        }
    }
}

/// One listable table.
#[derive(Debug)]
pub struct Listing {
    /// The cursor kind and table name.
    pub name: &'static str,
    /// The column pages are ordered and the name filter applies to.
    pub sort: &'static str,
    columns: &'static [Column],
}

/// Functions and methods, by name.
pub const FUNCTIONS: Listing = Listing {
    name: "functions",
    sort: "name",
    columns: &[
        Column::Text("name"),
        Column::Text("qualified_name"),
        Column::Integer("parameters"),
        Column::OptionalText("return_type"),
        Column::Flag("is_async"),
        Column::Flag("is_method"),
        Column::OptionalText("visibility"),
        Column::Integer("start_line"),
        Column::Integer("end_line"),
    ],
};

/// Classes, interfaces, structs, enums, traits, ..., by name.
pub const CLASSES: Listing = Listing {
    name: "classes",
    sort: "name",
    columns: &[
        Column::Text("name"),
        Column::Text("qualified_name"),
        Column::Text("kind"),
        Column::Json("bases"),
        Column::Json("interfaces"),
        Column::Integer("methods"),
        Column::Integer("start_line"),
        Column::Integer("end_line"),
    ],
};

/// Imports, by the imported module.
pub const IMPORTS: Listing = Listing {
    name: "imports",
    sort: "source",
    columns: &[
        Column::Text("source"),
        Column::Json("names"),
        Column::Integer("line"),
    ],
};

/// Exports, by exported name.
pub const EXPORTS: Listing = Listing {
    name: "exports",
    sort: "name",
    columns: &[
        Column::Text("name"),
        Column::Flag("is_default"),
        Column::OptionalText("source"),
        Column::Integer("line"),
    ],
};

/// Call sites, by callee.
pub const CALL_SITES: Listing = Listing {
    name: "call_sites",
    sort: "callee",
    columns: &[
        Column::Text("callee"),
        Column::OptionalText("receiver"),
        Column::Integer("arg_count"),
        Column::Integer("line"),
        Column::Integer("col"),
    ],
};

/// Filters on the file a row comes from (`?1` language, `?2` path prefix).
const FILE_CONDITIONS: &str = "(?1 IS NULL OR f.language = ?1)
    AND (?2 IS NULL OR substr(f.path, 1, length(?2)) = ?2)";

/// Every listing, for lookups by name.
pub const ALL: [&Listing; 5] = [&FUNCTIONS, &CLASSES, &IMPORTS, &EXPORTS, &CALL_SITES];

/// Filters of a listing; every field is optional and they combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RowFilter {
    /// Only rows from files of this language.
    pub language: Option<String>,
    /// Only rows from files whose path starts with this.
    pub path_prefix: Option<String>,
    /// Only rows whose name (the listing's sort column) starts with this.
    pub name: Option<String>,
}

/// A listed row: `id`, `file`, `language` and the listing's columns in `camelCase`, ready
/// to hand to JavaScript as is.
pub type Row = Map<String, Value>;

impl Listing {
    /// The page query. The cursor and the name prefix become ranges on the sort column, so
    /// `SQLite` seeks the `(sort, id)` index to the first row of the page instead of walking to
    /// it: four statement shapes, each prepared once and cached.
    fn select(&self, after_cursor: bool, name_prefix: bool) -> String {
        let columns: Vec<String> = self
            .columns
            .iter()
            .map(|column| format!("t.{}", column.name()))
            .collect();
        let sort = self.sort;
        let mut conditions = vec![FILE_CONDITIONS.to_owned()];
        if name_prefix {
            conditions.push(format!("t.{sort} >= ?3 AND t.{sort} < ?3 || char(1114111)"));
        }
        if after_cursor {
            conditions.push(format!("(t.{sort}, t.id) > (?4, ?5)"));
        }
        format!(
            "SELECT t.id, f.path, f.language, {} FROM {} t JOIN files f ON f.id = t.file_id
             WHERE {} ORDER BY t.{sort}, t.id LIMIT ?6",
            columns.join(", "),
            self.name,
            conditions.join(" AND "),
        )
    }

    fn conditions(&self) -> String {
        format!(
            "{FILE_CONDITIONS} AND (?3 IS NULL OR substr(t.{sort}, 1, length(?3)) = ?3)",
            sort = self.sort
        )
    }

    /// Rows matching `filter` over all pages.
    pub fn total(&self, connection: &Connection, filter: &RowFilter) -> Result<u64, StorageError> {
        let sql = if filter == &RowFilter::default() {
            format!("SELECT count(*) FROM {}", self.name)
        } else {
            format!(
                "SELECT count(*) FROM {} t JOIN files f ON f.id = t.file_id WHERE {}",
                self.name,
                self.conditions()
            )
        };
        let mut statement = connection.prepare_cached(&sql).map_err(classify)?;
        let total = if filter == &RowFilter::default() {
            statement.query_row([], |row| row.get(0))
        } else {
            statement.query_row(
                params![filter.language, filter.path_prefix, filter.name],
                |row| row.get(0),
            )
        };
        total.map_err(classify)
    }

    /// One page of rows after `page.cursor`; `total` is counted by the caller (see
    /// [`Listing::total`]) so it can be reused across pages.
    pub fn page(
        &self,
        connection: &Connection,
        filter: &RowFilter,
        page: &PageRequest,
        total: u64,
    ) -> Result<Page<Row>, StorageError> {
        let limit = page.limit()?;
        let after = page
            .cursor
            .as_deref()
            .map(|text| Cursor::decode(text, self.name))
            .transpose()?;
        let (after_key, after_id) = after.map_or((None, None), |cursor| {
            (Some(cursor.sort_key), Some(cursor.id))
        });
        let name_prefix = filter.name.as_deref().is_some_and(|name| !name.is_empty());
        let sql = self.select(after_key.is_some(), name_prefix);
        let mut statement = connection.prepare_cached(&sql).map_err(classify)?;
        let mut rows = statement
            .query(params![
                filter.language,
                filter.path_prefix,
                filter.name,
                after_key,
                after_id,
                i64::from(limit) + 1
            ])
            .map_err(classify)?;
        let mut items = Vec::with_capacity(limit as usize + 1);
        while let Some(row) = rows.next().map_err(classify)? {
            items.push(self.row(row).map_err(classify)?);
        }
        let has_more = items.len() > limit as usize;
        items.truncate(limit as usize);
        let next_cursor = match items.last() {
            Some(last) if has_more => Some(
                Cursor {
                    listing: self.name.to_owned(),
                    sort_key: last
                        .get(&camel(self.sort))
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    id: last.get("id").and_then(Value::as_i64).unwrap_or_default(),
                }
                .encode(),
            ),
            _ => None,
        };
        Ok(Page {
            items,
            total,
            has_more,
            next_cursor,
        })
    }

    fn row(&self, row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
        let mut map = Map::with_capacity(self.columns.len() + 3);
        map.insert("id".to_owned(), Value::from(row.get::<_, i64>(0)?));
        map.insert("file".to_owned(), Value::from(row.get::<_, String>(1)?));
        map.insert(
            "language".to_owned(),
            row.get::<_, Option<String>>(2)?
                .map_or(Value::Null, Value::from),
        );
        for (index, column) in self.columns.iter().enumerate() {
            let index = index + 3;
            let value = match column {
                Column::Text(_) => Value::from(row.get::<_, String>(index)?),
                Column::OptionalText(_) => row
                    .get::<_, Option<String>>(index)?
                    .map_or(Value::Null, Value::from),
                Column::Integer(_) => Value::from(row.get::<_, i64>(index)?),
                Column::Flag(_) => Value::from(row.get::<_, bool>(index)?),
                Column::Json(_) => {
                    serde_json::from_str(&row.get::<_, String>(index)?).unwrap_or(Value::Null)
                }
            };
            map.insert(camel(column.name()), value);
        }
        Ok(map)
    }
}

/// The listing called `name` (`"functions"`, `"classes"`, ...).
pub fn by_name(name: &str) -> Result<&'static Listing, StorageError> {
    ALL.into_iter()
        .find(|listing| listing.name == name)
        .ok_or_else(|| StorageError::InvalidFilter {
            reason: format!(
                "there is no `{name}` listing; use one of {}",
                ALL.map(|listing| listing.name).join(", ")
            ),
        })
}

/// `snake_case` to `camelCase`.
fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_names() {
        assert_eq!(camel("qualified_name"), "qualifiedName");
        assert_eq!(camel("line"), "line");
        assert_eq!(camel("arg_count"), "argCount");
    }

    #[test]
    fn unknown_listing_names_the_known_ones() {
        let err = by_name("nope").unwrap_err().to_string();
        assert!(
            err.contains("functions, classes, imports, exports, call_sites"),
            "{err}"
        );
    }
}
