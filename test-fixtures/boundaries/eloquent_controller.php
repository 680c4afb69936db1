<?php

namespace App\Http\Controllers;

use App\Models\Invoice;
use Illuminate\Support\Facades\DB;

class InvoiceController extends Controller
{
    public function index()
    {
        return Invoice::where('paid', false)->orderBy('due')->get(); // drift-expect: select Invoice
    }

    public function store($data)
    {
        return Invoice::create($data); // drift-expect: insert Invoice
    }

    public function totals()
    {
        return DB::table('payments')->where('status', 'ok')->count(); // drift-expect: count payments
    }

    public function search($term)
    {
        return DB::select("SELECT * FROM invoices WHERE note = '" . $term . "'"); // drift-expect: raw_query invoices unsafe
    }
}
