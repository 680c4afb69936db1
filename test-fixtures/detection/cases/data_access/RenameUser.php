<?php

class RenameUser
{
    public function moveJobs($dbw)
    {
        // One select per configured table, not per row.
        // expect-no-pattern: data_access/query-in-loop
        foreach ($this->tablesJob as $table => $params) {
            $res = $dbw->select($table, [$params['time']], [$params['user'] => $this->old], __METHOD__);
            $this->queue($table, $res);
        }
        // expect-no-pattern: data_access/query-in-loop
        foreach (self::$externalTables as $table) {
            $dbw->query("INSERT INTO ext_$table SELECT * FROM $table");
        }
    }

    public function normalize($dbw, $histRows)
    {
        // expect-pattern: data_access/query-in-loop
        foreach ($histRows as $row) {
            $dbw->update('abuse_filter_history', ['afh_actions' => $row->actions], ['afh_id' => $row->id], __METHOD__);
        }
    }
}
