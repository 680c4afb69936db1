from django.db import transaction

from .models import Customer, Order


def open_orders(customer_id):
    return Order.objects.filter(customer_id=customer_id, status="open") # expect-pattern: data_access/orm-query  expect-no-pattern: data_access/raw-sql


def totals(cursor):
    cursor.execute("SELECT customer_id, SUM(total) FROM orders GROUP BY customer_id") # expect-pattern: data_access/raw-sql  expect-no-pattern: data_access/orm-query
    return cursor.fetchall()


def rename(cursor, order_id, name):
    cursor.execute("update orders set name = %s where id = %s", (name, order_id)) # expect-pattern: data_access/raw-sql


def describe():
    return "Select the orders from the list" # expect-no-pattern: data_access/raw-sql


def customers_of(orders):
    names = []
    # expect-pattern: data_access/query-in-loop
    for order in orders:
        names.append(Customer.objects.get(pk=order.customer_id).name)
    return names


def rows(cursor):
    # expect-no-pattern: data_access/query-in-loop
    for row in cursor.execute("SELECT id FROM orders"):
        print(row)


def emails(ids):
    return [Customer.objects.get(pk=i).email for i in ids] # expect-pattern: data_access/query-in-loop


def squares(ids):
    return [i * i for i in ids] # expect-no-pattern: data_access/query-in-loop


@transaction.atomic # expect-pattern: data_access/transaction-managed
def close(order):
    order.status = "closed"
    order.save()


def close_all(orders):
    with transaction.atomic(): # expect-pattern: data_access/transaction-managed  expect-no-pattern: data_access/transaction-manual
        for order in orders:
            order.close()


def customers_in_batches(ids):
    found = []
    # expect-no-pattern: data_access/query-in-loop
    for batch in chunked(ids, 500):
        found.extend(Customer.objects.filter(pk__in=batch))
    return found
