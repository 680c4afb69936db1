<?php

namespace App;

class Pages
{
    public function show()
    {
        return $this->render($_GET['page']);
    }

    public function home()
    {
        return $this->render('home');
    }

    private function render($page)
    {
        return file_get_contents(__DIR__ . '/pages/' . $page . '.html'); // drift-expect: flow file_path
    }
}
