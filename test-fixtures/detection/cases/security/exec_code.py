import sys


def run_command(options):
    exec(options["command"], globals())  # expect-pattern: security/exec-code


def run_stdin():
    source = sys.stdin.read()
    exec(compile(source, "<stdin>", "exec"), {})  # expect-pattern: security/exec-code


def constant():
    exec("import this")  # expect-no-pattern: security/exec-code


def other(cursor):
    cursor.exec("SELECT 1")  # expect-no-pattern: security/exec-code
