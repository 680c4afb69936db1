//! Listings of what the parsers extracted (functions, classes, imports, exports, call sites),
//! one keyset page at a time, each row with the file it came from.
//!
//! Every listing is ordered by its name column and row id, filtered by the file's language,
//! a path prefix and a name prefix, and described by one [`Listing`] so the five share one
//! query builder; each has its own typed row ([`FunctionRow`], ...) behind [`ListedRow`].

use drift_core::errors::StorageError;
use rusqlite::{Connection, params};

use crate::connection::classify;
use crate::pagination::{Count, Cursor, Page, PageRequest};

/// One listable table.
#[derive(Debug)]
pub struct Listing {
    /// The cursor kind and table name.
    pub name: &'static str,
    /// The column pages are ordered and the name filter applies to.
    pub sort: &'static str,
    /// The columns read after `id`, the file's path and its language, in the order the
    /// listing's row type reads them.
    columns: &'static [&'static str],
    /// How a file's rows are found from `f`: by the table's `file_id` index, or (call sites,
    /// whose ids are `(file_id << 20) + ordinal` and which have no such index) as an id range.
    rows_of_file: &'static str,
}

/// A file's rows through the table's `file_id` index.
const BY_FILE_ID: &str = "t.file_id = f.id";

/// Functions and methods, by name.
pub const FUNCTIONS: Listing = Listing {
    name: "functions",
    sort: "name",
    columns: &[
        "name",
        "qualified_name",
        "parameters",
        "return_type",
        "is_async",
        "is_method",
        "visibility",
        "start_line",
        "end_line",
    ],
    rows_of_file: BY_FILE_ID,
};

/// Classes, interfaces, structs, enums, traits, ..., by name.
pub const CLASSES: Listing = Listing {
    name: "classes",
    sort: "name",
    columns: &[
        "name",
        "qualified_name",
        "kind",
        "bases",
        "interfaces",
        "methods",
        "start_line",
        "end_line",
    ],
    rows_of_file: BY_FILE_ID,
};

/// Imports, by the imported module.
pub const IMPORTS: Listing = Listing {
    name: "imports",
    sort: "source",
    columns: &["source", "names", "line"],
    rows_of_file: BY_FILE_ID,
};

/// Exports, by exported name.
pub const EXPORTS: Listing = Listing {
    name: "exports",
    sort: "name",
    columns: &["name", "is_default", "source", "line"],
    rows_of_file: BY_FILE_ID,
};

/// Call sites, by callee.
pub const CALL_SITES: Listing = Listing {
    name: "call_sites",
    sort: "callee",
    columns: &["callee", "receiver", "arg_count", "line", "col"],
    rows_of_file: "t.id >= (f.id << 20) AND t.id < ((f.id + 1) << 20)",
};
// The shift above is the ids' layout.
const _: () = assert!(crate::scans::CALL_SITE_SLOTS == 1 << 20);

/// A listed row: its id, the file it came from and that file's language, and the listing's
/// own columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<T> {
    /// The row's id in its table.
    pub id: i64,
    /// Path of the file, relative to the project root.
    pub file: String,
    /// The file's language.
    pub language: Option<String>,
    /// The listing's own columns.
    pub row: T,
}

/// The columns of one listing, read from its page query.
pub trait ListedRow: Sized {
    /// The listing this row type reads.
    const LISTING: &'static Listing;

    /// Reads the listing's columns, the first at index `at`.
    fn read(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self>;

    /// The value of the listing's sort column (what the next page's cursor starts after).
    fn sort_key(&self) -> &str;
}

/// A whole number column as `u32` (lines, counts), saturating.
fn count(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<u32> {
    Ok(u32::try_from(row.get::<_, i64>(at)?.max(0)).unwrap_or(u32::MAX))
}

/// A JSON array of names stored as text.
fn names(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(at)?;
    serde_json::from_str(&text).map_err(|err| {
        rusqlite::Error::FromSqlConversionFailure(at, rusqlite::types::Type::Text, Box::new(err))
    })
}

/// A function or method (lines 0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionRow {
    /// The declared name.
    pub name: String,
    /// The name with its enclosing types and namespaces.
    pub qualified_name: String,
    /// Number of parameters.
    pub parameters: u32,
    /// The declared return type, if written.
    pub return_type: Option<String>,
    /// Declared `async`.
    pub is_async: bool,
    /// Declared inside a class or type.
    pub is_method: bool,
    /// `public`, `private`, ... where the language says.
    pub visibility: Option<String>,
    /// First line.
    pub start_line: u32,
    /// Last line.
    pub end_line: u32,
}

impl ListedRow for FunctionRow {
    const LISTING: &'static Listing = &FUNCTIONS;

    fn read(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self> {
        Ok(Self {
            name: row.get(at)?,
            qualified_name: row.get(at + 1)?,
            parameters: count(row, at + 2)?,
            return_type: row.get(at + 3)?,
            is_async: row.get(at + 4)?,
            is_method: row.get(at + 5)?,
            visibility: row.get(at + 6)?,
            start_line: count(row, at + 7)?,
            end_line: count(row, at + 8)?,
        })
    }

    fn sort_key(&self) -> &str {
        &self.name
    }
}

/// A class, interface, struct, enum, trait, ... (lines 0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassRow {
    /// The declared name.
    pub name: String,
    /// The name with its enclosing types and namespaces.
    pub qualified_name: String,
    /// `class`, `interface`, `struct`, `enum`, `trait`, ...
    pub kind: String,
    /// What it extends.
    pub bases: Vec<String>,
    /// What it implements.
    pub interfaces: Vec<String>,
    /// Number of methods.
    pub methods: u32,
    /// First line.
    pub start_line: u32,
    /// Last line.
    pub end_line: u32,
}

impl ListedRow for ClassRow {
    const LISTING: &'static Listing = &CLASSES;

