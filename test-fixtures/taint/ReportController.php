<?php

namespace App\Http\Controllers;

class ReportController
{
    public function show($pdo)
    {
        $id = $_GET['id'];
        $rows = $pdo->query("SELECT * FROM reports WHERE id = " . $id); // drift-expect: flow sql_query
        return $rows;
    }

    public function showSafe($pdo)
    {
        $id = intval($_GET['id']);
        $rows = $pdo->query("SELECT * FROM reports WHERE id = " . $id);
        return $rows;
    }

    public function ping()
    {
        $host = $_POST['host'];
        return shell_exec("ping -c 1 " . $host); // drift-expect: flow os_command
    }

    public function pingSafe()
    {
        $host = escapeshellarg($_POST['host']);
        return shell_exec("ping -c 1 " . $host);
    }

    public function read()
    {
        $file = $_GET['file'];
        return file_get_contents("/srv/reports/" . $file); // drift-expect: flow file_path
    }

    public function restore()
    {
        $state = $_COOKIE['state'];
        return unserialize($state); // drift-expect: flow deserialization
    }
}
