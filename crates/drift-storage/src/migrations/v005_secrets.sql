-- Schema v5: committed secrets found in the scanned files. A row names the kind of secret and
-- where it is, with a masked preview and a fingerprint: never the value. `sort_key` orders the
-- listing open first, worst first, then by place: the same in every build, whatever order the
-- files were stored in. A file's rows go with the file.
--
-- Files stored before this version were never searched for secrets: their stored hash is
-- cleared so the next scan reads them again.

CREATE TABLE secrets (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    sort_key    TEXT    NOT NULL,
    pattern     TEXT    NOT NULL,
    provider    TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    severity    TEXT    NOT NULL,  -- critical | high | medium | low | info
    status      TEXT    NOT NULL,  -- open | suppressed | placeholder
    line        INTEGER NOT NULL,
    col         INTEGER NOT NULL,
    end_col     INTEGER NOT NULL,
    masked      TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    entropy     REAL    NOT NULL,
    confidence  REAL    NOT NULL,
    cwe         TEXT    NOT NULL   -- JSON array of CWE ids
) STRICT;
CREATE INDEX secrets_file ON secrets (file_id);
CREATE INDEX secrets_listing ON secrets (sort_key, id);

UPDATE files SET content_hash = 0, parse_status = 'pending';
