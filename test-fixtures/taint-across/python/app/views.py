import subprocess

from flask import Flask, request

from app import db, files, shell
from app.inputs import query_param
from app.reports import ReportService

app = Flask(__name__)
reports = ReportService()


@app.route("/search")
def search():
    term = request.args.get("q")
    return db.find_by_name(term)


@app.route("/search/int")
def search_by_id():
    item_id = int(request.args.get("id"))
    return db.find_by_name(item_id)


@app.route("/search/safe")
def search_safe():
    return db.find_safely(request.args.get("q"))


@app.route("/ping")
def ping():
    host = query_param("host")
    subprocess.call("ping -c 1 " + host, shell=True)  # drift-expect: flow os_command
    return "ok"


@app.route("/report")
def report():
    return reports.render(request.args["name"])


@app.route("/archive")
def archive():
    shell.run_fixed("tar czf /tmp/all.tgz /srv")
    return shell.run(request.form["cmd"], retries=2)


@app.route("/tree")
def tree():
    return shell.walk(request.args.get("dir"), 3)


@app.route("/count")
def count():
    return db.count_rows(request.args.get("table"))


@app.route("/reports/<name>")
def read(name):
    return files.read_report(mode="rb", name=request.args["file"])


@app.route("/reports/numbered")
def numbered():
    return files.read_numbered(request.args["n"])


@app.route("/back")
def back():
    if request.args.get("home"):
        return files.go_home()
    return files.go_back(request.args.get("next"))
