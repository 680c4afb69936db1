<?php

use App\Http\Controllers\OrderController;
use Illuminate\Support\Facades\Route;

Route::post('/orders/{id}', [OrderController::class, 'store']);

function helper_total(array $items): int
{
    return array_sum($items);
}
