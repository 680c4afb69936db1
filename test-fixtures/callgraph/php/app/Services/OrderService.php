<?php

namespace App\Services;

use App\Support\Money;

class OrderService
{
    public function place(string $id): string
    {
        $total = Money::format($this->price($id));
        return $this->label($id) . $total;
    }

    private function price(string $id): int
    {
        return strlen($id) * 100;
    }

    private function label(string $id): string
    {
        return "order {$id}";
    }

    private function unused(): void
    {
    }
}
