<?php

namespace App;

class Printer
{
    public function printFile($name)
    {
        $path = "/srv/invoices/" . $name;
        shell_exec("lp " . $path); // drift-expect: flow os_command
    }
}
