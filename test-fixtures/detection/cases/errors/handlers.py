import logging

import requests

log = logging.getLogger(__name__)


def load(path):
    try:
        return open(path).read()
    except OSError: # expect-pattern: errors/catch-typed  expect-no-pattern: errors/catch-all, errors/except-pass
        pass


def save(path, text):
    try:
        open(path, "w").write(text)
    except Exception as exc: # expect-pattern: errors/catch-logs, errors/catch-all  expect-no-pattern: errors/except-pass, errors/catch-typed
        log.exception("save failed: %s", exc)


def parse(text):
    try:
        return int(text)
    except: # expect-pattern: errors/catch-rethrows, errors/catch-all
        raise ValueError(text)


def fetch(session, url):
    try:
        return session.get(url, timeout=5).json()
    except requests.RequestException as exc: # expect-pattern: errors/catch-typed, errors/catch-rethrows  expect-no-pattern: errors/catch-all
        raise ConfigError(url) from exc


class ConfigError(Exception): # expect-pattern: errors/custom-error-class
    pass


def cleanup(path):
    try:
        os.remove(path)
    # expect-pattern: errors/except-pass, errors/catch-all
    except:
        pass


def best_effort(path):
    try:
        os.remove(path)
    except:  # expect-no-pattern: errors/except-pass
        # The file may already be gone; nothing to undo.
        pass
