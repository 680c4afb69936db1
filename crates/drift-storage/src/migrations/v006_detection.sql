-- Schema v6: pattern detection. Per-file matches are kept with their file; learning reads them
-- as aggregates and rewrites its own tables (patterns, conventions, outliers, violations) after
-- each scan. The user's pattern statuses live apart and survive every rescan.

-- Every hit of a pattern in a file. `scope` is the file's learning scope (its top directory);
-- `sort_key` (path, then line) orders a pattern's locations and finds them by path prefix.
CREATE TABLE pattern_locations (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    pattern_id  TEXT    NOT NULL,
    sort_key    TEXT    NOT NULL,
    scope       TEXT    NOT NULL,
    line        INTEGER NOT NULL,
    col         INTEGER NOT NULL,
    end_line    INTEGER NOT NULL,
    confidence  REAL    NOT NULL,
    matched     TEXT    NOT NULL,
    suppressed  INTEGER NOT NULL
) STRICT;
CREATE INDEX pattern_locations_file ON pattern_locations (file_id);
CREATE INDEX pattern_locations_listing ON pattern_locations (pattern_id, sort_key, id);

-- Per file, pattern and per-location confidence: how many matches there are and how many of
-- them a comment suppresses. Learning reads these counts (a few per pattern and file), not
-- the matches.
CREATE TABLE pattern_counts (
    file_id    INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    pattern_id TEXT    NOT NULL,
    scope      TEXT    NOT NULL,
    confidence REAL    NOT NULL,
    matches    INTEGER NOT NULL,
    suppressed INTEGER NOT NULL
) STRICT;
CREATE INDEX pattern_counts_file ON pattern_counts (file_id);

-- Per file: generated or minified (kept out of learning), framework signals that fired, and
-- its `drift-ignore` comments (JSON), whose rule names are checked after loading packs.
CREATE TABLE file_detection (
    file_id      INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    generated    INTEGER NOT NULL,
    frameworks   TEXT    NOT NULL,
    suppressions TEXT    NOT NULL
) STRICT;

-- Statuses the user set (discovered / approved / ignored), by pattern id.
CREATE TABLE pattern_status (
    pattern_id TEXT    PRIMARY KEY,
    status     TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- Learning's results, rewritten by each run. `sort_key` orders the listing by confidence
-- (highest first), then id.
CREATE TABLE patterns (
    rid             INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    sort_key        TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    category        TEXT    NOT NULL,
    sub_type        TEXT,
    grp             TEXT    NOT NULL,
    framework       TEXT,
    description     TEXT    NOT NULL,
    role            TEXT    NOT NULL,
    confidence      REAL    NOT NULL,
    alpha           REAL    NOT NULL,
    beta            REAL    NOT NULL,
    ci_low          REAL    NOT NULL,
    ci_high         REAL    NOT NULL,
    tier            TEXT    NOT NULL,
    location_count  INTEGER NOT NULL,
    all_locations   INTEGER NOT NULL,
    file_spread     INTEGER NOT NULL,
    outlier_count   INTEGER NOT NULL,
    dominance       REAL    NOT NULL,
    violation_count INTEGER NOT NULL,
    cwe_ids         TEXT    NOT NULL,
    owasp           TEXT,
    momentum        TEXT    NOT NULL,
    first_seen      INTEGER NOT NULL
) STRICT;
CREATE INDEX patterns_listing ON patterns (sort_key, rid);
CREATE INDEX patterns_category ON patterns (category, sort_key);

-- When each pattern was first seen; kept across runs (age).
CREATE TABLE pattern_seen (
    pattern_id TEXT    PRIMARY KEY,
    first_seen INTEGER NOT NULL
) STRICT;

-- Location counts of the last runs (momentum).
CREATE TABLE pattern_history (
    pattern_id TEXT    NOT NULL,
    run        INTEGER NOT NULL,
    locations  INTEGER NOT NULL,
    PRIMARY KEY (pattern_id, run)
) STRICT;

CREATE TABLE detection_runs (
    run        INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    patterns   INTEGER NOT NULL,
    violations INTEGER NOT NULL
) STRICT;

CREATE TABLE conventions (
    grp        TEXT    NOT NULL,
    scope      TEXT    NOT NULL,
    pattern_id TEXT    NOT NULL,
    dominance  REAL    NOT NULL,
    total      INTEGER NOT NULL,
    contested  INTEGER NOT NULL,
    enforced   INTEGER NOT NULL,
    PRIMARY KEY (grp, scope)
) STRICT;

-- Per pattern, the per-location confidence values the outlier methods flagged.
CREATE TABLE outliers (
    pattern_id   TEXT    NOT NULL,
    value        REAL    NOT NULL,
    count        INTEGER NOT NULL,
    methods      TEXT    NOT NULL,
    deviation    REAL    NOT NULL,
    significance TEXT    NOT NULL,
    PRIMARY KEY (pattern_id, value)
) STRICT;

-- Violations of the last run. `sort_key` orders worst first, then by place.
CREATE TABLE violations (
    rid             INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    sort_key        TEXT    NOT NULL,
    file            TEXT    NOT NULL,
    line            INTEGER NOT NULL,
    col             INTEGER NOT NULL,
    end_line        INTEGER NOT NULL,
    severity        TEXT    NOT NULL,
    pattern_id      TEXT    NOT NULL,
    rule_id         TEXT    NOT NULL,
    category        TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    message         TEXT    NOT NULL,
    convention      TEXT,
    fix_strategy    TEXT,
    fix_description TEXT,
    cwe_id          INTEGER,
    owasp           TEXT,
    suppressed      INTEGER NOT NULL,
    is_new          INTEGER NOT NULL,
    snippet         TEXT    NOT NULL
) STRICT;
CREATE INDEX violations_listing ON violations (suppressed, sort_key, rid);
CREATE INDEX violations_file ON violations (file, line);
CREATE INDEX violations_pattern ON violations (pattern_id);

-- Files stored before this version were never run through detection: make the next scan read
-- and parse them again (as v5 did).
UPDATE files SET content_hash = 0, size = -1, mtime_ns = -1, parse_status = 'pending';
