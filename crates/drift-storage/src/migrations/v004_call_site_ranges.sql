-- Schema v4: call sites, three quarters of all rows, without a file index. A row's id is the
-- file's id times 2^20 plus its ordinal in the file, so one file's call sites are one range of
-- the table: replacing or deleting them is a range delete, and each insert updates two b-trees
-- (the table and the callee index) instead of three. A trigger takes the place of the foreign
-- key's cascade.

CREATE TABLE call_sites_v4 (
    id        INTEGER PRIMARY KEY,  -- (file_id << 20) + ordinal
    file_id   INTEGER NOT NULL,
    callee    TEXT    NOT NULL,
    receiver  TEXT,
    arg_count INTEGER NOT NULL,
    line      INTEGER NOT NULL,
    col       INTEGER NOT NULL
) STRICT;
INSERT INTO call_sites_v4 (id, file_id, callee, receiver, arg_count, line, col)
SELECT (file_id << 20) + row_number() OVER (PARTITION BY file_id ORDER BY id) - 1,
       file_id, callee, receiver, arg_count, line, col
FROM call_sites;
DROP TABLE call_sites;
ALTER TABLE call_sites_v4 RENAME TO call_sites;
CREATE INDEX call_sites_callee ON call_sites (callee, id);

CREATE TRIGGER call_sites_of_deleted_files AFTER DELETE ON files BEGIN
    DELETE FROM call_sites WHERE id >= (old.id << 20) AND id < ((old.id + 1) << 20);
END;
