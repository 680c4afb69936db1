-- Schema v2: exports, with the indexes their listing needs, and a parse-status index so the
-- status query does not scan every file.

CREATE TABLE exports (
    id         INTEGER PRIMARY KEY,
    file_id    INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    is_default INTEGER NOT NULL,
    source     TEXT,              -- re-exported module, if any
    line       INTEGER NOT NULL
) STRICT;
CREATE INDEX exports_file ON exports (file_id);
CREATE INDEX exports_name ON exports (name, id);

CREATE INDEX files_parse_status ON files (parse_status);
