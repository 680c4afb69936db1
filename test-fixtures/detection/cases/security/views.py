import hashlib
import os
import pickle
import subprocess

import requests
import yaml


def run_report(name):
    os.system("generate-report " + name)  # expect-pattern: security/shell-command-injection
    os.system("make clean")  # expect-no-pattern: security/shell-command-injection
    subprocess.run(f"convert {name} out.png", shell=True)  # expect-pattern: security/shell-command-injection
    subprocess.run(["convert", name, "out.png"], check=True)  # expect-no-pattern: security/shell-command-injection
    subprocess.run("ls -la", shell=True)  # expect-no-pattern: security/shell-command-injection


def load_session(blob):
    return pickle.loads(blob)  # expect-pattern: security/unsafe-deserialization


def clone(settings):
    return pickle.loads(pickle.dumps(settings))  # expect-no-pattern: security/unsafe-deserialization


def load_config(path):
    with open(path) as handle:
        legacy = yaml.load(handle, Loader=yaml.Loader)  # expect-pattern: security/unsafe-deserialization
        config = yaml.load(handle, Loader=yaml.SafeLoader)  # expect-no-pattern: security/unsafe-deserialization
        data = yaml.safe_load(handle)  # expect-no-pattern: security/unsafe-deserialization
        raw = yaml.unsafe_load(handle)  # expect-pattern: security/unsafe-deserialization
    return config


def compute(expression, model):
    model.eval()  # expect-no-pattern: security/eval
    return eval(expression)  # expect-pattern: security/eval


def fetch(url, verify=False):  # expect-no-pattern: security/tls-verification-disabled
    insecure = requests.get(url, verify=False)  # expect-pattern: security/tls-verification-disabled
    secure = requests.get(url, verify=True, timeout=5)  # expect-no-pattern: security/tls-verification-disabled
    context = ssl.create_default_context()
    context.check_hostname = False  # expect-pattern: security/tls-verification-disabled
    return secure.json()


def find_user(cursor, user_id):
    cursor.execute(f"SELECT * FROM users WHERE id = {user_id}")  # expect-pattern: security/sql-string-built
    cursor.execute("SELECT * FROM users WHERE id = %s" % user_id)  # expect-pattern: security/sql-string-built
    cursor.execute("SELECT * FROM users WHERE name = '{}'".format(user_id))  # expect-pattern: security/sql-string-built
    cursor.execute("SELECT * FROM users WHERE id = %s", (user_id,))  # expect-pattern: security/sql-parameterized  expect-no-pattern: security/sql-string-built
    # expect-pattern: security/sql-parameterized
    cursor.execute(
        """
        SELECT id, email
        FROM users
        WHERE id = %(id)s
        """,
        {"id": user_id},
    )
    label = f"Selected user {user_id} from the list"  # expect-no-pattern: security/sql-string-built
    return cursor.fetchone()
