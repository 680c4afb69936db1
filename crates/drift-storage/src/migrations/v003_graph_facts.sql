-- Schema v3: what the call graph needs from each parsed file (functions with their ids, calls
-- attributed to their caller, imports, exports, class bases), as one postcard record per file.
-- The graph is rebuilt from these without parsing again; a file's row goes with the file.

CREATE TABLE graph_facts (
    file_id INTEGER PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
    facts   BLOB    NOT NULL
) STRICT;
