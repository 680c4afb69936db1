-- Schema v8: each file's call-graph facts say which scan wrote them, and the scan state says
-- which scan was recorded complete, so the graph after a scan reads only what that scan wrote
-- and resolves only the calls it may have moved. The facts also changed shape (functions
-- passed as values): the next scan reads every file again.

DROP TABLE graph_facts;
CREATE TABLE graph_facts (
    file_id    INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    written_in INTEGER NOT NULL,
    facts      BLOB    NOT NULL
) STRICT;
CREATE INDEX graph_facts_written ON graph_facts (written_in);

ALTER TABLE scan_state ADD COLUMN recorded_generation INTEGER NOT NULL DEFAULT 0;

UPDATE files SET content_hash = 0, size = -1, mtime_ns = -1, parse_status = 'pending';
