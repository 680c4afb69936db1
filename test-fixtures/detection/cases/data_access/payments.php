<?php

function pay($order)
{
    DB::transaction(function () use ($order) { // expect-pattern: data_access/transaction-managed
        $order->markPaid();
    });
}

function legacyPay(PDO $pdo, $id)
{
    $pdo->beginTransaction(); // expect-pattern: data_access/transaction-manual
    $pdo->prepare('DELETE FROM carts WHERE order_id = ?')->execute([$id]); // expect-pattern: data_access/raw-sql
    $pdo->commit();
}
