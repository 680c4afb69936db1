<?php

namespace Tests\Feature;

use App\Models\User;
use Illuminate\Foundation\Testing\RefreshDatabase;
use Tests\TestCase;

class PostTest extends TestCase // expect-pattern: laravel/testing/feature-test
{
    use RefreshDatabase;

    public function test_guests_cannot_create_posts(): void
    {
        $this->post('/posts', ['title' => 'Hi'])->assertRedirect('/login');
    }
}
