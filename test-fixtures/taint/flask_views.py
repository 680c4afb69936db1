import os
import pickle
import subprocess

from flask import Flask, redirect, request, send_file, url_for
from markupsafe import escape

app = Flask(__name__)


@app.route("/search")
def search():
    term = request.args.get("q")
    cursor = db.cursor()
    cursor.execute("SELECT * FROM items WHERE name = '%s'" % term)  # drift-expect: flow sql_query
    return cursor.fetchall()


@app.route("/search/default")
def search_default():
    term = request.args.get("q")
    if not term:
        term = "all"
    cursor = db.cursor()
    cursor.execute("SELECT * FROM items WHERE name = '%s'" % term)  # drift-expect: flow sql_query
    return cursor.fetchall()


@app.route("/search/safe")
def search_safe():
    term = request.args.get("q")
    cursor = db.cursor()
    cursor.execute("SELECT * FROM items WHERE name = %s", (term,))
    return cursor.fetchall()


@app.route("/item")
def item():
    item_id = int(request.args.get("id"))
    cursor = db.cursor()
    cursor.execute(f"SELECT * FROM items WHERE id = {item_id}")
    return cursor.fetchone()


@app.route("/run")
def run():
    cmd = request.form["cmd"]
    return subprocess.check_output(cmd, shell=True)  # drift-expect: flow os_command


@app.route("/ls")
def listing():
    folder = request.args["dir"]
    os.system("ls " + folder)  # drift-expect: flow os_command
    return "ok"


@app.route("/restore", methods=["POST"])
def restore():
    blob = request.get_data()
    state = pickle.loads(request.data)  # drift-expect: flow deserialization
    return str(state) + str(len(blob))


@app.route("/download")
def download():
    name = request.args.get("name")
    return send_file(os.path.join("/srv", name))  # drift-expect: flow file_path


@app.route("/greet")
def greet():
    who = escape(request.args.get("who"))
    return "<p>Hello %s</p>" % who


@app.route("/next")
def next_page():
    target = request.args.get("next")
    return redirect(target)  # drift-expect: flow http_redirect


@app.route("/item/open")
def open_item():
    return redirect(url_for("item", id=request.args.get("id")))


@app.route("/item/next")
def next_item():
    return redirect(f"/item/{request.args.get('id')}")


@app.route("/calc")
def calc():
    expression = request.args.get("e")
    expression = "1 + 1"
    return str(eval(expression))
