<?php

function register(string $password): string
{
    return password_hash($password, PASSWORD_DEFAULT); // expect-pattern: auth/password-hash-strong
}

function legacy(string $password): string
{
    return md5($password); // expect-pattern: auth/password-hash-weak  expect-no-pattern: auth/password-hash-strong
}

function cacheKey(string $path): string
{
    return md5($path); // expect-no-pattern: auth/password-hash-weak
}

function canPublish($user, $post): bool
{
    return Gate::allows('publish', $post) && $user->hasRole('editor'); // expect-pattern: auth/permission-check, auth/role-check
}
