-- Schema v7: what each function does with the values it receives, reads and returns, as far
-- as taint is concerned (one compressed record per file). Flows across functions are composed
-- from these over the call graph without reading any file again; a file's row goes with it.

CREATE TABLE taint_summaries (
    file_id INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    summary BLOB    NOT NULL
) STRICT;

-- Files stored before this version have no summary: the next scan reads them all again.
UPDATE files SET content_hash = 0, size = -1, mtime_ns = -1, parse_status = 'pending';
