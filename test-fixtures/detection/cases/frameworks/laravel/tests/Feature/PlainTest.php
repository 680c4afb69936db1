<?php

use PHPUnit\Framework\TestCase;

class PlainTest extends TestCase // expect-no-pattern: laravel/testing/feature-test
{
    public function test_math(): void
    {
        $this->assertSame(4, 2 + 2);
    }
}
