<?php

namespace App\Http\Controllers;

use App\Http\Requests\StorePostRequest;
use App\Models\Post;
use Illuminate\Http\Request;

class PostController extends Controller // expect-pattern: laravel/api/controller
{
    public function __construct()
    {
        $this->middleware('auth:sanctum')->except(['index', 'show']); // expect-pattern: laravel/auth/auth-middleware
    }

    public function store(StorePostRequest $request) // expect-pattern: laravel/api/form-request-validation  expect-no-pattern: laravel/api/inline-validation
    {
        $post = $request->user()->posts()->create($request->validated()); // expect-no-pattern: laravel/api/inline-validation

        return redirect()->route('posts.show', $post);
    }

    public function update(Request $request, Post $post) // expect-no-pattern: laravel/api/form-request-validation
    {
        $validated = $request->validate([ // expect-pattern: laravel/api/inline-validation  expect-no-pattern: laravel/api/form-request-validation
            'title' => 'required|max:255',
            'body' => 'required',
        ]);
        $post->update($validated);

        return back();
    }
}
