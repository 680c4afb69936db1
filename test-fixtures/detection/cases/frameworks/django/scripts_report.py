# Not Django: a plain sqlite script and a GUI view.
import sqlite3

from toolkit import View


class MainView(View): # expect-no-pattern: django/api/class-based-view
    pass


def export(request): # expect-no-pattern: django/api/function-view
    conn = sqlite3.connect("report.db")
    cursor = conn.cursor()
    cursor.execute("SELECT 1") # expect-no-pattern: django/data_access/raw-sql
    return Response(cursor.fetchall())
