from django.db import connection

from .models import Customer


def reset_sequences(sequence_sql):
    with connection.cursor() as cursor:
        # One statement after another, not one query per row.
        # expect-no-pattern: data_access/query-in-loop
        for line in sequence_sql:
            cursor.execute(line)


def check_constraints(cursor, table_names):
    # expect-no-pattern: data_access/query-in-loop
    for table_name in table_names:
        key_columns = connection.introspection.get_key_columns(cursor, table_name)
        # expect-no-pattern: data_access/query-in-loop
        for column_name, referenced_table, referenced_column in key_columns:
            cursor.execute("SELECT 1 FROM %s WHERE %s IS NULL" % (table_name, column_name))


def row_counts(cursor, tables):
    # expect-no-pattern: data_access/query-in-loop
    for table in tables:
        cursor.execute("SELECT COUNT(*) FROM %s" % table)


def sizes(cursor, changedTables):
    # expect-no-pattern: data_access/query-in-loop
    return [cursor.execute("SELECT 1 FROM " + t) for t in changedTables]


def stable_customers(orders):
    found = []
    # expect-pattern: data_access/query-in-loop
    for order in orders:
        found.append(Customer.objects.filter(pk=order.customer_id, stable=True).first())
    return found
