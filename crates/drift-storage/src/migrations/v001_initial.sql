-- Schema v1: scanned files, the parse cache, and what the parsers extract.
-- Paths are relative to the project root, `/`-separated. Hashes are xxh3-64 stored as the
-- same 64 bits in a signed INTEGER.

CREATE TABLE files (
    id           INTEGER PRIMARY KEY,
    path         TEXT    NOT NULL UNIQUE,
    language     TEXT,
    content_hash INTEGER NOT NULL,
    size         INTEGER NOT NULL,
    mtime_ns     INTEGER NOT NULL,
    -- Scan generation that last saw the file as added or modified.
    changed_in   INTEGER NOT NULL DEFAULT 0,
    parse_status TEXT    NOT NULL DEFAULT 'pending'  -- pending | parsed | partial | failed | none
) STRICT;
CREATE INDEX files_language ON files (language, path);
CREATE INDEX files_changed ON files (changed_in, path);

CREATE TABLE parse_cache (
    content_hash INTEGER NOT NULL,
    language     TEXT    NOT NULL,
    dialect      INTEGER NOT NULL,
    result       BLOB    NOT NULL,   -- the parse result as JSON
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (content_hash, language, dialect)
) STRICT, WITHOUT ROWID;

CREATE TABLE functions (
    id             INTEGER PRIMARY KEY,
    file_id        INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    qualified_name TEXT    NOT NULL,
    parameters     INTEGER NOT NULL,
    return_type    TEXT,
    is_async       INTEGER NOT NULL,
    is_method      INTEGER NOT NULL,
    visibility     TEXT,
    start_line     INTEGER NOT NULL,
    end_line       INTEGER NOT NULL,
    body_hash      INTEGER NOT NULL,
    signature_hash INTEGER NOT NULL
) STRICT;
CREATE INDEX functions_file ON functions (file_id);
CREATE INDEX functions_name ON functions (name, id);
CREATE INDEX functions_qualified ON functions (qualified_name, id);

CREATE TABLE classes (
    id             INTEGER PRIMARY KEY,
    file_id        INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    name           TEXT    NOT NULL,
    qualified_name TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    bases          TEXT    NOT NULL,  -- JSON array
    interfaces     TEXT    NOT NULL,  -- JSON array
    methods        INTEGER NOT NULL,
    start_line     INTEGER NOT NULL,
    end_line       INTEGER NOT NULL
) STRICT;
CREATE INDEX classes_file ON classes (file_id);
CREATE INDEX classes_name ON classes (name, id);

CREATE TABLE imports (
    id      INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    source  TEXT    NOT NULL,
    names   TEXT    NOT NULL,  -- JSON array
    line    INTEGER NOT NULL
) STRICT;
CREATE INDEX imports_file ON imports (file_id);
CREATE INDEX imports_source ON imports (source, id);

CREATE TABLE call_sites (
    id        INTEGER PRIMARY KEY,
    file_id   INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    callee    TEXT    NOT NULL,
    receiver  TEXT,
    arg_count INTEGER NOT NULL,
    line      INTEGER NOT NULL,
    col       INTEGER NOT NULL
) STRICT;
CREATE INDEX call_sites_file ON call_sites (file_id);
CREATE INDEX call_sites_callee ON call_sites (callee, id);

-- One row: the scan generation counter and when the last complete scan ended.
CREATE TABLE scan_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    generation     INTEGER NOT NULL,
    last_scan_at   INTEGER,
    last_scan_root TEXT
) STRICT;
INSERT INTO scan_state (id, generation) VALUES (1, 0);
