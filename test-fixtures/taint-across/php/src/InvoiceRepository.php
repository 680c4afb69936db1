<?php

namespace App;

class InvoiceRepository
{
    private \PDO $pdo;

    public function byCustomer($customer)
    {
        $sql = "SELECT * FROM invoices WHERE customer = '" . $customer . "'";
        return $this->pdo->query($sql); // drift-expect: flow sql_query
    }

    public function byCustomerSafely($customer)
    {
        $statement = $this->pdo->prepare("SELECT * FROM invoices WHERE customer = ?");
        return $statement->execute([$customer]);
    }

    public function label($status)
    {
        return strtoupper($status);
    }
}
