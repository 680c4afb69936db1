<?php

namespace App\Support;

class Money
{
    public static function format(int $cents): string
    {
        return self::prefix() . number_format($cents / 100, 2);
    }

    private static function prefix(): string
    {
        return '$';
    }
}
