import sqlite3

connection = sqlite3.connect("app.db")


def find_by_name(name):
    cursor = connection.cursor()
    cursor.execute("SELECT * FROM items WHERE name = '" + str(name) + "'")  # drift-expect: flow sql_query
    return cursor.fetchall()


def find_safely(name):
    cursor = connection.cursor()
    cursor.execute("SELECT * FROM items WHERE name = ?", (name,))
    return cursor.fetchall()


def count_rows(table):
    label = table.upper()
    return len(label)
