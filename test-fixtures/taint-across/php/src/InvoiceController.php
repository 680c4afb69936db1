<?php

namespace App;

class InvoiceController
{
    private InvoiceRepository $invoices;
    private Printer $printer;

    public function __construct(InvoiceRepository $invoices, Printer $printer)
    {
        $this->invoices = $invoices;
        $this->printer = $printer;
    }

    public function search()
    {
        $customer = $_GET['customer'];
        return $this->invoices->byCustomer($customer);
    }

    public function show()
    {
        $id = intval($_GET['id']);
        return $this->invoices->byCustomer($id);
    }

    public function printOut()
    {
        $this->printer->printFile($_POST['file']);
        $this->printer->printFile('latest.pdf');
    }

    public function total()
    {
        return $this->invoices->label($_GET['status']);
    }
}
