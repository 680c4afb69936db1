<?php

namespace App\Services;

class Forecast extends Model // expect-no-pattern: laravel/data_access/eloquent-model
{
}
