<?php

use App\Http\Controllers\PostController;
use Illuminate\Support\Facades\Route;

Route::get('/', fn () => view('welcome')); // expect-pattern: laravel/api/route-definition  expect-no-pattern: laravel/auth/auth-middleware

Route::middleware(['auth', 'verified'])->group(function () { // expect-pattern: laravel/auth/auth-middleware  expect-no-pattern: laravel/api/route-definition
    Route::resource('posts', PostController::class)->except(['index', 'show']); // expect-pattern: laravel/api/route-definition  expect-no-pattern: laravel/auth/auth-middleware
});

Route::get('/posts/{post}', [PostController::class, 'show'])->middleware('can:view,post'); // expect-pattern: laravel/api/route-definition, laravel/auth/auth-middleware

Route::get('/feed', [PostController::class, 'feed'])->middleware('throttle:60,1'); // expect-no-pattern: laravel/auth/auth-middleware
