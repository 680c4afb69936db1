from django.db import connection, models
from django.shortcuts import get_object_or_404


class Customer(models.Model):  # drift-expect: model Customer
    email = models.EmailField(unique=True)
    date_of_birth = models.DateField()


def active_customers():
    return Customer.objects.filter(active=True).order_by("email")  # drift-expect: select Customer


def close_account(customer_id):
    Customer.objects.filter(id=customer_id).delete()  # drift-expect: delete Customer
    Order.objects.create(customer_id=customer_id, kind="closure")  # drift-expect: insert Order
    total = Order.objects.filter(customer_id=customer_id).count()  # drift-expect: count Order
    return total


def search(term):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM customers WHERE name = '%s'" % term)  # drift-expect: raw_query customers unsafe
        return cursor.fetchall()


def report(name):
    # Ordinary methods named like queries on other objects are not data access.
    items = {"a": 1}
    items.update(b=2)
    name.strip().count("x")
    return get_object_or_404(Customer, pk=1)
