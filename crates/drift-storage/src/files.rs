//! The `files` table: what the scanner saw, written per scan and listed page by page.

use drift_core::errors::StorageError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::connection::classify;
use crate::pagination::{Count, Cursor, Page, PageRequest};

/// One scanned file as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// Row id (stable while the file exists).
    pub id: i64,
    /// Path relative to the project root.
    pub path: String,
    /// Language name, if Drift parses the file.
    pub language: Option<String>,
    /// xxh3-64 of the content, as the same 64 bits in an `i64`.
    pub content_hash: i64,
    /// Size in bytes.
    pub size: i64,
    /// Modification time, ns since the Unix epoch.
    pub mtime_ns: i64,
    /// The scan generation that last saw it added or modified.
    pub changed_in: i64,
}

/// What a scan writes for one file (the id is assigned by the database).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileWrite {
    /// Path relative to the project root.
    pub path: String,
    /// Language name, if any.
    pub language: Option<String>,
    /// xxh3-64 bits.
    pub content_hash: i64,
    /// Size in bytes.
    pub size: i64,
    /// Modification time, ns.
    pub mtime_ns: i64,
}

/// Starts a new scan generation and returns it.
pub fn next_generation(tx: &Transaction<'_>) -> Result<i64, StorageError> {
    tx.query_row(
        "UPDATE scan_state SET generation = generation + 1 WHERE id = 1 RETURNING generation",
        [],
        |row| row.get(0),
    )
    .map_err(classify)
}

/// Inserts or updates files; a file whose content hash changed (or that is new) is marked
/// changed in `generation` and its parse status goes back to `pending`.
pub fn upsert(
    tx: &Transaction<'_>,
    generation: i64,
    files: &[FileWrite],
) -> Result<(), StorageError> {
    let mut statement = tx
        .prepare_cached(
            "INSERT INTO files (path, language, content_hash, size, mtime_ns, changed_in)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (path) DO UPDATE SET
               language = excluded.language,
               size = excluded.size,
               mtime_ns = excluded.mtime_ns,
               changed_in = CASE WHEN files.content_hash = excluded.content_hash
                                 THEN files.changed_in ELSE excluded.changed_in END,
               parse_status = CASE WHEN files.content_hash = excluded.content_hash
                                   THEN files.parse_status ELSE 'pending' END,
               content_hash = excluded.content_hash",
        )
        .map_err(classify)?;
    for file in files {
        statement
            .execute(params![
                file.path,
                file.language,
                file.content_hash,
                file.size,
                file.mtime_ns,
                generation
            ])
            .map_err(classify)?;
    }
    Ok(())
}

/// Deletes files (and, through foreign keys and a trigger, everything extracted from them); returns how
/// many existed.
pub fn delete(tx: &Transaction<'_>, paths: &[String]) -> Result<usize, StorageError> {
    let mut statement = tx
        .prepare_cached("DELETE FROM files WHERE path = ?1")
        .map_err(classify)?;
    let mut deleted = 0;
    for path in paths {
        deleted += statement.execute([path]).map_err(classify)?;
    }
    Ok(deleted)
}

/// One file by path.
pub fn get(connection: &Connection, path: &str) -> Result<Option<FileRecord>, StorageError> {
    connection
        .prepare_cached(
            "SELECT id, path, language, content_hash, size, mtime_ns, changed_in FROM files WHERE path = ?1",
        )
        .map_err(classify)?
        .query_row([path], record)
        .optional()
        .map_err(classify)
}

fn record(row: &rusqlite::Row<'_>) -> rusqlite::Result<FileRecord> {
    Ok(FileRecord {
        id: row.get(0)?,
        path: row.get(1)?,
        language: row.get(2)?,
        content_hash: row.get(3)?,
        size: row.get(4)?,
        mtime_ns: row.get(5)?,
        changed_in: row.get(6)?,
    })
}

/// Filters of [`list`]; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileFilter {
    /// Only this language (`"unknown"` = files without one).
    pub language: Option<String>,
    /// Only paths starting with this prefix.
    pub path_prefix: Option<String>,
    /// Only files changed in this scan generation or later.
    pub changed_since: Option<i64>,
}

/// Files matching `filter`. Only the filters given become conditions, each in a form an index
/// answers: the page's own `?1 IS NULL OR ...` form would make `SQLite` read every row of
/// `files` for each page's total (a page of 100 files at a time through 93,000 of them, after a
/// reload in the browser, read the table 934 times).
fn count(connection: &Connection, filter: &FileFilter) -> Result<u64, StorageError> {
    let mut count = Count::default();
    match filter.language.as_deref() {
        Some("unknown") => {
            let n = count.bind("unknown".to_owned());
            count.require(format!("(language IS NULL OR language = ?{n})"));
        }
        Some(language) => {
            let n = count.bind(language.to_owned());
            count.require(format!("language = ?{n}"));
        }
        None => {}
    }
    if let Some(prefix) = &filter.path_prefix {
        let n = count.bind(prefix.clone());
        count.require(format!("path >= ?{n} AND path < ?{n} || char(1114111)"));
    }
    if let Some(since) = filter.changed_since {
        let n = count.bind(since);
        count.require(format!("changed_in >= ?{n}"));
    }
    count.run(connection, "files")
}

/// A page of files ordered by path.
pub fn list(
    connection: &Connection,
    filter: &FileFilter,
    page: &PageRequest,
) -> Result<Page<FileRecord>, StorageError> {
    let limit = page.limit()?;
    let after = page
        .cursor
        .as_deref()
        .map(|text| Cursor::decode(text, "files"))
        .transpose()?;
    // `?1 IS NULL OR ...` keeps one cached statement per query shape.
    let conditions = "(?1 IS NULL OR (?1 = 'unknown' AND language IS NULL) OR language = ?1)
        AND (?2 IS NULL OR substr(path, 1, length(?2)) = ?2)
        AND (?3 IS NULL OR changed_in >= ?3)";
    let total = count(connection, filter)?;
    let (after_key, after_id) = after.map_or((None, None), |cursor| {
        (Some(cursor.sort_key), Some(cursor.id))
    });
    // With a cursor the page starts with an index seek to `(path, id)`, not a walk to it.
    let after_cursor = if after_key.is_some() {
        "AND (path, id) > (?4, ?5)"
    } else {
        ""
    };
    let mut statement = connection
        .prepare_cached(&format!(
            "SELECT id, path, language, content_hash, size, mtime_ns, changed_in FROM files
             WHERE {conditions} {after_cursor}
             ORDER BY path, id LIMIT ?6"
        ))
        .map_err(classify)?;
    let mut items: Vec<FileRecord> = statement
        .query_map(
            params![
                filter.language,
                filter.path_prefix,
                filter.changed_since,
                after_key,
                after_id,
                i64::from(limit) + 1
            ],
            record,
        )
        .map_err(classify)?
        .collect::<Result<_, _>>()
        .map_err(classify)?;
    let has_more = items.len() > limit as usize;
    items.truncate(limit as usize);
    // `limit` >= 1, so a page with more rows after it has a last row.
    let next_cursor = items.last().filter(|_| has_more).map(|last| {
        Cursor {
            listing: "files".to_owned(),
            sort_key: last.path.clone(),
            id: last.id,
        }
        .encode()
    });
    Ok(Page {
        items,
        total,
        has_more,
        next_cursor,
    })
}
