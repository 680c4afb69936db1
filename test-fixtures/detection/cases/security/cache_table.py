"""A database-backed cache: the table and column names are interpolated, the values are bound."""

from datetime import datetime


class DatabaseCache:
    def __init__(self, connection, table):
        self.connection = connection
        self.quote_name = connection.ops.quote_name
        self._table = table

    def count(self, cursor):
        table = self.quote_name(self._table)
        cursor.execute("SELECT COUNT(*) FROM %s" % table)  # expect-no-pattern: security/sql-string-built
        return cursor.fetchone()[0]

    def expire(self, cursor, now):
        table = self.quote_name(self._table)
        cursor.execute("DELETE FROM %s WHERE expires < %%s" % table, [now])  # expect-no-pattern: security/sql-string-built
        cursor.execute('DELETE FROM %s' % self.quote_name(self._table))  # expect-no-pattern: security/sql-string-built

    def touch(self, cursor, key, expires):
        quote_name = self.quote_name
        cursor.execute(
            'UPDATE %s SET %s = %%s WHERE %s = %%s' % (  # expect-no-pattern: security/sql-string-built
                quote_name(self._table),
                quote_name("expires"),
                quote_name("cache_key"),
            ),
            [expires, key],
        )

    def get(self, cursor, key):
        quote_name = self.quote_name
        cursor.execute(
            "SELECT %s, %s FROM %s WHERE %s = %%s" % (  # expect-no-pattern: security/sql-string-built
                quote_name("cache_key"),
                quote_name("value"),
                quote_name(self._table),
                quote_name("cache_key"),
            ),
            [key],
        )
        return cursor.fetchone()

    def add(self, cursor, key, value, expires):
        cursor.execute(
            "INSERT INTO %s (%s, %s, %s) VALUES (%%s, %%s, %%s)" % (  # expect-no-pattern: security/sql-string-built
                self.quote_name(self._table),
                self.quote_name("cache_key"),
                self.quote_name("value"),
                self.quote_name("expires"),
            ),
            [key, value, expires],
        )

    def rows(self, cursor, table):
        cursor.execute(f"SELECT * FROM {table} WHERE expires > %s", [datetime.now()])  # expect-no-pattern: security/sql-string-built
        cursor.execute("SELECT * FROM {} LIMIT 1".format(self.quote_name(table)))  # expect-no-pattern: security/sql-string-built
        return cursor.fetchall()

    # Values interpolated next to the identifier: still SQL built from data.
    def find(self, cursor, table, key):
        cursor.execute("SELECT * FROM %s WHERE cache_key = %s" % (table, key))  # expect-pattern: security/sql-string-built
        cursor.execute("SELECT * FROM %s WHERE cache_key = '%s'" % (table, key))  # expect-pattern: security/sql-string-built
        cursor.execute(f"SELECT * FROM {table} WHERE cache_key = '{key}'")  # expect-pattern: security/sql-string-built
        cursor.execute("SELECT * FROM %s" % table + " WHERE cache_key = " + key)  # expect-pattern: security/sql-string-built
        cursor.execute("DELETE FROM %s WHERE %s IN (%s)" % (table, "cache_key", ", ".join(key)))  # expect-pattern: security/sql-string-built
        cursor.execute("SELECT * FROM cache WHERE cache_key = %s" % key)  # expect-pattern: security/sql-string-built
        return cursor.fetchall()
