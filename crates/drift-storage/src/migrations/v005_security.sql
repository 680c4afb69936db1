-- Schema v5: what the security analyses find in each file.

-- Committed secrets found in the scanned files. A row names the kind of secret and
-- where it is, with a masked preview and a fingerprint: never the value. `sort_key` orders the
-- listing open first, worst first, then by place: the same in every build, whatever order the
-- files were stored in. A file's rows go with the file.


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

-- Fields of classes, models and schemas that hold personal data, credentials, money or health
-- data, with how sure the classification is and why.
CREATE TABLE sensitive_fields (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    model       TEXT    NOT NULL,
    field       TEXT    NOT NULL,
    sensitivity TEXT    NOT NULL,  -- pii | credentials | financial | health
    line        INTEGER NOT NULL,
    confidence  REAL    NOT NULL,
    specificity REAL    NOT NULL,
    matched     TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    model_key   TEXT    NOT NULL   -- the class's last name segment, lower-case, singular
) STRICT;
CREATE INDEX sensitive_fields_file ON sensitive_fields (file_id);
CREATE INDEX sensitive_fields_model ON sensitive_fields (model, field);
CREATE INDEX sensitive_fields_key ON sensitive_fields (model_key, sensitivity);

-- Data-access boundaries: queries and mutations through ORMs, query builders and raw SQL, and
-- model definitions (operation `model`). `model_key` joins a model or table to the sensitive
-- fields of the class of that name (`users`, `User` and `app.models.User` are all `user`).
CREATE TABLE boundaries (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    sort_key    TEXT    NOT NULL,
    framework   TEXT    NOT NULL,
    model       TEXT    NOT NULL,
    model_key   TEXT    NOT NULL,
    operation   TEXT    NOT NULL,
    line        INTEGER NOT NULL,
    col         INTEGER NOT NULL,
    function    TEXT,
    confidence  REAL    NOT NULL,
    raw_sql     INTEGER NOT NULL,
    unsafe_sql  TEXT
) STRICT;
CREATE INDEX boundaries_file ON boundaries (file_id);
CREATE INDEX boundaries_listing ON boundaries (sort_key, id);
CREATE INDEX boundaries_key ON boundaries (model_key);

-- Taint flows within functions: untrusted data reaching a sink without its sanitizer, with the
-- steps between (a JSON array of {line, description}).
CREATE TABLE taint_flows (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    function    TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    source_line INTEGER NOT NULL,
    source      TEXT    NOT NULL,
    sink_line   INTEGER NOT NULL,
    sink_col    INTEGER NOT NULL,
    sink        TEXT    NOT NULL,
    sink_type   TEXT    NOT NULL,
    cwe         INTEGER NOT NULL,
    path        TEXT    NOT NULL,
    confidence  REAL    NOT NULL
) STRICT;
CREATE INDEX taint_flows_file ON taint_flows (file_id);
CREATE INDEX taint_flows_function ON taint_flows (function);

-- Files stored before this version were never analysed for these: their stored size, time and
-- hash are cleared, so the next scan reads, hashes and parses every file again (a size and time
-- that still matched would let it skip the file, and its rows would then be dropped as stale).
UPDATE files SET content_hash = 0, size = -1, mtime_ns = -1, parse_status = 'pending';