    fn read(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self> {
        Ok(Self {
            name: row.get(at)?,
            qualified_name: row.get(at + 1)?,
            kind: row.get(at + 2)?,
            bases: names(row, at + 3)?,
            interfaces: names(row, at + 4)?,
            methods: count(row, at + 5)?,
            start_line: count(row, at + 6)?,
            end_line: count(row, at + 7)?,
        })
    }

    fn sort_key(&self) -> &str {
        &self.name
    }
}

/// An import (line 0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// The imported module.
    pub source: String,
    /// The names imported (empty for a whole-module import).
    pub names: Vec<String>,
    /// The line.
    pub line: u32,
}

impl ListedRow for ImportRow {
    const LISTING: &'static Listing = &IMPORTS;

    fn read(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self> {
        Ok(Self {
            source: row.get(at)?,
            names: names(row, at + 1)?,
            line: count(row, at + 2)?,
        })
    }

    fn sort_key(&self) -> &str {
        &self.source
    }
}

/// An export (line 0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRow {
    /// The declared name.
    pub name: String,
    /// A default export.
    pub is_default: bool,
    /// The module re-exported from, if any.
    pub source: Option<String>,
    /// The line.
    pub line: u32,
}

impl ListedRow for ExportRow {
    const LISTING: &'static Listing = &EXPORTS;

    fn read(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self> {
        Ok(Self {
            name: row.get(at)?,
            is_default: row.get(at + 1)?,
            source: row.get(at + 2)?,
            line: count(row, at + 3)?,
        })
    }

    fn sort_key(&self) -> &str {
        &self.name
    }
}

/// A call site (line and column 0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSiteRow {
    /// The called name.
    pub callee: String,
    /// What it is called on (`this.repo`), if anything.
    pub receiver: Option<String>,
    /// Number of arguments.
    pub arg_count: u32,
    /// The line.
    pub line: u32,
    /// The column, in bytes.
    pub col: u32,
}

impl ListedRow for CallSiteRow {
    const LISTING: &'static Listing = &CALL_SITES;

    fn read(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Self> {
        Ok(Self {
            callee: row.get(at)?,
            receiver: row.get(at + 1)?,
            arg_count: count(row, at + 2)?,
            line: count(row, at + 3)?,
            col: count(row, at + 4)?,
        })
    }

    fn sort_key(&self) -> &str {
        &self.callee
    }
}

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

impl Listing {
    /// The page query. The cursor and the name prefix become ranges on the sort column, so
    /// `SQLite` seeks the `(sort, id)` index to the first row of the page instead of walking to
    /// it: four statement shapes, each prepared once and cached.
    fn select(&self, after_cursor: bool, name_prefix: bool) -> String {
        let columns: Vec<String> = self
            .columns
            .iter()
            .map(|column| format!("t.{column}"))
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

    /// Rows matching `filter` over all pages. Only the filters given become conditions, each in
    /// a form an index can answer: a count per language walks that language's files and their
    /// rows (`files_language`, then the listing's `file_id` index), where `?1 IS NULL OR ...`
    /// made `SQLite` scan the whole listing and look every row's file up.
    pub fn total(&self, connection: &Connection, filter: &RowFilter) -> Result<u64, StorageError> {
        let sort = self.sort;
        let mut count = Count::default();
        // Filters on the file need the join with `files`; a name alone does not.
        let mut by_file = false;
        if let Some(language) = &filter.language {
            let n = count.bind(language.clone());
            count.require(format!("f.language = ?{n}"));
            by_file = true;
        }
        if let Some(prefix) = &filter.path_prefix {
            let n = count.bind(prefix.clone());
            count.require(format!("substr(f.path, 1, length(?{n})) = ?{n}"));
            by_file = true;
        }
        if let Some(name) = &filter.name {
            let n = count.bind(name.clone());
            count.require(format!(
                "t.{sort} >= ?{n} AND t.{sort} < ?{n} || char(1114111)"
            ));
        }
        let from = if by_file {
            format!("files f JOIN {} t ON {}", self.name, self.rows_of_file)
        } else {
            format!("{} t", self.name)
        };
        count.run(connection, &from)
    }
}

/// One page of `T`'s listing after `page.cursor`; `total` is counted by the caller (see
/// [`Listing::total`]) so it can be reused across pages.
pub fn page<T: ListedRow>(
    connection: &Connection,
    filter: &RowFilter,
    page: &PageRequest,
    total: u64,
) -> Result<Page<Listed<T>>, StorageError> {
    let listing = T::LISTING;
    let limit = page.limit()?;
    let after = page
        .cursor
        .as_deref()
        .map(|text| Cursor::decode(text, listing.name))
        .transpose()?;
    let (after_key, after_id) = after.map_or((None, None), |cursor| {
        (Some(cursor.sort_key), Some(cursor.id))
    });
    let name_prefix = filter.name.as_deref().is_some_and(|name| !name.is_empty());
    let sql = listing.select(after_key.is_some(), name_prefix);
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
        items.push(Listed {
            id: row.get(0).map_err(classify)?,
            file: row.get(1).map_err(classify)?,
            language: row.get(2).map_err(classify)?,
            row: T::read(row, 3).map_err(classify)?,
        });
    }
    let has_more = items.len() > limit as usize;
    items.truncate(limit as usize);
    let next_cursor = match items.last() {
        Some(last) if has_more => Some(
            Cursor {
                listing: listing.name.to_owned(),
                sort_key: last.row.sort_key().to_owned(),
                id: last.id,
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
