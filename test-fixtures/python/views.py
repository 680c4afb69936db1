"""Views of the billing service: one reads invoices through the ORM, one builds SQL from the
request, one hands the request's value to a helper that runs it in a shell (the kinds of flow a
taint analysis is for, within one function and across two)."""

import subprocess

from django.db import connection, models
from django.http import JsonResponse


class Invoice(models.Model):
    number = models.CharField(max_length=20)
    iban = models.CharField(max_length=34)
    amount = models.DecimalField(max_digits=10, decimal_places=2)


def open_invoices(request):
    invoices = Invoice.objects.filter(paid=False).order_by("number")
    return JsonResponse({"invoices": [invoice.number for invoice in invoices]})


def search_invoices(request):
    number = request.GET.get("number", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM billing_invoice WHERE number = '%s'" % number)
        rows = cursor.fetchall()
    return JsonResponse({"ids": [row[0] for row in rows]})


def export_invoices(request):
    output = run_export(request.GET.get("format", "csv"))
    return JsonResponse({"output": output})


def run_export(fmt):
    return subprocess.check_output("billing-export --format " + fmt, shell=True)
