import os

from flask import redirect


def read_report(name, mode="r"):
    with open(os.path.join("/srv/reports", name), mode) as handle:  # drift-expect: flow file_path
        return handle.read()


def read_numbered(number):
    return read_report("report-%d.txt" % int(number))


def go_back(target):
    return redirect(target)  # drift-expect: flow http_redirect


def go_home():
    return redirect("/")
