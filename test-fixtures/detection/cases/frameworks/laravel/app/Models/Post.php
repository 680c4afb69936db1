<?php

namespace App\Models;

use Illuminate\Database\Eloquent\Factories\HasFactory;
use Illuminate\Database\Eloquent\Model;

class Post extends Model // expect-pattern: laravel/data_access/eloquent-model
{
    use HasFactory;

    protected $fillable = ['title', 'body', 'published_at']; // expect-pattern: laravel/security/fillable  expect-no-pattern: laravel/security/guarded-empty

    protected $casts = ['published_at' => 'datetime']; // expect-no-pattern: laravel/security/fillable, laravel/security/guarded-empty
}

class Tag extends Model
{
    protected $guarded = []; // expect-pattern: laravel/security/guarded-empty  expect-no-pattern: laravel/security/fillable
}

class AuditEntry extends Model
{
    protected $guarded = ['id']; // expect-no-pattern: laravel/security/guarded-empty
}
